import Figures
import Foundation
import Landscape

/// `mode-path`: how minima connect, for any loss with a gradient. The endpoints are either the
/// minima of a BPS census (in one gauge slice, so gauge-equivalent endpoints are aligned) on the
/// BPS loss, or trained networks — the rows of an `nn-ensemble`, or the same replicas aligned
/// (`endpoints`) — on the ensemble's training loss. Straight lines between every pair, nudged
/// elastic bands for the lowest pairs, the barrier matrix and the graph of minima joined below a
/// threshold.
struct ModePathDirective: ComputeDirective {
    static let name = "mode-path"
    static let summary = "Loss along straight lines and nudged elastic bands between minima (of a bps-minima census, or trained networks of an nn-ensemble); barrier matrix and low-barrier components."
    static let seeded = true
    static let version = 5

    struct Parameters: ParameterSet {
        let minima = Parameter<BPSMinima?>(optionalReference: "minima", "the minima of a census, such as census.minima_set (or give ensemble)")
        let ensemble = Parameter<TrainedEnsemble?>(optionalReference: "ensemble", "trained networks, such as nets.ensemble: their training loss, and their parameters as endpoints (or give minima)")
        let endpoints = Parameter<Matrix?>(optionalReference: "endpoints", "with ensemble: these rows as endpoints instead of its parameters, such as glass.aligned")
        let count = Parameter<Int>("count", in: 0...100_000, default: 0, "with ensemble: the first rows used as endpoints (0: all)")
        let slice = Parameter<Int>("slice", in: 1...24, default: 1, "the gauge slice whose coordinates the paths are straight in (BPS minima)")
        let points = Parameter<Int>("points", in: 3...10_001, default: 201, "samples along each straight line")
        let bands = Parameter<Int>("bands", in: 0...100, default: 4, "pairs with the lowest straight-line barriers relaxed as elastic bands")
        let images = Parameter<Int>("images", in: 4...200, default: 24, "images of each elastic band, endpoints included")
        let iterations = Parameter<Int>("iterations", in: 1...1_000_000, default: 3000, "relaxation steps of each band")
        let timeStep = Parameter<Double>("time-step", in: 1e-9...100, default: 0.01, "time step of the band's quick-min relaxation")
        let threshold = Parameter<Double>("threshold", in: 0...1e12, default: 1, "minima joined by a straight path with a lower barrier are connected")
    }

    struct Results: ResultSet {
        let minima = Output<Int>("minima", "endpoints: BPS minima whose orbit the slice holds (the others are left out), or networks")
        let pairs = Output<Int>("pairs", "pairs of minima compared")
        let linearMin = Output<Double>("linear_min", "lowest straight-line barrier")
        let linearMedian = Output<Double>("linear_median", "median straight-line barrier")
        let linearMax = Output<Double>("linear_max", "highest straight-line barrier")
        let randomMedian = Output<Double>("random_median", "median loss at random points: of the slice, real and imaginary parts in U[−2, 2] (BPS), or He-initialised networks")
        let bandMin = Output<Double>("band_min", "lowest barrier along a relaxed elastic band")
        let components = Output<Int>("components", "connected components of the graph of minima joined below the threshold")
        let bandsTable = Output<Table>("bands_table", "the relaxed pairs: straight and band barriers, band length")
        let barriers = Output<Matrix>("barriers", "straight-line barrier of every pair (0 on the diagonal)")
        let lineProfile = Output<Table>("line_profile", "position (fraction of the length) and loss along the straight line of the lowest relaxed pair")
        let bandProfile = Output<Table>("band_profile", "position and loss along the relaxed elastic band of the lowest pair")
        let barrierFigure = FigureOutput<Results>("barrier_figure", "log₁₀ of the straight-line barriers as a heatmap") {
            PathFigures.barriers($0)
        }
        let profileFigure = FigureOutput<Results>("profile_figure", "loss along the straight line and the relaxed band of the lowest pair") {
            try PathFigures.profile($0)
        }
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let (surface, ends, randomLoss) = try endpoints(arguments, seed: context.seed)
        guard ends.count >= 2 else { throw DirectiveFailure("fewer than two endpoints (for BPS minima: the slice holds fewer than two of them)") }

        // Straight lines between all pairs, and elastic bands for the lowest pairs, on the build's threads.
        let progress = context.progress
        let ordered = ends.indices.flatMap { i in ends.indices.filter { $0 > i }.map { (i, $0) } }
        let linear = deterministicMap(count: ordered.count, threads: context.threads) { k -> Double in
            defer { progress.report(Double(k + 1) / Double(ordered.count) * 0.5, "straight path \(k + 1) of \(ordered.count)") }
            let (i, j) = ordered[k]
            return PathProfile(points: linearPath(from: ends[i], to: ends[j], points: arguments.points), surface: surface).barrier
        }
        var barriers = [[Double]](repeating: [Double](repeating: 0, count: ends.count), count: ends.count)
        let pairs = zip(ordered, linear).map { (i: $0.0, j: $0.1, barrier: $1) }
        for pair in pairs { barriers[pair.i][pair.j] = pair.barrier; barriers[pair.j][pair.i] = pair.barrier }
        let sorted = pairs.map(\.barrier).sorted()

