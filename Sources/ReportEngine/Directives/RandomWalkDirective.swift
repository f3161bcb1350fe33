import Foundation
import Landscape

/// `random-walk`: random walks from the trained replicas of an `nn-ensemble` (`RandomWalk`) and
/// the flatness measures of each minimum — free walk and escape scale, loss-constrained walks,
/// sharpness (isotropic and filter-normalised), λ_max of the Hessian and the loss correlation
/// length of a sphere walk — beside the replica's training loss and test accuracy. Distances are
/// fractions of |θ*|, so the settings mean the same at any network size. Rows are the chosen
/// replicas in ensemble order.
struct RandomWalkDirective: ComputeDirective {
    static let name = "random-walk"
    static let summary = "Free and loss-constrained random walks from trained networks, escape scale, sharpness, λ_max and loss correlation length, against test accuracy."
    static let seeded = true

    struct Parameters: ParameterSet {
        let ensemble = Parameter<TrainedEnsemble>(reference: "ensemble", "the trained networks, such as nets.ensemble")
        let replicas = Parameter<Int>("replicas", in: 0...10_000, default: 0, "the first replicas of each batch size walked from (0: all)")
        let step = Parameter<Double>("step", in: 1e-9...10, default: 0.15, "free and constrained walks: η as a fraction of |θ*|")
        let steps = Parameter<Int>("steps", in: 1...10_000_000, default: 400, "steps of the free walk")
        let every = Parameter<Int>("record-every", in: 1...1_000_000, default: 10, "steps between recorded losses of the free walk")
        let excess = Parameter<[Double]>("constrained-excess", in: 1e-12...1e6, default: [0.05, 0.2], "loss-constrained walks: thresholds L_th = L* + ΔL (empty: none)")
        let constrainedSteps = Parameter<Int>("constrained-steps", in: 1...10_000_000, default: 100, "proposals of each constrained walk")
        let radius = Parameter<Double>("sharpness-radius", in: 1e-9...10, default: 0.05, "sharpness and sphere walk: r as a fraction of |θ*|")
        let samples = Parameter<Int>("sharpness-samples", in: 1...10_000, default: 10, "random directions averaged in each sharpness")
        let sphereSteps = Parameter<Int>("sphere-steps", in: 3...1_000_000, default: 100, "steps of the sphere walk")
        let sphereStep = Parameter<Double>("sphere-step", in: 1e-9...3, default: 0.1, "sphere walk: angle of each step (radians, approximately)")
        let lambda = Parameter<Bool>("lambda-max", default: true, "compute the top Hessian eigenvalue (Lanczos)")
        let gauge = Parameter<Gauge>("gauge", default: .asTrained, "where on its ReLU-rescaling orbit each minimum is measured: as-trained, or unit-incoming (every hidden unit's [w_in, b] scaled to unit norm, the scale pushed into w_out: the same function, so every measure then depends on the function only)")
    }

    enum Gauge: String, CaseIterable, Sendable {
        case asTrained = "as-trained", unitIncoming = "unit-incoming"
    }

