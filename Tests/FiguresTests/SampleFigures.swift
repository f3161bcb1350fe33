import Foundation
import Testing
@testable import Figures

/// Figures resembling the papers' own, built from deterministic synthetic data.
enum SampleFigures {
    /// Uniform deviates from a fixed linear congruential sequence.
    struct Deviates {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            sqrt(-2 * log(max(uniform(), 1e-300))) * cos(2 * Double.pi * uniform())
        }
    }

    /// Distinct minima against descents (log x), with a spread band, checkpoints and the exact count.
    static var discovery: Figure {
        let runs = (0...40).map { pow(10, 0.5 + Double($0) * 0.0625) }
        let found = runs.map { 38 * (1 - exp(-$0 / 260)) }
        let checkpoints = [10.0, 100, 1000]
        var figure = Figure(Panel(
            x: .log("Descents n"), y: Axis("Distinct minima"),
            layers: [
                .band(Band(x: runs, lower: found.map { $0 * 0.9 }, upper: found.map { min($0 * 1.1, 40) },
                           label: "10–90% of orderings", color: Palette.color(0))),
                .line(x: runs, y: found, label: "mean discovery curve", color: Palette.color(0)),
                .errorBars(ErrorBars(x: checkpoints, y: checkpoints.map { 38 * (1 - exp(-$0 / 260)) },
                                     error: [0.8, 2.5, 1.2], label: "checkpoints", color: Palette.color(1),
                                     marker: .square)),
            ],
            referenceLines: [.horizontal(38, label: "exact count 38")]))
        figure.panels[0].annotations = [Annotation("Δ = 4, λ ≈ 0.5", x: 1000, y: 4, anchor: .right)]
        return figure
    }

    /// A power law on log-log axes over data 2...900.
    static var powerLaw: Figure {
        let x = (0..<30).map { 2 * pow(450, Double($0) / 29) }
        var d = Deviates(state: 7)
        return Figure(Panel(
            title: "Basin sizes",
            x: .log("Rank r"), y: .log("Basin size s(r)"),
            layers: [
                .scatter(x: x, y: x.map { 3e4 * pow($0, -1.5) * exp(0.2 * d.normal()) }, label: "measured"),
                .line(x: x, y: x.map { 3e4 * pow($0, -1.5) }, label: "s ∝ r⁻¹·⁵", dash: .dashed),
            ]))
    }

    static var histogram: Figure {
        var d = Deviates(state: 11)
        let values = (0..<4000).map { _ in 0.2 + 0.35 * d.normal() }
        let xs = (0...120).map { -1.2 + Double($0) * 0.024 }
        let curve = xs.map { exp(-pow(($0 - 0.2) / 0.35, 2) / 2) / (0.35 * sqrt(2 * Double.pi)) }
        return Figure.histogram(values, bins: 30, normalization: .density, curve: ("normal fit", xs, curve),
                                xAxis: Axis("Overlap q"))
    }

    /// A replica-overlap matrix with two blocks and negative off-diagonal overlaps.
    static var overlaps: [[Double]] {
        (0..<12).map { i -> [Double] in
            (0..<12).map { j -> Double in
                if i == j { return 1 }
                let wobble = Double((i + j) % 5)
                return (i < 6) == (j < 6) ? 0.55 + 0.03 * wobble : -0.25 - 0.02 * wobble
            }
        }
    }

    static var tree: Dendrogram {
        Dendrogram(merges: [
            .init(left: 0, right: 3, height: 0.30), .init(left: 1, right: 2, height: 0.35),
            .init(left: 12, right: 13, height: 0.42), .init(left: 4, right: 5, height: 0.38),
            .init(left: 14, right: 15, height: 0.48), .init(left: 6, right: 9, height: 0.33),
            .init(left: 7, right: 8, height: 0.36), .init(left: 17, right: 18, height: 0.44),
            .init(left: 10, right: 11, height: 0.40), .init(left: 19, right: 20, height: 0.50),
            .init(left: 16, right: 21, height: 1.25),
        ])
    }

    static var heatmap: Figure {
        Figure.heatmap(overlaps, colorMap: .blueWhiteRed, colorBarLabel: "Overlap q_ab")
    }

    static var clustered: Figure {
        Figure.clusteredHeatmap(overlaps, tree: tree, labels: (1...12).map { "α\($0)" }, colorMap: .blueWhiteRed,
                                colorBarLabel: "Overlap q")
    }

    static var dendrogram: Figure {
        Figure.dendrogram(tree, leafLabels: (0..<12).map { "R\($0)" }, heightLabel: "Distance 1 − q")
    }

    /// Four panels with a shared x axis: loss, fluctuations, dimension, and a step count.
    static var sweep: Figure {
        let t = (0..<25).map { 1e-3 * pow(1e3, Double($0) / 24) }
        let panels = [
            Panel(x: .log("Temperature T"), y: Axis("Mean loss"), layers: [.line(x: t, y: t.map { 0.02 + 3 * $0 }, marker: .circle)]),
            Panel(x: .log("Temperature T"), y: .log("Var(loss)"), layers: [.line(x: t, y: t.map { 2 * $0 * $0 }, marker: .triangle)]),
            Panel(x: .log("Temperature T"), y: Axis("Dimension d"), layers: [
                .line(x: t, y: t.map { 40 / (1 + 0.5 / $0) }, label: "estimate"),
                .line(x: t, y: t.map { 38 / (1 + 0.6 / $0) }, label: "bound", dash: .dotted),
            ]),
            Panel(x: .log("Temperature T"), y: Axis("Escapes"), layers: [.step(x: t, y: t.map { (log10($0) + 3).rounded(.down) * 7 - 4 })]),
        ]
        return Figure(panels: panels, rows: 2, columns: 2, width: 7, height: 4.4, sharing: .x)
    }

    static var bars: Figure {
        Figure.bars(["Adam", "SGD", "L-BFGS", "Langevin"], [31, 24, 37, 29], errors: [1.5, 2, 0.8, 1.2],
                    yAxis: Axis("Minima found"))
    }

    static var all: [(name: String, figure: Figure)] {
        [("discovery", discovery), ("power-law", powerLaw), ("histogram", histogram), ("heatmap", heatmap),
         ("dendrogram", dendrogram), ("clustered", clustered), ("sweep", sweep), ("bars", bars)]
    }
}

/// Writes every sample as PNG, SVG and PDF into `$FIGURES_SAMPLES` (skipped when it is unset),
/// for looking at them.
@Test(.enabled(if: ProcessInfo.processInfo.environment["FIGURES_SAMPLES"] != nil))
func writeSamples() throws {
    let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FIGURES_SAMPLES"]!)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, figure) in SampleFigures.all {
        for format in FigureFormat.allCases {
            try Data(figure.render(as: format)).write(to: directory.appendingPathComponent("\(name).\(format.rawValue)"))
        }
    }
}
