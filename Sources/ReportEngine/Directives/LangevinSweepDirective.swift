import Foundation
import Landscape

/// `langevin-sweep`: overdamped Langevin dynamics at a grid of temperatures in the low-loss region
/// of a network that memorises random labels, or a table of data (`TemperatureSweep`), with the fluctuation dimensions
/// D_mean = 2⟨ΔL⟩/T and D_var = 2Var(L)/T², the active points, λ_max, the harmonic approximation at
/// the minimum and the boundary model's D ≈ n_active(k)·2/E1(1/k) (our reconstruction). Several
/// dataset sizes N run the same sweep; rows are N-major, temperature-minor. Sharded: each task is
/// the sweep of one dataset size (its chains are seeded by N and the temperature index); the merge
/// puts the sizes together in the order of `points`.
struct LangevinSweepDirective: ShardedDirective {
    static let name = "langevin-sweep"
    static let summary = "Langevin temperature sweep of a tanh network on random labels (or a table of data): ⟨ΔL⟩, Var(L), D_mean, D_var with τ_int error bars, active points, λ_max against the harmonic approximation and the boundary model."
    static let seeded = true

    struct Parameters: ParameterSet {
        let points = Parameter<[Int]>("points", in: 4...100_000, default: [100], "dataset sizes N (one sweep each; the first is the main one); with data, N rows drawn at random from the table (all of them, in order, when N is its row count)")
        let data = Parameter<Table?>(optionalReference: "data", "a table to train on instead of random data, such as obs.table of a data directive: the label column holds classes 0..C−1, every other numeric column is a feature")
        let label = Parameter<String>("label", default: "label", "the column of data holding the labels")
        let dimension = Parameter<Int>("dimension", in: 1...1000, default: 10, "input dimension d of the random data (without data)")
        let classes = Parameter<Int>("classes", in: 2...100, default: 2, "number of classes C of the random data (without data)")
        let width = Parameter<Int>("width", in: 1...1024, default: 32, "width of each of the two tanh hidden layers")
        let temperatures = Parameter<[Double]>("temperatures", in: 1e-12...1e3, default: [], "temperatures T (empty: t-count log-spaced from t-min to t-max)")
        let lowestTemperature = Parameter<Double>("t-min", in: 1e-12...1e3, default: 1e-5, "lowest temperature of the log-spaced grid")
        let highestTemperature = Parameter<Double>("t-max", in: 1e-12...1e3, default: 1e-2, "highest temperature of the log-spaced grid")
        let temperatureCount = Parameter<Int>("t-count", in: 1...100, default: 6, "temperatures in the log-spaced grid")
        let steps = Parameter<Int>("steps", in: 20...100_000_000, default: 20_000, "Langevin steps in the measurement window")
        let burnIn = Parameter<Int>("burn-in", in: 2...100_000_000, default: 10_000, "Langevin steps before the window")
        let recordEvery = Parameter<Int>("record-every", in: 1...10_000, default: 10, "steps between recorded losses")
        let stepSize = Parameter<Double>("step-size", in: 1e-9...10, default: 0.1, "η₀, the step size before adaptation and its upper bound")
        let curvature = Parameter<Double>("step-curvature", in: 0...2, default: 0.05, "c in η ← min(η₀, c/λ_max), set halfway through burn-in (0: keep η₀)")
        let windows = Parameter<Int>("windows", in: 1...100, default: 4, "successive sub-windows over which D is measured again")
        let validStep = Parameter<Double>("valid-step", in: 0...10, default: 0.3, "largest η·λ_max at the end of the window of a row counted as a small-step sample")
        let pretraining = Parameter<Int>("pretraining-steps", in: 500...10_000_000, default: 200_000, "most Adam steps of pre-training")
    }

