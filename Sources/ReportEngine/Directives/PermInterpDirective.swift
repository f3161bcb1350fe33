import Landscape

/// `perm-interp`: the permutation-interpolation protocol on an `nn-ensemble`. Barriers of the
/// training loss along straight paths (`PermutationInterpolation`) from a trained θ* to copies of
/// it with k hidden units moved (several random permutations per k), to copies with one pair of
/// units swapped (against the distance of the two units), and between independently trained pairs
/// of replicas (rows 2i and 2i+1), as trained, after pairwise weight and activation matching and,
/// given `aligned` parameters, after ensemble alignment.
struct PermInterpDirective: ComputeDirective {
    static let name = "perm-interp"
    static let summary = "Loss barriers on straight paths between a trained network and its hidden-unit permutations (against the number of units moved and, for swaps, their distance), and between independent replicas before and after alignment."
    static let seeded = true

    struct Parameters: ParameterSet {
        let ensemble = Parameter<TrainedEnsemble>(reference: "ensemble", "the trained networks, such as nets.ensemble")
        let aligned = Parameter<Matrix?>(optionalReference: "aligned", "the same replicas with aligned hidden units (one row each, as the ensemble), such as glass.aligned")
        let replicas = Parameter<Int>("replicas", in: 1...10_000, default: 1, "replicas (the first rows) whose permuted copies are interpolated")
        let moved = Parameter<[Int]>("moved", in: 0...4096, default: [], "numbers k of units moved (0 or 2…h; empty: 0, 2, 4, …, h)")
        let permutations = Parameter<Int>("permutations", in: 1...1000, default: 4, "random permutations per k and replica")
        let swaps = Parameter<Int>("swaps", in: 0...10_000, default: 16, "random single swaps of the first replica")
        let pairs = Parameter<Int>("pairs", in: 0...5000, default: 2, "independent pairs of replicas (rows 0–1, 2–3, …)")
        let points = Parameter<Int>("points", in: 3...10_001, default: 51, "samples along each path, endpoints included (odd: one at the midpoint)")
    }

    struct Results: ResultSet {
        let moved = Output<[Int]>("moved", "k, the numbers of units moved")
        let barrierMean = Output<[Double]>("barrier_mean", "mean barrier at each k")
        let barrierSD = Output<[Double]>("barrier_sd", "standard deviation of the barrier at each k (0 for one sample)")
        let barrierLow = Output<[Double]>("barrier_low", "10th percentile of the barrier at each k (linear between order statistics)")
        let barrierHigh = Output<[Double]>("barrier_high", "90th percentile of the barrier at each k")
        let barrierMin = Output<[Double]>("barrier_min", "smallest barrier at each k")
        let barrierMax = Output<[Double]>("barrier_max", "largest barrier at each k")
        let midpointAccuracy = Output<[Double]>("midpoint_accuracy", "mean test accuracy at the path's middle sample, at each k")
        let identityBarrier = Output<Double>("identity_barrier", "largest |barrier| of the identity permutation (k = 0; exactly 0; NaN without k = 0)")
        let samples = Output<Table>("samples", "every permuted path: k, replica, permutation, barrier, midpoint test accuracy")
        let swapDistance = Output<[Double]>("swap_distance", "|w_i − w_j| of each swapped pair of units (unit vectors [w_in, b, w_out])")
        let swapBarrier = Output<[Double]>("swap_barrier", "barrier of each swap")
        let pairUnaligned = Output<[Double]>("pair_unaligned", "barrier between the replicas of each pair as trained")
        let pairAligned = Output<[Double]>("pair_aligned", "barrier between the aligned replicas of each pair (NaN without aligned)")
        let alignedBelow = Output<Int>("aligned_below", "pairs whose aligned barrier is below the unaligned one")
        let pairMatched = Output<[Double]>("pair_matched", "barrier between the replicas of each pair after pairwise weight matching (both rescaled, the second's units matched to the first's by the Hungarian method)")
        let pairActivation = Output<[Double]>("pair_activation", "barrier between the replicas of each pair after pairwise activation matching (both rescaled, the second's units matched to the first's by the Hungarian method on the correlations of their activations over the training inputs)")
        let profiles = Output<Table>("profiles", "position a and loss along the paths of the largest k (first permutation of replica 0) and of the first pair, unaligned and aligned")
        let barrierFigure = FigureOutput<Results>("barrier_figure", "barrier against the number of units moved: mean, with bars from the 10th to the 90th percentile") {
            PermInterpFigures.barriers($0)
        }
        let swapFigure = FigureOutput<Results>("swap_figure", "barrier of single swaps against the distance of the swapped units") {
            PermInterpFigures.swaps($0)
        }
        let profileFigure = FigureOutput<Results>("profile_figure", "loss along the straight paths: a permuted copy, and a pair before and after alignment") {
            try PermInterpFigures.profiles($0)
        }
    }

