import Foundation
import Landscape

/// `langevin-sweep`: overdamped Langevin dynamics at a grid of temperatures in the low-loss region
/// of a network that memorises random labels, or a table of data (`TemperatureSweep`), repeated
/// over independent replicates (each its own dataset, initialisation, pre-training and chains),
/// with the fluctuation dimensions D_mean = 2⟨ΔL⟩/T and D_var = 2Var(L)/T², their difference and
/// the drift of the window tested across replicates, the fluctuation–response identity between
/// neighbouring temperatures, D_var/D_mean against the window's length, the active points, λ_max
/// averaged over the window against the harmonic approximation at the minimum, and the boundary
/// model's D ≈ n_active(k)·2/E1(1/k) (our reconstruction) beside its harmonic null. Windows are
/// fixed in Langevin time. Rows are N-major, temperature-minor; every value of a row is the mean
/// over the replicates and every error bar their standard error. Sharded: each task is the sweep
/// of one dataset size in one replicate (its seed derived from the directive's and the replicate).
struct LangevinSweepDirective: ShardedDirective {
    static let name = "langevin-sweep"
    static let summary = "Langevin temperature sweep of a tanh network on random labels (or a table of data), over independent replicates, windows fixed in Langevin time: ⟨ΔL⟩, Var(L), D_mean, D_var, their gap, stationarity, the fluctuation–response identity, active points, λ_max against the harmonic approximation, the boundary model and its harmonic null."
    static let seeded = true

    struct Parameters: ParameterSet {
        let points = Parameter<[Int]>("points", in: 4...100_000, default: [100], "dataset sizes N (one sweep each; the first is the main one); with data, N rows drawn at random from the table (all of them, in order, when N is its row count)")
        let data = Parameter<Table?>(optionalReference: "data", "a table to train on instead of random data, such as obs.table of a data directive: the label column holds classes 0..C−1, every other numeric column is a feature")
        let label = Parameter<String>("label", default: "label", "the column of data holding the labels")
        let dimension = Parameter<Int>("dimension", in: 1...1000, default: 10, "input dimension d of the random data (without data)")
        let classes = Parameter<Int>("classes", in: 2...100, default: 2, "number of classes C of the random data (without data)")
        let width = Parameter<Int>("width", in: 1...1024, default: 32, "width of each of the two tanh hidden layers")
        let repeats = Parameter<Int>("repeats", in: 2...100, default: 5, "independent replicates of the whole sweep: each its own dataset, initialisation, pre-training and chain noise; error bars are their standard errors")
        let temperatures = Parameter<[Double]>("temperatures", in: 1e-12...1e3, default: [], "temperatures T of the first N (empty: t-count log-spaced from t-min to t-max)")
        let lowestTemperature = Parameter<Double>("t-min", in: 1e-12...1e3, default: 1e-5, "lowest temperature of the log-spaced grid")
        let highestTemperature = Parameter<Double>("t-max", in: 1e-12...1e3, default: 1e-2, "highest temperature of the log-spaced grid")
        let temperatureCount = Parameter<Int>("t-count", in: 1...100, default: 6, "temperatures in the log-spaced grid of the first N")
        let otherCount = Parameter<Int>("other-t-count", in: 0...100, default: 0, "temperatures log-spaced from t-min to t-max for the other N (0: the grid of the first N)")
        let window = Parameter<Double>("window", in: 1e-6...1e9, default: 400, "Langevin time Σ η of the measurement window, the same at every temperature")
        let burnIn = Parameter<Double>("burn-in", in: 1e-6...1e9, default: 400, "Langevin time of the burn-in (the first half at η₀, the second after the step-size adaptation)")
        let records = Parameter<Int>("records", in: 16...1_000_000, default: 2000, "equally spaced records of the loss in the window")
        let stepSize = Parameter<Double>("step-size", in: 1e-9...10, default: 0.1, "η₀, the step size before adaptation and its upper bound")
        let curvature = Parameter<Double>("step-curvature", in: 0...2, default: 0.05, "c in η ← min(η₀, c/λ_max), set halfway through burn-in (0: keep η₀)")
        let curvatureSamples = Parameter<Int>("curvature-samples", in: 1...100, default: 4, "λ_max is computed at the end of each of this many equal parts of the window")
        let validStep = Parameter<Double>("valid-step", in: 0...10, default: 0.3, "largest η·λ_max in the window of a row counted as a small-step sample")
        let stationarity = Parameter<Double>("stationarity-p", in: 0...1, default: 0.05, "a row is stationary unless the paired t test of ⟨ΔL⟩ in the two halves of the window, over the replicates, gives p below this")
        let startLoss = Parameter<Double>("start-loss", in: 1e-6...100, default: 0.01, "pre-training stops at 100 % accuracy once L0 ≤ this fraction of t-min (the start depth of the chains)")
        let pretraining = Parameter<Int>("pretraining-steps", in: 500...10_000_000, default: 200_000, "most Adam steps of pre-training (with weight decay: all of them, then 2,000 steps of gradient descent at η = 1/λ_max)")
        let weightDecay = Parameter<Double>("weight-decay", in: 0...100, default: 0, "α of a weight decay (α/2)|θ|² added to the loss, a control in which the Gibbs measure is normalisable; every loss reported is then the decayed one")
        let probeSteps = Parameter<Int>("probe-steps", in: 0...10_000_000, default: 2000, "steps of the probe at the end of each window of the first N: the variance of θ along the top Hessian eigenvectors there against T/λ_i, and the whole Hessian spectrum there (0: none)")
    }