    struct Results: ResultSet {
        let points = Output<[Int]>("points", "N of each row")
        let temperature = Output<[Double]>("temperature", "T of each row")
        let meanExcess = Output<[Double]>("mean_excess", "⟨ΔL⟩ = ⟨L⟩ − L0 over the window")
        let meanExcessError = Output<[Double]>("mean_excess_err", "its standard error (τ_int, Sokal's window)")
        let lossVariance = Output<[Double]>("loss_variance", "Var(L) over the window")
        let lossVarianceError = Output<[Double]>("loss_variance_err", "its standard error")
        let dMean = Output<[Double]>("d_mean", "D_mean = 2⟨ΔL⟩/T")
        let dMeanError = Output<[Double]>("d_mean_err", "its standard error")
        let dVar = Output<[Double]>("d_var", "D_var = 2Var(L)/T²")
        let dVarError = Output<[Double]>("d_var_err", "its standard error")
        let agreement = Output<[Double]>("z_mean_var", "(D_mean − D_var)/√(err² + err²)")
        let tau = Output<[Double]>("tau", "τ_int of ΔL, in recorded samples")
        let activeK2 = Output<[Double]>("active_k2", "mean number of points with ℓ_i/N > T/2 over the window")
        let activeK10 = Output<[Double]>("active_k10", "mean number of points with ℓ_i/N > T/10 over the window")
        let boundaryK2 = Output<[Double]>("boundary_d_k2", "boundary model (our reconstruction): D ≈ n_active(2)·2/E1(1/2)")
        let boundaryK10 = Output<[Double]>("boundary_d_k10", "boundary model: D ≈ n_active(10)·2/E1(1/10)")
        let ratioK2 = Output<[Double]>("ratio_k2", "D_mean / boundary_d_k2 (1 if the model holds)")
        let ratioK10 = Output<[Double]>("ratio_k10", "D_mean / boundary_d_k10")
        let lambdaMax = Output<[Double]>("lambda_max", "top Hessian eigenvalue at the end of the window")
        let harmonicLambdaMax = Output<[Double]>("harmonic_lambda_max", "the harmonic approximation's λ_max: the top eigenvalue at the pre-trained minimum, for every T")
        let harmonicDimension = Output<[Double]>("harmonic_d", "the harmonic approximation's D_stiff = Σ_{λ_i>0} (1 − e^{−2λ_i s}) over the Hessian spectrum at the minimum, averaged over the Langevin times s = Σ η of the window's records (NaN when P exceeds 4,000)")
        let harmonicMeanExcess = Output<[Double]>("harmonic_mean_excess", "its ⟨ΔL⟩ = D_stiff T/2")
        let stepSize = Output<[Double]>("step_size", "η after adaptation")
        let etaLambda = Output<[Double]>("eta_lambda_max", "η·λ_max at the end of the window")
        let accuracy = Output<[Double]>("accuracy", "training accuracy at the end of the window")
        let valid = Output<[Int]>("valid", "1 where η·λ_max ≤ valid-step and the accuracy is 100 %")
        let windowDMean = Output<Matrix>("window_d_mean", "D_mean over successive sub-windows (rows as above)")
        let windowDMeanError = Output<Matrix>("window_d_mean_err", "their standard errors")
        let minimumLoss = Output<[Double]>("minimum_loss", "L0 after pre-training, per dataset size")
        let pretrainingSteps = Output<[Int]>("pretraining_steps", "Adam steps of pre-training, per dataset size")
        let parameterCount = Output<Int>("parameters", "P, the number of network parameters")
        let harmonicEigenvalues = Output<Matrix>("harmonic_eigenvalues", "the 10 largest Hessian eigenvalues at each pre-trained minimum (rows: dataset sizes)")
        let traceSteps = Output<[Double]>("trace_steps", "steps of the thinned loss traces")
        let traces = Output<Matrix>("traces", "thinned loss series from step 0, one row per temperature of the first N")
        let burnIn = Output<Int>("burn_in", "burn-in steps")
        let windowExcess = Output<Matrix>("window_excess", "ΔL at every record of the window, one row per temperature of the first N")
        let validRows = Output<Int>("valid_rows", "rows with valid = 1")
        let largestValidZ = Output<Double>("largest_valid_z", "largest |z_mean_var| over the valid rows")
        let validZRMS = Output<Double>("valid_z_rms", "root mean square of z_mean_var over the valid rows (≈ 1 if D_mean = D_var and the error bars are right)")
        let agreeingRows = Output<Int>("agreeing_rows", "valid rows with |z_mean_var| ≤ 2")
        let varianceAboveMean = Output<Int>("var_above_mean", "valid rows with D_var > D_mean")
        let lambdaSlope = Output<Double>("lambda_slope", "least-squares slope of log λ_max against log T over the valid rows of the first N (harmonic approximation: 0)")
        let lambdaIncreasing = Output<Bool>("lambda_increasing", "whether λ_max increases from each temperature of the first N to the next")
        let ratioK2Range = Output<[Double]>("ratio_k2_range", "smallest and largest ratio_k2 over the valid rows")
        let ratioK10Range = Output<[Double]>("ratio_k10_range", "smallest and largest ratio_k10 over the valid rows")
        let harmonicRatioRange = Output<[Double]>("harmonic_ratio_range", "smallest and largest D_mean / D_stiff over the valid rows (1 if the harmonic approximation held)")
        let table = Output<Table>("table", "one row per (N, T): the estimates with their errors, τ_int of ΔL in steps, active points, λ_max, η·λ_max, accuracy")
        let tracesFigure = FigureOutput<Results>("traces_figure", "loss traces at the temperatures of the first N (log y)") { LangevinFigures.traces($0) }
        let histogramFigure = FigureOutput<Results>("histogram_figure", "excess-loss histograms against Gamma(D_mean/2, T)") { LangevinFigures.histograms($0) }
        let fluctuationFigure = FigureOutput<Results>("fluctuation_figure", "⟨ΔL⟩ and Var(L) against T, and D_mean, D_var with the boundary model") { LangevinFigures.fluctuations($0) }
        let curvatureFigure = FigureOutput<Results>("curvature_figure", "λ_max against T beside the harmonic approximation") { LangevinFigures.curvature($0) }
        let windowFigure = FigureOutput<Results>("window_figure", "D_mean over successive sub-windows at each temperature of the first N") { LangevinFigures.windows($0) }
        let dimensionFigure = FigureOutput<Results>("dimension_figure", "D_mean against n_active(k) over every row, with the boundary model's ratios") { LangevinFigures.dimensions($0) }
    }