    /// One path to measure.
    private enum Job {
        case permuted(k: Int, replica: Int, sample: Int)
        case swap(i: Int, j: Int)
        case pair(a: Int, b: Int, aligned: Bool)
        case matchedPair(a: Int, b: Int)
        case activationPair(a: Int, b: Int)
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let ensemble = arguments.ensemble, h = ensemble.network.layers[0].outputs, rows = ensemble.parameters.rows
        let ks = arguments.moved.isEmpty ? [0] + Array(stride(from: 2, through: h, by: 2)) + (h % 2 == 1 && h > 1 ? [h] : []) : arguments.moved
        if let bad = ks.first(where: { $0 == 1 || $0 > h }) { throw DirectiveFailure("cannot move \(bad) of \(h) units: k is 0 or 2…\(h)") }
        guard arguments.replicas <= rows, 2 * arguments.pairs <= rows else {
            throw DirectiveFailure("the ensemble has \(rows) replicas: too few for replicas=\(arguments.replicas) and pairs=\(arguments.pairs)")
        }
        if let aligned = arguments.aligned, aligned.rows != rows || aligned.columns != ensemble.parameters.columns {
            throw DirectiveFailure("aligned is \(aligned.rows) × \(aligned.columns), the ensemble's parameters \(rows) × \(ensemble.parameters.columns)")
        }
        guard arguments.swaps == 0 || h >= 2 else { throw DirectiveFailure("a swap needs two hidden units") }
        let protocolPaths = PermutationInterpolation(loss: ensemble.trainingLoss, points: arguments.points)
        let testLoss = ensemble.testLoss, root = SeededGenerator(seed: context.seed)

        var jobs: [Job] = ks.flatMap { k in
            (0..<arguments.replicas).flatMap { r in (0..<arguments.permutations).map { Job.permuted(k: k, replica: r, sample: $0) } }
        }
        var swapGenerator = root.child(1)
        for _ in 0..<arguments.swaps {
            let i = Int(swapGenerator.next() % UInt64(h)), j = (i + 1 + Int(swapGenerator.next() % UInt64(h - 1))) % h
            jobs.append(.swap(i: i, j: j))
        }
        for p in 0..<arguments.pairs {
            jobs.append(.pair(a: 2 * p, b: 2 * p + 1, aligned: false))
            if arguments.aligned != nil { jobs.append(.pair(a: 2 * p, b: 2 * p + 1, aligned: true)) }
            jobs.append(.matchedPair(a: 2 * p, b: 2 * p + 1))
            jobs.append(.activationPair(a: 2 * p, b: 2 * p + 1))
        }
        let progress = context.progress, total = jobs.count
        let measured = deterministicMap(count: jobs.count, threads: context.threads) { n -> (profile: PathProfile, midpointAccuracy: Double) in
            defer { progress.report(Double(n + 1) / Double(total), "path \(n + 1) of \(total)") }
            let ws = protocolPaths.loss.makeWorkspace()
            let (from, to): ([Double], [Double])
            switch jobs[n] {
            case .permuted(let k, let r, _):
                var generator = root.child(0).child(n)
                let theta = ensemble.replica(r)
                (from, to) = (theta, protocolPaths.units.permuting(theta, by: PermutationInterpolation.permutation(moving: k, of: h, using: &generator)))
            case .swap(let i, let j):
                let theta = ensemble.replica(0)
                (from, to) = (theta, protocolPaths.units.permuting(theta, by: PermutationInterpolation.swap(i, j, of: h)))
            case .pair(let a, let b, let isAligned):
                let source = isAligned ? arguments.aligned! : ensemble.parameters
                (from, to) = (source.row(a), source.row(b))
            case .matchedPair(let a, let b):
                let matched = EnsembleAlignment.pairwise(ensemble.replica(a), ensemble.replica(b), units: protocolPaths.units)
                (from, to) = (matched.a, matched.b)
            case .activationPair(let a, let b):
                let matched = EnsembleAlignment.activationMatching(ensemble.replica(a), ensemble.replica(b), units: protocolPaths.units,
                                                                   inputs: ensemble.train.inputs)
                (from, to) = (matched.a, matched.b)
            }
            let path = protocolPaths.path(from: from, to: to)
            // The path's points evaluated together (stacked first-layer products, the same bits as one at a time).
            let profile = PathProfile(points: path, losses: protocolPaths.loss.values(at: path, workspace: ws))
            return (profile, testLoss.accuracy(at: path[path.count / 2]))
        }

