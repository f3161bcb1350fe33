import Figures
import Foundation
import Landscape

/// `mode-path`: how the BPS minima connect. Straight lines between every pair of minima of a
/// census (in one gauge slice, so gauge-equivalent endpoints are aligned), nudged elastic bands for
/// the lowest pairs, the barrier matrix and the graph of minima joined below a threshold.
struct ModePathDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "mode-path",
        version: 3,
        summary: "Loss along straight lines and nudged elastic bands between the minima of a bps-minima census; barrier matrix and low-barrier components.",
        parameters: [
            ParameterSpec("minima", .reference, "the solutions of a census, such as census.solutions"),
            ParameterSpec("slice", .integer(1...24), default: .int(1), "the gauge slice whose coordinates the paths are straight in"),
            ParameterSpec("points", .integer(3...10_001), default: .int(201), "samples along each straight line"),
            ParameterSpec("bands", .integer(0...100), default: .int(4), "pairs with the lowest straight-line barriers relaxed as elastic bands"),
            ParameterSpec("images", .integer(4...200), default: .int(24), "images of each elastic band, endpoints included"),
            ParameterSpec("iterations", .integer(1...1_000_000), default: .int(3000), "relaxation steps of each band"),
            ParameterSpec("threshold", .real(0...1e12), default: .real(1), "minima joined by a straight path with a lower barrier are connected"),
        ],
        outputs: [
            OutputSpec("minima", "integer", "minima whose orbit the slice holds (the others are left out)"),
            OutputSpec("pairs", "integer", "pairs of minima compared"),
            OutputSpec("linear_min", "number", "lowest straight-line barrier"),
            OutputSpec("linear_median", "number", "median straight-line barrier"),
            OutputSpec("linear_max", "number", "highest straight-line barrier"),
            OutputSpec("random_median", "number", "median loss at random points of the slice, real and imaginary parts in U[−2, 2]"),
            OutputSpec("band_min", "number", "lowest barrier along a relaxed elastic band"),
            OutputSpec("components", "integer", "connected components of the graph of minima joined below the threshold"),
            OutputSpec("bands_table", "table", "the relaxed pairs: straight and band barriers, band length"),
            OutputSpec("barriers", "matrix", "straight-line barrier of every pair (0 on the diagonal)"),
            OutputSpec("barrier_figure", "figure", "log₁₀ of the straight-line barriers as a heatmap"),
            OutputSpec("profile_figure", "figure", "loss along the straight line and the relaxed band of the lowest pair"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        guard case .file(let file)? = arguments["minima"] else {
            throw DirectiveFailure("'minima' must name the solutions file of a bps-minima census")
        }
        let configurations = try SolutionsCSV.configurations(file.contents)
        guard let first = configurations.first else { throw DirectiveFailure("the census has no minima") }
        guard let n = (1...6).first(where: { 3 * $0 * $0 + 6 * $0 + 9 == first.count }) else {
            throw DirectiveFailure("the solutions have \(first.count) field values, which fits no rank N")
        }
        let chart = SliceChart(system: BPSSystem(n: n), slice: GaugeSlice.all[arguments.integer("slice") - 1])
        let surface = BPSPaths.surface(chart)
        let ends = configurations.compactMap { chart.slice.fix($0, in: chart.system).map { chart.unknowns($0).flatMap { [$0.re, $0.im] } } }
        guard ends.count >= 2 else { throw DirectiveFailure("the slice holds fewer than two of the minima") }

        // Straight lines between all pairs.
        var barriers = [[Double]](repeating: [Double](repeating: 0, count: ends.count), count: ends.count)
        var pairs: [(i: Int, j: Int, barrier: Double)] = []
        for i in ends.indices {
            for j in ends.indices where j > i {
                let b = PathProfile(points: linearPath(from: ends[i], to: ends[j], points: arguments.integer("points")), surface: surface).barrier
                barriers[i][j] = b
                barriers[j][i] = b
                pairs.append((i, j, b))
            }
            context.progress.report(Double(i + 1) / Double(ends.count) * 0.5, "straight paths from minimum \(i + 1) of \(ends.count)")
        }
        let sorted = pairs.map(\.barrier).sorted()

        // Elastic bands for the lowest pairs.
        var band = NudgedElasticBand()
        band.images = arguments.integer("images")
        band.iterations = arguments.integer("iterations")
        let chosen = pairs.sorted { ($0.barrier, $0.i, $0.j) < ($1.barrier, $1.i, $1.j) }.prefix(arguments.integer("bands"))
        var relaxed: [(i: Int, j: Int, linear: Double, band: PathProfile)] = []
        for (k, pair) in chosen.enumerated() {
            relaxed.append((pair.i, pair.j, pair.barrier, PathProfile(points: band.relax(from: ends[pair.i], to: ends[pair.j], on: surface), surface: surface)))
            context.progress.report(0.5 + 0.5 * Double(k + 1) / Double(chosen.count), "elastic band \(k + 1) of \(chosen.count)")
        }

        var generator = SeededGenerator(seed: context.seed)
        let randomLosses = (0..<1000).map { _ in chart.loss(chart.randomUnknowns(box: 2, using: &generator)) }.sorted()
        let bandsTable = Table(
            columns: ["minimum a", "minimum b", "straight barrier", "band barrier", "band length"],
            rows: relaxed.map { [.int($0.i + 1), .int($0.j + 1), .real($0.linear), .real($0.band.barrier), .real($0.band.length)] })
        return Record([
            ("minima", .int(ends.count)),
            ("pairs", .int(pairs.count)),
            ("linear_min", .real(sorted.first!)),
            ("linear_median", .real(sorted[sorted.count / 2])),
            ("linear_max", .real(sorted.last!)),
            ("random_median", .real(randomLosses[randomLosses.count / 2])),
            ("band_min", .real(relaxed.map(\.band.barrier).min() ?? .nan)),
            ("components", .int(components(ends.count, pairs.filter { $0.barrier < arguments.real("threshold") }))),
            ("bands_table", .table(bandsTable)),
            ("barriers", .list(barriers.map { Value.reals($0) })),
            ("barrier_figure", .figure(.heatmap(barriers.map { $0.map { $0 > 0 ? log10($0) : .nan } }, colorBarLabel: "log₁₀ barrier"))),
            ("profile_figure", .figure(profile(relaxed.first, ends: ends, surface: surface, points: arguments.integer("points")))),
        ])
    }

    /// Connected components of the graph on `count` nodes with the given edges (union-find).
    static func components(_ count: Int, _ edges: [(i: Int, j: Int, barrier: Double)]) -> Int {
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for edge in edges { parent[root(edge.i)] = root(edge.j) }
        return Set((0..<count).map(root)).count
    }

    private static func profile(
        _ pair: (i: Int, j: Int, linear: Double, band: PathProfile)?, ends: [[Double]], surface: LossSurface, points: Int
    ) -> Figure {
        guard let pair else { return Figure(panels: []) }
        let line = PathProfile(points: linearPath(from: ends[pair.i], to: ends[pair.j], points: points), surface: surface)
        // The endpoints are minima (loss ~ 0): show them at a floor a decade below the lowest
        // interior point, so the axis spans the barriers rather than rounding errors.
        let interior = (line.losses.dropFirst().dropLast() + pair.band.losses.dropFirst().dropLast()).filter { $0 > 0 }
        let floor = (interior.min() ?? 1e-12) / 10
        return Figure(Panel(
            x: Axis("Position along the path (fraction of its length)"), y: .log("Loss"),
            layers: [
                .line(x: line.positions, y: line.losses.map { max($0, floor) }, label: "straight line"),
                .line(x: pair.band.positions, y: pair.band.losses.map { max($0, floor) }, label: "elastic band",
                      color: Palette.color(1), marker: .circle),
            ]), width: 4.5, height: 2.8)
    }
}
