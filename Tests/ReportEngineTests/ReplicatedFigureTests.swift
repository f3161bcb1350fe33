import Figures
import Foundation
import Testing
@testable import ReportEngine

/// Replicated results drawn with their spread: a replicated series as its pointwise mean in a
/// band, a list of replicated numbers as means with error bars, the spread as the figure asks.
@Suite struct ReplicatedFigureTests {
    private let origin = SourceLocation(file: "t.md", line: 1, column: 1)

    private func style(_ spread: ReplicateSpread) -> FigureStyle {
        FigureStyle(kind: .auto, width: nil, bins: 20, logX: false, logY: false, xLabel: "", yLabel: "", hlineLabel: "", overlayLabel: "", spread: spread)
    }

    private func figure(_ value: Value, x: Value? = nil, _ spread: ReplicateSpread) throws -> Figure {
        guard case .drawn(let figure) = try FigureBuilder.artwork(of: value, x: x, hline: nil, overlay: nil, style: style(spread), at: origin) else {
            throw Diagnostic.error(at: origin, "not drawn")
        }
        return figure
    }

    @Test func aReplicatedSeriesIsItsMeanInABand() throws {
        // Three replicates of a 2-point series: (1, 10), (2, 14), (6, 12) → means 3, 12; sd √7, 2.
        let series = Value.replicated([.vector([1, 10]), .vector([2, 14]), .vector([6, 12])])
        let drawn = try figure(series, x: .replicated([.vector([0.5, 1]), .vector([0.5, 1]), .vector([0.5, 1])]), .sd)
        let layers = drawn.panels[0].layers
        guard layers.count == 2, case .band(let band) = layers[0], case .series(let line) = layers[1] else {
            Issue.record("expected a band and a line, got \(layers)")
            return
        }
        #expect(line.x == [0.5, 1] && line.y == [3, 12])
        #expect(band.x == [0.5, 1] && band.color == line.color)
        #expect(zip(band.lower, [3 - sqrt(7.0), 10]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(band.lower)")
        #expect(zip(band.upper, [3 + sqrt(7.0), 14]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(band.upper)")
        // ± se is the sd over √3; the 95 % interval t(0.975, 2) = 4.3027 standard errors.
        guard case .band(let se) = try figure(series, .se).panels[0].layers[0], case .band(let ci) = try figure(series, .ci95).panels[0].layers[0] else {
            Issue.record("no band")
            return
        }
        #expect(abs((se.upper[1] - 12) - 2 / sqrt(3.0)) < 1e-12)
        #expect(abs((ci.upper[1] - 12) - 4.302652729749464 * 2 / sqrt(3.0)) < 1e-9)
    }

    @Test func aListOfReplicatedNumbersHasErrorBars() throws {
        let column = Value.list([.replicated([.real(1), .real(3)]), .replicated([.int(4), .int(8)]), .replicated([.real(0), .real(0)])])
        let drawn = try figure(column, x: .vector([1e-3, 1e-2, 1e-1]), .sd)
        guard case .errorBars(let bars) = drawn.panels[0].layers.first else {
            Issue.record("expected error bars, got \(drawn.panels[0].layers)")
            return
        }
        #expect(bars.x == [1e-3, 1e-2, 1e-1] && bars.y == [2, 6, 0])
        #expect(zip(bars.above, [sqrt(2.0), sqrt(8.0), 0]).allSatisfy { abs($0 - $1) < 1e-12 } && bars.above == bars.below)
        // A plain list is still a plain line; a figure cannot be drawn from too short an x.
        guard case .series? = try figure(.vector([1, 2, 3]), .se).panels[0].layers.first else {
            Issue.record("a plain list should stay a line")
            return
        }
        #expect(throws: Diagnostic.self) { try figure(column, x: .vector([1, 2]), .se) }
    }

    /// The figure of a replicated directive's series, rendered: PNG bytes the same with 1 and 2 threads.
    @Test func aReplicatedSeriesFigureBuildsTheSameBytes() throws {
        let source = """
            ---
            seed: 2
            ---
            ```{discovery-model #m minima=5 censuses=20 runs=30 replicates=4}
            ```
            ```{figure #fig-seen}
            show: m.seen_mean
            spread: sd
            ```
            """
        let one = build(source, jobs: 1, formats: [.md]), two = build(source, jobs: 2, formats: [.md])
        #expect(one.errors.isEmpty, "\(one.errors)")
        let png = one.outputs.first { $0.path.hasSuffix("fig-seen.png") }
        #expect(png != nil && png?.contents == two.outputs.first { $0.path.hasSuffix("fig-seen.png") }?.contents)
        guard case .drawn(let figure)? = one.document?.figures.first?.artwork else {
            Issue.record("no drawn figure")
            return
        }
        #expect(figure.panels[0].layers.count == 2)
    }
}