    struct Results: ResultSet {
        let replicates = Output<Int>("replicates", "number of independent replicates behind every mean and error bar")
        let points = Output<[Int]>("points", "N of each row")
        let temperature = Output<[Double]>("temperature", "T of each row")
        let meanExcess = Output<[Double]>("mean_excess", "⟨ΔL⟩ = ⟨L⟩ − L0 over the window (mean over replicates)")
        let meanExcessError = Output<[Double]>("mean_excess_err", "its standard error between replicates")
        let lossVariance = Output<[Double]>("loss_variance", "Var(L) over the window")
        let lossVarianceError = Output<[Double]>("loss_variance_err", "its standard error between replicates")
        let dMean = Output<[Double]>("d_mean", "D_mean = 2⟨ΔL⟩/T")
        let dMeanError = Output<[Double]>("d_mean_err", "its standard error between replicates")
        let dVar = Output<[Double]>("d_var", "D_var = 2Var(L)/T²")
        let dVarError = Output<[Double]>("d_var_err", "its standard error between replicates")
        let gap = Output<[Double]>("d_gap", "D_var − D_mean, replicate by replicate, averaged")
        let gapError = Output<[Double]>("d_gap_err", "its standard error")
        let gapP = Output<[Double]>("d_gap_p", "two-sided p of the paired t test of D_var against D_mean over the replicates")
        let tau = Output<[Double]>("tau", "τ_int of ΔL in Langevin time (Sokal's window), mean over replicates")
        let windowTime = Output<[Double]>("window_time", "Langevin time of the window (the same at every T to within one record)")
        let windowTaus = Output<[Double]>("window_taus", "the window in units of τ_int (error bars within a chain are trusted from 100)")
        let drift = Output<[Double]>("drift", "(⟨ΔL⟩ in the second half − in the first half)/⟨ΔL⟩ of the window, mean over replicates")
        let driftError = Output<[Double]>("drift_err", "its standard error")
        let driftP = Output<[Double]>("drift_p", "two-sided p of the paired t test of ⟨ΔL⟩ in the second half against the first, over the replicates")
        let stationary = Output<[Int]>("stationary", "1 where drift_p ≥ stationarity-p")
        let activeK2 = Output<[Double]>("active_k2", "mean number of points with ℓ_i/N > T/2 over the window")
        let activeK10 = Output<[Double]>("active_k10", "mean number of points with ℓ_i/N > T/10 over the window")
        let boundaryK2 = Output<[Double]>("boundary_d_k2", "boundary model (our reconstruction): D ≈ n_active(2)·2/E1(1/2)")
        let boundaryK10 = Output<[Double]>("boundary_d_k10", "boundary model: D ≈ n_active(10)·2/E1(1/10)")
        let nullK2 = Output<[Double]>("null_d_k2", "harmonic null, one harmonic coordinate per point: D ≈ n_active(2)/erfc(√(1/2))")
        let nullK10 = Output<[Double]>("null_d_k10", "harmonic null: D ≈ n_active(10)/erfc(√(1/10))")
        let ratioK2 = Output<[Double]>("ratio_k2", "D_mean / boundary_d_k2, replicate by replicate, averaged (1 if the model holds)")
        let ratioK10 = Output<[Double]>("ratio_k10", "D_mean / boundary_d_k10")
        let nullRatioK10 = Output<[Double]>("null_ratio_k10", "D_mean / null_d_k10 (1 if the harmonic null holds)")
        let lambdaMax = Output<[Double]>("lambda_max", "top Hessian eigenvalue averaged over the window's parts, mean over replicates")
        let lambdaMaxError = Output<[Double]>("lambda_max_err", "its standard error between replicates")
        let harmonicLambdaMax = Output<[Double]>("harmonic_lambda_max", "the harmonic approximation's λ_max: the top eigenvalue at the pre-trained minimum, mean over replicates")
        let harmonicDimension = Output<[Double]>("harmonic_d", "the harmonic approximation's D_stiff = Σ_{λ_i>0} (1 − e^{−2λ_i s}) over the Hessian spectrum at the minimum, averaged over the Langevin times s of the window's records (NaN when P exceeds 4,000)")
        let harmonicMeanExcess = Output<[Double]>("harmonic_mean_excess", "its ⟨ΔL⟩ = D_stiff T/2")
        let stepSize = Output<[Double]>("step_size", "η after adaptation, mean over replicates")
        let etaLambda = Output<[Double]>("eta_lambda_max", "the largest η·λ_max over the window's parts and the replicates")
        let accuracy = Output<[Double]>("accuracy", "the lowest training accuracy at the end of the window over the replicates")
        let valid = Output<[Int]>("valid", "1 where η·λ_max ≤ valid-step, the accuracy is 100 % in every replicate and the row is stationary")
        let windowLengths = Output<[Double]>("window_lengths", "Langevin times of the windows within which variance_ratio measures Var(L): 1/8, 1/4, 1/2 and 1 of the window")
        let varianceRatio = Output<Matrix>("variance_ratio", "D_var/D_mean with Var(L) measured within windows of each length (rows as above)")
        let varianceRatioError = Output<Matrix>("variance_ratio_err", "its standard errors")
        let responsePoints = Output<[Int]>("response_points", "N of each pair of neighbouring temperatures")
        let responseTemperature = Output<[Double]>("response_temperature", "√(T_a T_b) of each pair")
        let dResponse = Output<[Double]>("d_response", "2(⟨L⟩_b − ⟨L⟩_a)/(T_b − T_a): D_var if the fluctuation–response identity holds")
        let dResponseError = Output<[Double]>("d_response_err", "its standard error between replicates")
        let dFluctuation = Output<[Double]>("d_fluctuation", "√(D_var,a D_var,b), the fluctuation side at the same T")
        let dFluctuationError = Output<[Double]>("d_fluctuation_err", "its standard error between replicates")
        let responseP = Output<[Double]>("response_p", "two-sided p of the paired t test of d_fluctuation against d_response over the replicates")
        let responseAbove = Output<Int>("response_above", "pairs with d_fluctuation > d_response")
        let minimumLoss = Output<[Double]>("minimum_loss", "L0 after pre-training, per dataset size, mean over replicates")
        let pretrainingSteps = Output<[Int]>("pretraining_steps", "most Adam steps of pre-training over the replicates, per dataset size")
        let lambdaSlope = Output<[Double]>("lambda_slope", "least-squares slope of log λ_max against log T, per dataset size (harmonic approximation: 0)")
        let lambdaIncreasing = Output<[Int]>("lambda_increasing", "per dataset size, 1 if the mean λ_max increases from each temperature to the next")
        let parameterCount = Output<Int>("parameters", "P, the number of network parameters")
        let traceTimes = Output<Matrix>("trace_times", "Langevin times of the thinned loss traces of replicate 1, one row per temperature of the first N")
        let traces = Output<Matrix>("traces", "the thinned loss traces from time 0")
        let windowStart = Output<[Double]>("window_start", "Langevin time at which each trace's window starts")
        let windowExcess = Output<Matrix>("window_excess", "ΔL at every record of the window of replicate 1, one row per temperature of the first N")
        let validRows = Output<Int>("valid_rows", "rows with valid = 1")
        let stationaryRows = Output<Int>("stationary_rows", "rows with stationary = 1")
        let varianceAboveMean = Output<Int>("var_above_mean", "rows with D_var > D_mean")
        let varianceAboveSignificant = Output<Int>("var_above_significant", "rows with D_var > D_mean and d_gap_p < 0.05")
        let varianceBelowSignificant = Output<Int>("var_below_significant", "rows with D_var < D_mean and d_gap_p < 0.05")
        let ratioK2Range = Output<[Double]>("ratio_k2_range", "smallest and largest ratio_k2 over the valid rows")
        let ratioK10Range = Output<[Double]>("ratio_k10_range", "smallest and largest ratio_k10 over the valid rows")
        let nullRatioK10Range = Output<[Double]>("null_ratio_k10_range", "smallest and largest null_ratio_k10 over the valid rows")
        let harmonicRatioRange = Output<[Double]>("harmonic_ratio_range", "smallest and largest D_mean / D_stiff over the valid rows (1 if the harmonic approximation held)")
        let table = Output<Table>("table", "one row per (N, T): the estimates with their standard errors between replicates, the gap and its p, the drift and its p, τ_int and the window in τ_int, active points, λ_max, η·λ_max, accuracy")
        let tracesFigure = FigureOutput<Results>("traces_figure", "loss traces of replicate 1 at the temperatures of the first N against Langevin time (log y)") { LangevinFigures.traces($0) }
        let histogramFigure = FigureOutput<Results>("histogram_figure", "excess-loss histograms of replicate 1 against Gamma(D_mean/2, T)") { LangevinFigures.histograms($0) }
        let fluctuationFigure = FigureOutput<Results>("fluctuation_figure", "⟨ΔL⟩, Var(L), and D_mean, D_var and the response D against T, with the boundary model") { LangevinFigures.fluctuations($0) }
        let curvatureFigure = FigureOutput<Results>("curvature_figure", "window-averaged λ_max against T for every N beside the harmonic approximation, and η·λ_max") { LangevinFigures.curvature($0) }
        let windowFigure = FigureOutput<Results>("window_figure", "D_var/D_mean against the length of the window within which Var(L) is measured, first N") { LangevinFigures.windows($0) }
        let activeShare = Output<[Double]>("active_share", "n_active(2)/n_active(10), replicate by replicate, averaged: 0.307 for the boundary model's per-point law, 0.485 for the harmonic null")
        let activeShareError = Output<[Double]>("active_share_err", "its standard error between replicates")
        let activeShareLaws = Output<[Double]>("active_share_laws", "the boundary model's and the harmonic null's active_share: E1(1/2)/E1(1/10) and erfc√(1/2)/erfc√(1/10)")
        let activeShareCloser = Output<Int>("active_share_closer", "valid rows whose active_share is closer to the boundary model's than to the harmonic null's")
        let ratioBins = Output<[Double]>("ratio_bins", "geometric centres of the logarithmic bins of s = c_i/T, from 1/50 to 1,562.5")
        let ratioDensity = Output<Matrix>("ratio_density", "density of s = c_i/T per unit ln s among the points with s ≥ 1/50, pooled over records and replicates, one row per temperature of the first N")
        let ratioModelDensity = Output<[Double]>("ratio_model_density", "the boundary model's density per unit ln s (ε → 0, conditional on s ≥ 1/50)")
        let ratioNullDensity = Output<[Double]>("ratio_null_density", "the harmonic null's, s ~ Gamma(1/2)")
        let ratioLogLikelihood = Output<[Double]>("ratio_log_likelihood", "per temperature of the first N: the mean log-likelihood ratio per point and record of the binned boundary model over the harmonic null, over the bins where both are positive (positive: the model fits better)")
        let spreadRatio = Output<Matrix>("spread_ratio", "at the end of each window of the first N: Var(v_i·θ) λ_i/T over the probe, for the top eigenvectors v_i there (1 if harmonic), mean over replicates; one row per temperature")
        let spreadRatioError = Output<Matrix>("spread_ratio_err", "its standard errors")
        let spreadRatioRange = Output<[Double]>("spread_ratio_range", "smallest and largest spread_ratio over the temperatures and directions")
        let sampledLambda = Output<Matrix>("sampled_lambda", "the top Hessian eigenvalues at the end of each window of the first N, mean over replicates")
        let probeTime = Output<[Double]>("probe_time", "Langevin time of the probe at each temperature of the first N, mean over replicates")
        let probeRelaxations = Output<Matrix>("probe_relaxations", "the probe's length in units of 1/λ_i, the relaxation time of a harmonic direction, per temperature and direction")
        let countAboveT = Output<[Double]>("count_above_t", "at the end of each window of the first N: the number of Hessian eigenvalues above T (the whole spectrum), mean over replicates")
        let countAboveTError = Output<[Double]>("count_above_t_err", "its standard error between replicates")
        let spectra = Output<Matrix>("spectra", "the 100 largest Hessian eigenvalues at the end of each window of the first N, replicate 1, one row per temperature")
        let geometryFigure = FigureOutput<Results>("geometry_figure", "the harmonic test at sampled points: Var(v_i·θ)λ_i/T against T, the spectra at the window's end in units of T, and n(λ > T) against D_mean") { LangevinFigures.geometry($0) }
        let ratioFigure = FigureOutput<Results>("ratio_figure", "the density of s = c_i/T per unit ln s at each temperature of the first N, against the boundary model and the harmonic null") { LangevinFigures.ratios($0) }
        let dimensionFigure = FigureOutput<Results>("dimension_figure", "D_mean against n_active(k) over every row, with the boundary model and its harmonic null") { LangevinFigures.dimensions($0) }
    }