    static func taskCount(_ arguments: Arguments<Parameters>) -> Int { arguments.points.count }

    static func computeTask(_ arguments: Arguments<Parameters>, index: Int, context: ComputeContext) throws -> Record {
        SizeSweepRecord.record(try sweep(arguments, seed: context.seed).run(size: index, threads: context.threads))
    }

    static func merge(_ arguments: Arguments<Parameters>, tasks: [Record], context: ComputeContext) throws -> ResultRecord<Results> {
        let sweep = try sweep(arguments, seed: context.seed)
        let sizes = try tasks.enumerated().map { index, record in
            guard let size = SizeSweepRecord.sizeSweep(record, points: arguments.points[index], of: sweep) else {
                throw DirectiveFailure("the stored sweep of task \(index + 1) is malformed")
            }
            return size
        }
        if case let (n, failed)? = zip(arguments.points, sizes).first(where: { !$1.converged }) {
            throw DirectiveFailure("pre-training of N = \(n) reached L0 = \(failed.minimumLoss) and accuracy \(failed.accuracy) in \(failed.pretrainingSteps) steps, short of 100 % and L0 ≤ \(sweep.minimumLossFraction) T_min; raise pretraining-steps")
        }
        let rows = sizes.flatMap(\.measurements)
        let harmonic = sizes.flatMap { size in size.measurements.map { _ in size.eigenvalues[0] } }
        let etaLambda = rows.map { $0.stepSize * $0.maximumEigenvalue }
        let dMean = rows.map(\.fluctuations.dimensionFromMean), dVar = rows.map(\.fluctuations.dimensionFromVariance)
        let z = zip(dMean, dVar).map { ($0.value - $1.value) / ($0.standardError * $0.standardError + $1.standardError * $1.standardError).squareRoot() }
        let valid = rows.indices.map { etaLambda[$0] <= arguments.validStep && rows[$0].accuracy == 1 ? 1 : 0 }
        let boundary = rows.map(\.boundaryModelDimensions)
        let main = rows.prefix(sweep.temperatures.count)
        let thinning = max(1, main[0].losses.count / 400)

        var results = ResultRecord<Results>()
        results.points = rows.map(\.points)
        results.temperature = rows.map(\.temperature)
        results.meanExcess = rows.map(\.fluctuations.meanExcess.value)
        results.meanExcessError = rows.map(\.fluctuations.meanExcess.standardError)
        results.lossVariance = rows.map(\.fluctuations.lossVariance.value)
        results.lossVarianceError = rows.map(\.fluctuations.lossVariance.standardError)
        results.dMean = dMean.map(\.value)
        results.dMeanError = dMean.map(\.standardError)
        results.dVar = dVar.map(\.value)
        results.dVarError = dVar.map(\.standardError)
        results.agreement = z
        results.tau = rows.map(\.fluctuations.meanExcess.correlationTime)
        results.activeK2 = rows.map { $0.activePoints[0] }
        results.activeK10 = rows.map { $0.activePoints[1] }
        results.boundaryK2 = boundary.map { $0[0] }
        results.boundaryK10 = boundary.map { $0[1] }
        results.ratioK2 = zip(dMean, boundary).map { $0.value / $1[0] }
        results.ratioK10 = zip(dMean, boundary).map { $0.value / $1[1] }
        results.lambdaMax = rows.map(\.maximumEigenvalue)
        results.harmonicLambdaMax = harmonic
        results.harmonicDimension = rows.map(\.harmonicDimension)
        results.harmonicMeanExcess = rows.map { $0.harmonicDimension * $0.temperature / 2 }
        results.stepSize = rows.map(\.stepSize)
        results.etaLambda = etaLambda
        results.accuracy = rows.map(\.accuracy)
        results.valid = valid
        results.windowDMean = Matrix(rows.map { $0.successiveWindows.map(\.dimensionFromMean.value) })
        results.windowDMeanError = Matrix(rows.map { $0.successiveWindows.map(\.dimensionFromMean.standardError) })
        results.minimumLoss = sizes.map(\.minimumLoss)
        results.pretrainingSteps = sizes.map(\.pretrainingSteps)
        results.parameterCount = sizes[0].parameterCount
        results.harmonicEigenvalues = Matrix(sizes.map(\.eigenvalues))
        results.traceSteps = stride(from: 0, to: main[0].losses.count, by: thinning).map { Double($0 * arguments.recordEvery) }
        results.traces = Matrix(main.map { m in stride(from: 0, to: m.losses.count, by: thinning).map { m.losses[$0] } })
        results.burnIn = arguments.burnIn
        results.windowExcess = Matrix(main.map { m in m.losses[m.windowStart...].map { $0 - m.fluctuations.minimumLoss } })
        results.validRows = valid.reduce(0, +)
        let validZ = rows.indices.filter { valid[$0] == 1 }.map { z[$0] }
        results.largestValidZ = validZ.map(abs).max() ?? .nan
        results.validZRMS = (validZ.reduce(0) { $0 + $1 * $1 } / Double(validZ.count)).squareRoot()
        results.agreeingRows = validZ.filter { abs($0) <= 2 }.count
        results.varianceAboveMean = validZ.filter { $0 < 0 }.count
        let validMain = main.indices.filter { valid[$0] == 1 }
        results.lambdaSlope = leastSquaresSlope(x: validMain.map { log(rows[$0].temperature) }, y: validMain.map { log(rows[$0].maximumEigenvalue) })
        results.lambdaIncreasing = zip(main, main.dropFirst()).allSatisfy { $0.maximumEigenvalue < $1.maximumEigenvalue }
        let ratios = rows.indices.filter { valid[$0] == 1 }.map { i in (dMean[i].value / boundary[i][0], dMean[i].value / boundary[i][1]) }
        results.ratioK2Range = [ratios.map(\.0).min() ?? .nan, ratios.map(\.0).max() ?? .nan]
        results.ratioK10Range = [ratios.map(\.1).min() ?? .nan, ratios.map(\.1).max() ?? .nan]
        let harmonicRatios = rows.indices.filter { valid[$0] == 1 }.map { dMean[$0].value / rows[$0].harmonicDimension }.filter { !$0.isNaN }
        results.harmonicRatioRange = [harmonicRatios.min() ?? .nan, harmonicRatios.max() ?? .nan]
        results.table = Table(
            columns: ["N", "T", "⟨ΔL⟩", "± ⟨ΔL⟩", "D_mean", "± D_mean", "D_var", "± D_var", "τ_int (steps)", "n_act(2)",
                      "n_act(10)", "λ_max", "η·λ_max", "accuracy"],
            rows: rows.indices.map { i in
                let m = rows[i]
                return [.int(m.points), .real(m.temperature), .real(m.fluctuations.meanExcess.value),
                        .real(m.fluctuations.meanExcess.standardError), .real(dMean[i].value), .real(dMean[i].standardError),
                        .real(dVar[i].value), .real(dVar[i].standardError),
                        .real(m.fluctuations.meanExcess.correlationTime * Double(arguments.recordEvery)),
                        .real(m.activePoints[0]), .real(m.activePoints[1]),
                        .real(m.maximumEigenvalue), .real(etaLambda[i]), .real(m.accuracy)]
            })
        return results
    }