        var results = ResultRecord<Results>()
        var rowsOfSamples: [[Value]] = [], byK: [Int: [(barrier: Double, accuracy: Double)]] = [:]
        var swapDistance: [Double] = [], swapBarrier: [Double] = [], unaligned: [Double] = [], aligned: [Double] = [], matched: [Double] = [], activation: [Double] = []
        for (job, m) in zip(jobs, measured) {
            switch job {
            case .permuted(let k, let r, let s):
                byK[k, default: []].append((m.profile.barrier, m.midpointAccuracy))
                rowsOfSamples.append([.int(k), .int(r), .int(s), .real(m.profile.barrier), .real(m.midpointAccuracy)])
            case .swap(let i, let j):
                swapDistance.append(protocolPaths.unitDistance(ensemble.replica(0), i, j))
                swapBarrier.append(m.profile.barrier)
            case .pair(_, _, let isAligned):
                if isAligned { aligned.append(m.profile.barrier) } else { unaligned.append(m.profile.barrier) }
            case .matchedPair:
                matched.append(m.profile.barrier)
            case .activationPair:
                activation.append(m.profile.barrier)
            }
        }
        let summaries = ks.map { SampleSummary(byK[$0]!.map(\.barrier))! }
        results.moved = ks
        results.barrierMean = summaries.map(\.mean)
        results.barrierSD = summaries.map { $0.count > 1 ? $0.standardDeviation : 0 }
        results.barrierLow = ks.map { k in Sample.quantile(byK[k]!.map(\.barrier), 0.1) }
        results.barrierHigh = ks.map { k in Sample.quantile(byK[k]!.map(\.barrier), 0.9) }
        results.barrierMin = summaries.map(\.minimum)
        results.barrierMax = summaries.map(\.maximum)
        results.midpointAccuracy = ks.map { k in byK[k]!.map(\.accuracy).reduce(0, +) / Double(byK[k]!.count) }
        results.identityBarrier = byK[0].map { $0.map { abs($0.barrier) }.max()! } ?? .nan
        results.samples = Table(columns: ["k", "replica", "permutation", "barrier", "midpoint test accuracy"], rows: rowsOfSamples)
        results.swapDistance = swapDistance
        results.swapBarrier = swapBarrier
        results.pairUnaligned = unaligned
        results.pairAligned = arguments.aligned == nil ? unaligned.map { _ in .nan } : aligned
        results.alignedBelow = zip(aligned, unaligned).filter { $0 < $1 }.count
        results.pairMatched = matched
        results.pairActivation = activation
        let largest = jobs.indices.last { if case .permuted(ks.max()!, 0, 0) = jobs[$0] { true } else { false } }!
        let firstPair = jobs.indices.first { if case .pair(_, _, false) = jobs[$0] { true } else { false } }
        let firstAligned = jobs.indices.first { if case .pair(_, _, true) = jobs[$0] { true } else { false } }
        let positions = (0..<arguments.points).map { Double($0) / Double(arguments.points - 1) }
        let nan = positions.map { _ in Double.nan }
        results.profiles = Table(columns: ["a", "permuted k = \(ks.max()!)", "pair", "aligned pair"], data: [
            .reals(positions), .reals(measured[largest].profile.losses),
            .reals(firstPair.map { measured[$0].profile.losses } ?? nan), .reals(firstAligned.map { measured[$0].profile.losses } ?? nan),
        ])
        return results
    }
}