    /// The fractions of the window within which `variance_ratio` measures Var(L).
    static let windowPieces = [8, 4, 2, 1]

    static func taskCount(_ arguments: Arguments<Parameters>) -> Int { arguments.repeats * arguments.points.count }

    /// Task `index` is dataset size `index % sizes` of replicate `index / sizes`.
    static func computeTask(_ arguments: Arguments<Parameters>, index: Int, context: ComputeContext) throws -> Record {
        let (replicate, size) = index.quotientAndRemainder(dividingBy: arguments.points.count)
        return SizeSweepRecord.record(try sweep(arguments, size: size, replicate: replicate, seed: context.seed).run(size: 0, threads: context.threads))
    }

    static func merge(_ arguments: Arguments<Parameters>, tasks: [Record], context: ComputeContext) throws -> ResultRecord<Results> {
        let sizes = arguments.points.count
        let sweeps = try tasks.enumerated().map { index, record in
            let (replicate, size) = index.quotientAndRemainder(dividingBy: sizes)
            let sweep = try sweep(arguments, size: size, replicate: replicate, seed: context.seed)
            guard let stored = SizeSweepRecord.sizeSweep(record, points: arguments.points[size], of: sweep) else {
                throw DirectiveFailure("the stored sweep of task \(index + 1) is malformed")
            }
            if !stored.converged {  // (always converged with weight decay)
                throw DirectiveFailure("pre-training of N = \(arguments.points[size]) in replicate \(replicate + 1) reached L0 = \(stored.minimumLoss) and accuracy \(stored.accuracy) in \(stored.pretrainingSteps) steps, short of 100 % and L0 ≤ \(sweep.minimumLossFraction) T_min; raise pretraining-steps")
            }
            return stored
        }
        // replicates[r][s]: replicate r of size s.
        let replicates = stride(from: 0, to: sweeps.count, by: sizes).map { Array(sweeps[$0..<($0 + sizes)]) }
        return try LangevinSweepSummary(arguments: arguments, replicates: replicates).results()
    }