    /// The sweep the arguments describe, seeded with the directive's seed.
    private static func sweep(_ arguments: Arguments<Parameters>, seed: UInt64) throws -> TemperatureSweep {
        let temperatures = arguments.temperatures.isEmpty
            ? TemperatureSweep.logSpaced(from: arguments.lowestTemperature, to: arguments.highestTemperature, count: arguments.temperatureCount)
            : arguments.temperatures
        guard arguments.steps / arguments.recordEvery >= 2 * arguments.windows else {
            throw DirectiveFailure("the window holds \(arguments.steps / arguments.recordEvery) records, too few for \(arguments.windows) sub-windows")
        }
        let data = try arguments.data.map { try Dataset(table: $0, label: arguments.label, name: "the data table") }
        if let data, let largest = arguments.points.max(), largest > data.count {
            throw DirectiveFailure("points asks for N = \(largest) rows, but the data table has \(data.count)")
        }
        var sweep = TemperatureSweep(
            points: arguments.points, dimension: arguments.dimension, classes: arguments.classes, width: arguments.width,
            temperatures: temperatures, burnIn: arguments.burnIn, steps: arguments.steps,
            recordEvery: arguments.recordEvery, stepSize: arguments.stepSize, seed: seed)
        sweep.data = data
        sweep.adaptiveStepCurvature = arguments.curvature > 0 ? arguments.curvature : nil
        sweep.windows = arguments.windows
        sweep.maximumPretrainingSteps = arguments.pretraining
        return sweep
    }

