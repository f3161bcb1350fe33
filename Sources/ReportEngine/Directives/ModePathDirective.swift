import Figures
import Foundation
import Landscape

/// `mode-path`: how the BPS minima connect. Straight lines between every pair of minima of a
/// census (in one gauge slice, so gauge-equivalent endpoints are aligned), nudged elastic bands for
/// the lowest pairs, the barrier matrix and the graph of minima joined below a threshold.
struct ModePathDirective: ComputeDirective {
    static let name = "mode-path"
    static let summary = "Loss along straight lines and nudged elastic bands between the minima of a bps-minima census; barrier matrix and low-barrier components."
    static let version = 4

    struct Parameters: ParameterSet {
        let minima = Parameter<BPSMinima>(reference: "minima", "the minima of a census, such as census.minima_set")
        let slice = Parameter<Int>("slice", in: 1...24, default: 1, "the gauge slice whose coordinates the paths are straight in")
        let points = Parameter<Int>("points", in: 3...10_001, default: 201, "samples along each straight line")
        let bands = Parameter<Int>("bands", in: 0...100, default: 4, "pairs with the lowest straight-line barriers relaxed as elastic bands")
        let images = Parameter<Int>("images", in: 4...200, default: 24, "images of each elastic band, endpoints included")
        let iterations = Parameter<Int>("iterations", in: 1...1_000_000, default: 3000, "relaxation steps of each band")
        let threshold = Parameter<Double>("threshold", in: 0...1e12, default: 1, "minima joined by a straight path with a lower barrier are connected")
    }

    struct Results: ResultSet {
        let minima = Output<Int>("minima", "minima whose orbit the slice holds (the others are left out)")
        let pairs = Output<Int>("pairs", "pairs of minima compared")
        let linearMin = Output<Double>("linear_min", "lowest straight-line barrier")
        let linearMedian = Output<Double>("linear_median", "median straight-line barrier")
        let linearMax = Output<Double>("linear_max", "highest straight-line barrier")
        let randomMedian = Output<Double>("random_median", "median loss at random points of the slice, real and imaginary parts in U[−2, 2]")
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
        let minima = arguments.minima
        let chart = SliceChart(system: BPSSystem(n: minima.n), slice: GaugeSlice.all[arguments.slice - 1])
        let surface = BPSPaths.surface(chart)
        let ends = (0..<minima.configurations.rows).compactMap { index in
            chart.slice.fix(minima.configuration(index), in: chart.system).map { chart.unknowns($0).flatMap { [$0.re, $0.im] } }
        }
        guard ends.count >= 2 else { throw DirectiveFailure("the slice holds fewer than two of the minima") }

        // Straight lines between all pairs.
        var barriers = [[Double]](repeating: [Double](repeating: 0, count: ends.count), count: ends.count)
        var pairs: [(i: Int, j: Int, barrier: Double)] = []
        for i in ends.indices {
            for j in ends.indices where j > i {
                let b = PathProfile(points: linearPath(from: ends[i], to: ends[j], points: arguments.points), surface: surface).barrier
                barriers[i][j] = b
                barriers[j][i] = b
                pairs.append((i, j, b))
            }
            context.progress.report(Double(i + 1) / Double(ends.count) * 0.5, "straight paths from minimum \(i + 1) of \(ends.count)")
        }
        let sorted = pairs.map(\.barrier).sorted()

        // Elastic bands for the lowest pairs.
        var band = NudgedElasticBand()
        band.images = arguments.images
        band.iterations = arguments.iterations
        let chosen = pairs.sorted { ($0.barrier, $0.i, $0.j) < ($1.barrier, $1.i, $1.j) }.prefix(arguments.bands)
        var relaxed: [(i: Int, j: Int, linear: Double, band: PathProfile)] = []
        for (k, pair) in chosen.enumerated() {
            relaxed.append((pair.i, pair.j, pair.barrier, PathProfile(points: band.relax(from: ends[pair.i], to: ends[pair.j], on: surface), surface: surface)))
            context.progress.report(0.5 + 0.5 * Double(k + 1) / Double(chosen.count), "elastic band \(k + 1) of \(chosen.count)")
        }

        var generator = SeededGenerator(seed: context.seed)
        let randomLosses = (0..<1000).map { _ in chart.loss(chart.randomUnknowns(box: 2, using: &generator)) }.sorted()
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