    struct Results: ResultSet {
        let batchSize = Output<[Int]>("batch_size", "B of each row")
        let replica = Output<[Int]>("replica", "row of the replica in the ensemble")
        let trainLoss = Output<[Double]>("train_loss", "L(θ*), the training loss")
        let testAccuracy = Output<[Double]>("test_accuracy", "test accuracy at θ*")
        let norm = Output<[Double]>("norm", "|θ*|")
        let escapeScale = Output<[Double]>("escape_scale", "r_½ / |θ*|: where the free walk's training loss first reaches halfway from L* to chance level ln C (NaN if it never does)")
        let sharpness = Output<[Double]>("sharpness", "E[L(θ* + r ξ̂)] − L(θ*), ξ̂ uniform on the unit sphere, r = sharpness-radius · |θ*|")
        let filterSharpness = Output<[Double]>("sharpness_filter", "the same with filter-normalised directions (Li et al. 2018), displacement α d with α = sharpness-radius")
        let lambdaMax = Output<[Double]>("lambda_max", "top eigenvalue of the training-loss Hessian at θ* (NaN if not computed)")
        let correlationLength = Output<[Double]>("correlation_length", "ℓ = −1/ln ρ(1) of the training loss along the sphere walk, in steps")
        let distances = Output<Matrix>("distances", "free walk: |θ_t − θ*| / |θ*| at each record (rows as above)")
        let trainCurves = Output<Matrix>("train_curves", "free walk: training loss at each record")
        let testCurves = Output<Matrix>("test_curves", "free walk: test loss at each record")
        let thresholds = Output<[Double]>("thresholds", "ΔL of the constrained walks")
        let reached = Output<Matrix>("reached", "constrained walks: final |θ − θ*| / |θ*| (rows: replicas, columns: thresholds)")
        let overlap = Output<Matrix>("overlap", "constrained walks: final overlap q = ⟨θ, θ*⟩/(|θ||θ*|)")
        let acceptance = Output<Matrix>("acceptance", "constrained walks: fraction of proposals accepted")
        let overlapTraces = Output<Matrix>("overlap_traces", "q(t) along the first row's constrained walks, one row per threshold, t = 0 … constrained-steps")
        let batchSizes = Output<[Int]>("batch_sizes", "the distinct batch sizes, in the ensemble's order")
        let meanTrainLoss = Output<[Double]>("mean_train_loss", "mean training loss at each batch size")
        let meanTestAccuracy = Output<[Double]>("mean_test_accuracy", "mean test accuracy at each batch size")
        let meanLambdaMax = Output<[Double]>("mean_lambda_max", "mean λ_max at each batch size")
        let meanEscapeScale = Output<[Double]>("mean_escape_scale", "mean escape scale r_½ / |θ*| at each batch size")
        let meanSharpness = Output<[Double]>("mean_sharpness", "mean sharpness at each batch size")
        let meanCorrelationLength = Output<[Double]>("mean_correlation_length", "mean loss correlation length at each batch size")
        let accuracyLambdaCorrelation = Output<Double>("accuracy_lambda_correlation", "Pearson correlation of test accuracy and λ_max over every replica")
        let accuracyLossCorrelation = Output<Double>("accuracy_loss_correlation", "Pearson correlation of test accuracy and training loss over every replica")
        let byBatch = Output<Record>("by_batch", "each per-replica measure (train_loss, test_accuracy, norm, escape_scale, escape_distance, sharpness, sharpness_filter, lambda_max, correlation_length) as a matrix, one row per batch size and one column per replica (NaN-padded), for paired tests between batch sizes that share initialisations")
        let escapeDistance = Output<[Double]>("escape_distance", "r_½ itself, |θ_t − θ*| where the free walk's training loss reaches halfway to chance level (not divided by |θ*|)")
        let summary = Output<Table>("summary", "one row per batch size: means of the training loss, test accuracy and every flatness measure")
        let table = Output<Table>("table", "one row per replica: batch size, losses, accuracy and every flatness measure")
        let walkFigure = FigureOutput<Results>("walk_figure", "training and test loss against the distance walked, every replica") {
            RandomWalkFigures.walks($0)
        }
        let flatnessFigure = FigureOutput<Results>("flatness_figure", "test accuracy against sharpness, λ_max and correlation length, and training loss, coloured by batch size") {
            RandomWalkFigures.flatness($0)
        }
        let constrainedFigure = FigureOutput<Results>("constrained_figure", "distance reached by the loss-constrained walks against the threshold, and q(t) along the first row's walks") {
            RandomWalkFigures.constrained($0)
        }
    }