        var band = NudgedElasticBand()
        band.images = arguments.images
        band.iterations = arguments.iterations
        band.timeStep = arguments.timeStep
        let chosen = Array(pairs.sorted { ($0.barrier, $0.i, $0.j) < ($1.barrier, $1.i, $1.j) }.prefix(arguments.bands))
        let relaxed = deterministicMap(count: chosen.count, threads: context.threads) { k -> (i: Int, j: Int, linear: Double, band: PathProfile) in
            defer { progress.report(0.5 + 0.5 * Double(k + 1) / Double(chosen.count), "elastic band \(k + 1) of \(chosen.count)") }
            let pair = chosen[k]
            return (pair.i, pair.j, pair.barrier, PathProfile(points: band.relax(from: ends[pair.i], to: ends[pair.j], on: surface), surface: surface))
        }

        let randomLosses = randomLoss().sorted()
        var results = ResultRecord<Results>()
        results.minima = ends.count
        results.pairs = pairs.count
        results.linearMin = sorted.first!
        results.linearMedian = sorted[sorted.count / 2]
        results.linearMax = sorted.last!
        results.randomMedian = randomLosses[randomLosses.count / 2]
        results.bandMin = relaxed.map(\.band.barrier).min() ?? .nan
        results.components = components(ends.count, pairs.filter { $0.barrier < arguments.threshold })
        results.bandsTable = Table(
            columns: ["minimum a", "minimum b", "straight barrier", "band barrier", "band length"],
            rows: relaxed.map { [.int($0.i + 1), .int($0.j + 1), .real($0.linear), .real($0.band.barrier), .real($0.band.length)] })
        results.barriers = Matrix(barriers)
        let lowest = relaxed.first
        let line = lowest.map { PathProfile(points: linearPath(from: ends[$0.i], to: ends[$0.j], points: arguments.points), surface: surface) }
        results.lineProfile = profileTable(line)
        results.bandProfile = profileTable(lowest?.band)
        return results
    }

    /// The loss surface, the endpoints' coordinates and the losses at random points, from exactly
    /// one source: BPS minima, or an ensemble's networks.
    private static func endpoints(_ arguments: Arguments<Parameters>, seed: UInt64)
        throws -> (LossSurface, [[Double]], randomLosses: () -> [Double]) {
        switch (arguments.minima, arguments.ensemble) {
        case (let minima?, nil):
            guard arguments.endpoints == nil && arguments.count == 0 else { throw DirectiveFailure("endpoints and count go with ensemble, not minima") }
            let chart = SliceChart(system: BPSSystem(n: minima.n), slice: GaugeSlice.all[arguments.slice - 1])
            let ends = (0..<minima.configurations.rows).compactMap { index in
                chart.slice.fix(minima.configuration(index), in: chart.system).map { chart.unknowns($0).flatMap { [$0.re, $0.im] } }
            }
            return (BPSPaths.surface(chart), ends, {
                var generator = SeededGenerator(seed: seed)
                return (0..<1000).map { _ in chart.loss(chart.randomUnknowns(box: 2, using: &generator)) }
            })
        case (nil, let ensemble?):
            let source = arguments.endpoints ?? ensemble.parameters
            guard source.columns == ensemble.network.parameterCount else {
                throw DirectiveFailure("endpoints have \(source.columns) columns, the ensemble's networks \(ensemble.network.parameterCount) parameters")
            }
            let loss = ensemble.trainingLoss, rows = arguments.count == 0 ? source.rows : min(arguments.count, source.rows)
            return (loss.surface, (0..<rows).map(source.row), {
                let root = SeededGenerator(seed: seed)
                return (0..<20).map { loss.value(at: loss.network.initialParameters(seed: root.child($0).seedValue, scheme: .he)) }
            })
        case (nil, nil):
            throw DirectiveFailure("mode-path needs its endpoints: minima (a bps-minima census) or ensemble (an nn-ensemble)")
        case (_?, _?):
            throw DirectiveFailure("give one source of endpoints, minima or ensemble, not both")
        }
    }

    /// A profile's positions and losses as a two-column table (empty without a profile).
    private static func profileTable(_ profile: PathProfile?) -> Table {
        Table(columns: ["position", "loss"], data: [.reals(profile?.positions ?? []), .reals(profile?.losses ?? [])])
    }

    /// Connected components of the graph on `count` nodes with the given edges (union-find).
    static func components(_ count: Int, _ edges: [(i: Int, j: Int, barrier: Double)]) -> Int {
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for edge in edges { parent[root(edge.i)] = root(edge.j) }
        return Set((0..<count).map(root)).count
    }
}