    /// The slope b of the least-squares line y ≈ a + b x: Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² (NaN for fewer
    /// than two distinct x).
    static func leastSquaresSlope(x: [Double], y: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }, sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        return sxx > 0 ? sxy / sxx : .nan
    }
}

/// One task's sweep of a dataset size as a stored record: of its pre-trained minimum what the
/// merge reads (L0, accuracy, Adam steps, convergence, P and the 10 largest Hessian eigenvalues),
/// and of each temperature's chain what it recorded (one row each: η after adaptation, the loss
/// series, the active points, λ_max, accuracy, D_stiff). The fluctuation dimensions are computed
/// again from the loss series, by the same code, so they come back bit for bit.
enum SizeSweepRecord {
    /// A dataset size's minimum as the merge reads it, and its chains in temperature order.
    struct SizeSweep {
        var minimumLoss: Double, accuracy: Double, pretrainingSteps: Int, converged: Bool, parameterCount: Int
        /// The 10 largest Hessian eigenvalues at the minimum (all of them when P < 10), descending.
        var eigenvalues: [Double]
        var measurements: [TemperatureSweep.Measurement]
    }

    static func record(_ sweep: TemperatureSweep.Result) -> Record {
        let minimum = sweep.minima[0], chains = sweep.measurements
        return Record([
            ("minimum_loss", .real(minimum.value)),
            ("accuracy", .real(minimum.accuracy)),
            ("pretraining_steps", .int(minimum.pretrainingSteps)),
            ("converged", .boolean(minimum.converged)),
            ("parameters", .int(minimum.loss.network.parameterCount)),
            ("eigenvalues", .vector(Array(minimum.harmonic.eigenvalues.prefix(10)))),
            ("window_start", .int(chains[0].windowStart)),
            ("step_size", chains.map(\.stepSize).value),
            ("losses", .matrix(Matrix(chains.map(\.losses)))),
            ("active_points", .matrix(Matrix(chains.map(\.activePoints)))),
            ("lambda_max", chains.map(\.maximumEigenvalue).value),
            ("chain_accuracy", chains.map(\.accuracy).value),
            ("harmonic_d", chains.map(\.harmonicDimension).value),
        ])
    }