    /// What one replica's walks measured.
    private struct Walks {
        var trainLoss = 0.0, testAccuracy = 0.0, norm = 0.0, escape = 0.0, sharpness = 0.0, filterSharpness = 0.0
        var lambdaMax = Double.nan, correlationLength = 0.0
        var distances: [Double] = [], train: [Double] = [], test: [Double] = []
        var reached: [Double] = [], overlap: [Double] = [], acceptance: [Double] = [], overlapTraces: [[Double]] = []
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let ensemble = arguments.ensemble
        var taken: [Int: Int] = [:]
        let rows = ensemble.batchSizes.indices.filter { row in
            taken[ensemble.batchSizes[row], default: 0] += 1
            return arguments.replicas == 0 || taken[ensemble.batchSizes[row]]! <= arguments.replicas
        }
        let trainLoss = ensemble.trainingLoss, testLoss = ensemble.testLoss
        let chance = log(Double(ensemble.network.outputCount)), root = SeededGenerator(seed: context.seed)
        let progress = context.progress
        if arguments.gauge == .unitIncoming && ensemble.network.layers.count != 2 {
            throw DirectiveFailure("gauge unit-incoming needs networks with one hidden layer")
        }
        let minimum = { (n: Int) -> [Double] in  // θ* of row n, in the chosen gauge
            let theta = ensemble.replica(rows[n])
            return arguments.gauge == .asTrained ? theta : HiddenUnits(ensemble.network).normalisingRescaling(theta)
        }
        let walkFrom = { (n: Int, norm: Double) in  // the free and constrained walks' proposals from replica n
            RandomWalk(center: minimum(n), stepSize: arguments.step * norm, seed: root.child(n).child(0).seedValue)
        }
        var walks = deterministicMap(count: rows.count, threads: context.threads) { n -> Walks in
            defer { progress.report(Double(n + 1) / Double(rows.count), "walks from replica \(n + 1) of \(rows.count)") }
            let theta = minimum(n), seeds = root.child(n)
            let trainWorkspace = trainLoss.makeWorkspace(), testWorkspace = testLoss.makeWorkspace()
            let train = { (x: [Double]) in trainLoss.value(at: x, workspace: trainWorkspace) }
            // Independent points are evaluated together (`NetworkLoss.values`: the same bits, stacked products).
            let trainAll = { (points: [[Double]]) in trainLoss.values(at: points, workspace: trainWorkspace) }
            let both = { (points: [[Double]]) in
                zip(trainAll(points), testLoss.values(at: points, workspace: testWorkspace)).map { [$0, $1] }
            }
            var w = Walks()
            w.norm = theta.reduce(0) { $0 + $1 * $1 }.squareRoot()
            w.trainLoss = train(theta)
            w.testAccuracy = testLoss.accuracy(at: theta, workspace: testWorkspace)
            let records = walkFrom(n, w.norm).free(steps: arguments.steps, every: arguments.every, evaluate: both)
            w.distances = records.map { $0.distance / w.norm }
            w.train = records.map { $0.losses[0] }
            w.test = records.map { $0.losses[1] }
            w.escape = RandomWalk.escapeScale(distances: w.distances, losses: w.train, saturation: chance)
            let r = arguments.radius
            w.sharpness = Perturbation.isotropic.sharpness(at: theta, scale: r * w.norm, samples: arguments.samples,
                                                           seed: seeds.child(1).seedValue, losses: trainAll)
            w.filterSharpness = Perturbation.filterNormalised(ensemble.network).sharpness(
                at: theta, scale: r, samples: arguments.samples, seed: seeds.child(2).seedValue, losses: trainAll)
            let sphere = RandomWalk(center: theta, stepSize: arguments.sphereStep, seed: seeds.child(3).seedValue)
            w.correlationLength = RandomWalk.correlationLength(sphere.sphere(radius: r * w.norm, steps: arguments.sphereSteps, losses: trainAll))
            if arguments.lambda {
                w.lambdaMax = trainLoss.hessianSpectrum(at: theta, count: 1, seed: seeds.child(4).seedValue, tolerance: 1e-4,
                                                        workspace: trainWorkspace).eigenvalues[0]
            }
            return w
        }
        // The loss-constrained walks of all replicas, one threshold per thread, stepped together so
        // that each step's proposals are evaluated as one stacked product.
        let measured = walks
        let constrained = deterministicMap(count: arguments.excess.count, threads: context.threads) { e in
            defer { progress.report(1, "loss-constrained walks, threshold \(e + 1) of \(arguments.excess.count)") }
            let workspace = trainLoss.makeWorkspace()
            return RandomWalk.constrained(rows.indices.map { walkFrom($0, measured[$0].norm) }, steps: arguments.constrainedSteps,
                                          thresholds: measured.map { $0.trainLoss + arguments.excess[e] }) { points in
                trainLoss.values(at: points, workspace: workspace, stack: points.count).map { [$0] }
            }
        }
        for n in walks.indices {
            for walk in constrained.map({ $0[n] }) {
                walks[n].reached.append(walk.records.last!.distance / walks[n].norm)
                walks[n].overlap.append(walk.records.last!.overlap)
                walks[n].acceptance.append(Double(walk.accepted) / Double(arguments.constrainedSteps))
                walks[n].overlapTraces.append(walk.records.map(\.overlap))
            }
        }