    /// The temperatures of dataset size `points[size]`.
    static func temperatures(_ arguments: Arguments<Parameters>, size: Int) -> [Double] {
        if size > 0, arguments.otherCount > 0 {
            return TemperatureSweep.logSpaced(from: arguments.lowestTemperature, to: arguments.highestTemperature, count: arguments.otherCount)
        }
        return arguments.temperatures.isEmpty
            ? TemperatureSweep.logSpaced(from: arguments.lowestTemperature, to: arguments.highestTemperature, count: arguments.temperatureCount)
            : arguments.temperatures
    }

    /// The sweep of dataset size `points[size]` in replicate `replicate`, seeded from the
    /// directive's seed and the replicate.
    static func sweep(_ arguments: Arguments<Parameters>, size: Int, replicate: Int, seed: UInt64) throws -> TemperatureSweep {
        let data = try arguments.data.map { try Dataset(table: $0, label: arguments.label, name: "the data table") }
        if let data, let largest = arguments.points.max(), largest > data.count {
            throw DirectiveFailure("points asks for N = \(largest) rows, but the data table has \(data.count)")
        }
        var replicateSeed = SeededGenerator(seed: seed).child(replicate)
        var sweep = TemperatureSweep(
            points: [arguments.points[size]], dimension: arguments.dimension, classes: arguments.classes, width: arguments.width,
            temperatures: temperatures(arguments, size: size), burnIn: arguments.burnIn, window: arguments.window,
            records: arguments.records, stepSize: arguments.stepSize, seed: replicateSeed.next())
        sweep.data = data
        sweep.adaptiveStepCurvature = arguments.curvature > 0 ? arguments.curvature : nil
        sweep.curvatureSamples = arguments.curvatureSamples
        sweep.maximumPretrainingSteps = arguments.pretraining
        sweep.minimumLossFraction = arguments.startLoss
        sweep.weightDecay = arguments.weightDecay
        sweep.probeSteps = size == 0 ? arguments.probeSteps : 0
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