    /// The sweep of `points` stored in `record` with the temperatures and windows of `sweep`, or
    /// nil if it is not such a record.
    static func sizeSweep(_ record: Record, points: Int, of sweep: TemperatureSweep) -> SizeSweep? {
        guard let minimumLoss = record["minimum_loss"].flatMap(Double.init(value:)),
              let accuracy = record["accuracy"].flatMap(Double.init(value:)),
              let pretrainingSteps = record["pretraining_steps"].flatMap(Int.init(value:)),
              case .boolean(let converged)? = record["converged"],
              let parameterCount = record["parameters"].flatMap(Int.init(value:)),
              let eigenvalues = record["eigenvalues"].flatMap([Double].init(value:)), !eigenvalues.isEmpty,
              let windowStart = record["window_start"].flatMap(Int.init(value:)),
              let stepSize = record["step_size"].flatMap([Double].init(value:)),
              let losses = record["losses"].flatMap(Matrix.init(value:)),
              let activePoints = record["active_points"].flatMap(Matrix.init(value:)),
              let lambdaMax = record["lambda_max"].flatMap([Double].init(value:)),
              let chainAccuracy = record["chain_accuracy"].flatMap([Double].init(value:)),
              let harmonicDimension = record["harmonic_d"].flatMap([Double].init(value:)),
              case let count = sweep.temperatures.count,
              [stepSize.count, losses.rows, activePoints.rows, lambdaMax.count, chainAccuracy.count, harmonicDimension.count]
                  .allSatisfy({ $0 == count }),
              activePoints.columns == TemperatureSweep.activeThresholds.count,
              windowStart >= 0, losses.columns - windowStart >= 2 * sweep.windows else { return nil }
        let measurements = sweep.temperatures.indices.map { j in
            TemperatureSweep.Measurement(
                points: points, temperature: sweep.temperatures[j], stepSize: stepSize[j], losses: losses.row(j),
                windowStart: windowStart, windows: sweep.windows, minimumLoss: minimumLoss, activePoints: activePoints.row(j),
                maximumEigenvalue: lambdaMax[j], accuracy: chainAccuracy[j], harmonicDimension: harmonicDimension[j])
        }
        return SizeSweep(minimumLoss: minimumLoss, accuracy: accuracy, pretrainingSteps: pretrainingSteps, converged: converged,
                         parameterCount: parameterCount, eigenvalues: eigenvalues, measurements: measurements)
    }
}