        var results = ResultRecord<Results>()
        results.batchSize = rows.map { ensemble.batchSizes[$0] }
        results.replica = rows
        results.trainLoss = walks.map(\.trainLoss)
        results.testAccuracy = walks.map(\.testAccuracy)
        results.norm = walks.map(\.norm)
        results.escapeScale = walks.map(\.escape)
        results.escapeDistance = walks.map { $0.escape * $0.norm }
        results.sharpness = walks.map(\.sharpness)
        results.filterSharpness = walks.map(\.filterSharpness)
        results.lambdaMax = walks.map(\.lambdaMax)
        results.correlationLength = walks.map(\.correlationLength)
        results.distances = Matrix(walks.map(\.distances))
        results.trainCurves = Matrix(walks.map(\.train))
        results.testCurves = Matrix(walks.map(\.test))
        results.thresholds = arguments.excess
        results.reached = Matrix(walks.map(\.reached))
        results.overlap = Matrix(walks.map(\.overlap))
        results.acceptance = Matrix(walks.map(\.acceptance))
        results.overlapTraces = Matrix(walks[0].overlapTraces)
        let sizes = rows.map { ensemble.batchSizes[$0] }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        func means(_ measure: (Walks) -> Double) -> [Double] {
            sizes.map { size in
                let group = rows.indices.filter { ensemble.batchSizes[rows[$0]] == size }.map { measure(walks[$0]) }
                return group.reduce(0, +) / Double(group.count)
            }
        }
        let (meanLoss, meanAccuracy, meanLambda) = (means(\.trainLoss), means(\.testAccuracy), means(\.lambdaMax))
        let (meanSharp, meanLength) = (means(\.sharpness), means(\.correlationLength))
        let (meanEscape, meanFilter) = (means(\.escape), means(\.filterSharpness))
        results.batchSizes = sizes
        let measures: [(String, (Walks) -> Double)] = [
            ("train_loss", \.trainLoss), ("test_accuracy", \.testAccuracy), ("norm", \.norm), ("escape_scale", \.escape),
            ("escape_distance", { $0.escape * $0.norm }), ("sharpness", \.sharpness), ("sharpness_filter", \.filterSharpness),
            ("lambda_max", \.lambdaMax), ("correlation_length", \.correlationLength),
        ]
        let groups = sizes.map { size in rows.indices.filter { ensemble.batchSizes[rows[$0]] == size } }
        let width = groups.map(\.count).max() ?? 0
        results.byBatch = Record(measures.map { name, measure in
            (name, .matrix(Matrix(groups.map { group in group.map { measure(walks[$0]) } + Array(repeating: .nan, count: width - group.count) })))
        })
        results.meanTrainLoss = meanLoss
        results.meanTestAccuracy = meanAccuracy
        results.meanLambdaMax = meanLambda
        results.meanEscapeScale = meanEscape
        results.meanSharpness = meanSharp
        results.meanCorrelationLength = meanLength
        results.accuracyLambdaCorrelation = PearsonCorrelation.of(walks.map(\.testAccuracy), walks.map(\.lambdaMax))
        results.accuracyLossCorrelation = PearsonCorrelation.of(walks.map(\.testAccuracy), walks.map(\.trainLoss))
        results.summary = Table(
            columns: ["batch size", "train loss", "test accuracy", "escape scale", "sharpness", "filter sharpness", "λ_max", "correlation length"],
            rows: sizes.indices.map { k in
                [.int(sizes[k]), .real(meanLoss[k]), .real(meanAccuracy[k]), .real(meanEscape[k]), .real(meanSharp[k]),
                 .real(meanFilter[k]), .real(meanLambda[k]), .real(meanLength[k])]
            })
        results.table = Table(
            columns: ["batch size", "replica", "train loss", "test accuracy", "escape scale", "sharpness", "filter sharpness",
                      "λ_max", "correlation length"],
            rows: zip(rows, walks).map { row, w in
                [.int(ensemble.batchSizes[row]), .int(row), .real(w.trainLoss), .real(w.testAccuracy), .real(w.escape),
                 .real(w.sharpness), .real(w.filterSharpness), .real(w.lambdaMax), .real(w.correlationLength)]
            })
        return results
    }
}
