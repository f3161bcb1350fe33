import Figures
import Foundation

/// Render time of typical figures, per format (`bench figures`).
enum FiguresBench {
    static func run(rounds: Int) throws {
        for (name, figure) in [("line, 2×2000 points + band", typicalLine()), ("heatmap 50×50", typicalHeatmap()),
                               ("2×2 grid, 4×200 points", typicalGrid())] {
            var cells: [String] = []
            for format in FigureFormat.allCases {
                _ = try figure.render(as: format)
                let start = DispatchTime.now().uptimeNanoseconds
                var bytes = 0
                for _ in 0..<rounds { bytes = try figure.render(as: format).count }
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(rounds)
                cells.append("\(format.rawValue) \(String(format: "%.1f", ms)) ms (\(bytes / 1024) KiB)")
            }
            print("figures: \(name): " + cells.joined(separator: ", "))
        }
    }

    static func typicalLine() -> Figure {
        let n = (1...2000).map(Double.init)
        var figure = Figure.line(x: n, y: [("mean", n.map { 38 * (1 - exp(-$0 / 260)) }),
                                           ("best", n.map { 38 * (1 - exp(-$0 / 180)) })],
                                 xAxis: .log("Descents n"), yAxis: Axis("Distinct minima"),
                                 referenceLines: [.horizontal(38, label: "exact count 38")])
        figure.panels[0].layers.insert(.band(Band(x: n, lower: n.map { 30 * (1 - exp(-$0 / 260)) },
                                                  upper: n.map { 40 * (1 - exp(-$0 / 260)) })), at: 0)
        return figure
    }

    static func typicalHeatmap() -> Figure {
        Figure.heatmap((0..<50).map { i in (0..<50).map { j in cos(Double(i * j) / 50) } }, colorMap: .blueWhiteRed)
    }

    static func typicalGrid() -> Figure {
        let t = (0..<200).map { 1e-3 * pow(1e3, Double($0) / 199) }
        let panels = (0..<4).map { k in
            Panel(x: .log("Temperature T"), y: Axis("Observable \(k)"),
                  layers: [.line(x: t, y: t.map { pow($0, Double(k) / 2) }, marker: .circle)])
        }
        return Figure(panels: panels, rows: 2, columns: 2, width: 7, height: 4.4, sharing: .x)
    }
}
