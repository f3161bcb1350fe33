import Foundation
import Testing
@testable import Figures

private func isDark(_ p: (red: Int, green: Int, blue: Int)) -> Bool { p.red + p.green + p.blue < 300 }
private func isWhite(_ p: (red: Int, green: Int, blue: Int)) -> Bool { min(p.red, p.green, p.blue) >= 250 }

@Test func aLineFromOriginToOneOneDarkensTheDiagonal() throws {
    let figure = Figure(Panel(x: Axis(lower: 0, upper: 1), y: Axis(lower: 0, upper: 1),
                              layers: [.line(x: [0, 1], y: [0, 1], color: .black)]))
    let image = try PixelImage(figure)
    let panel = FigureRenderer(figure).layout.panels[0]
    #expect(image.width == 700 && image.height == 520)
    for t in stride(from: 0.05, through: 0.95, by: 0.05) {
        #expect(isDark(image.at(points: panel.x.map(t), panel.y.map(t))), "diagonal at \(t)")
        #expect(isWhite(image.at(points: panel.x.map(t), panel.y.map(max(t - 0.15, 0.02)))), "below at \(t)")
        #expect(isWhite(image.at(points: panel.x.map(t), panel.y.map(min(t + 0.15, 0.98)))), "above at \(t)")
    }
    #expect(isWhite(image[1, 1]) && isWhite(image[image.width - 2, image.height - 2]))
}

@Test func logAxisPutsTheDecadeTickAtItsFraction() throws {
    let x = (0..<20).map { 2 * pow(450, Double($0) / 19) }
    let figure = Figure(Panel(x: .log(), layers: [.line(x: x, y: x)]))
    let panel = FigureRenderer(figure).layout.panels[0]
    #expect(panel.x.ticks.major == [10, 100, 1000].filter { panel.x.map.contains($0) })
    #expect(panel.x.ticks.minor.first == 2 || panel.x.map.lower > 2)
    let (lo, hi) = (panel.x.map.lower, panel.x.map.upper)
    let fraction = (1 - log10(lo)) / (log10(hi) - log10(lo))
    let expected = panel.plot.minX + fraction * panel.plot.width
    #expect(abs(panel.x.map(10) - expected) < 1e-9)
    // The tick mark below the frame is drawn where the map says.
    let image = try PixelImage(figure)
    let row = Int((panel.plot.maxY + 2) * image.scale)
    let darkColumns = (0..<image.width).filter { isDark(image[$0, row]) }
    let tick = Int(expected * image.scale)
    #expect(darkColumns.contains { abs($0 - tick) <= 1 }, "no tick near column \(tick): \(darkColumns)")
}

@Test func heatmapCellCentresHaveTheColourMapColour() throws {
    let values: [[Double]] = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11.5]]
    for map in ColorMap.allCases {
        let heatmap = Heatmap(values: values, colorMap: map)
        let figure = Figure(Panel(y: Axis(reversed: true), layers: [.heatmap(heatmap)]))
        let image = try PixelImage(figure)
        let panel = FigureRenderer(figure).layout.panels[0]
        for r in 0..<3 {
            for c in 0..<4 {
                let pixel = image.at(points: panel.x.map(Double(c)), panel.y.map(Double(r)))
                let expected = PixelImage.argb(heatmap.color(of: values[r][c]))
                let (er, eg, eb) = (Int(expected >> 16 & 0xFF), Int(expected >> 8 & 0xFF), Int(expected & 0xFF))
                #expect(abs(pixel.red - er) <= 1 && abs(pixel.green - eg) <= 1 && abs(pixel.blue - eb) <= 1,
                        "\(map) cell (\(r), \(c)): \(pixel) vs \((er, eg, eb))")
            }
        }
        // Row 0 is at the top of a reversed y axis.
        #expect(panel.y.map(0) < panel.y.map(2))
    }
}

@Test func histogramBarsReachTheirCounts() throws {
    let histogram = Histogram(values: [0.5, 1.5, 1.5, 1.6, 2.5, 2.5, 2.5, 2.6, 2.9, 3.5], bins: 4, range: 0...4)
    #expect(histogram.counts == [1, 3, 5, 1])
    let figure = Figure(Panel(layers: [.histogram(histogram)]))
    let image = try PixelImage(figure)
    let panel = FigureRenderer(figure).layout.panels[0]
    let bar = Palette.color(0)
    func isBar(_ p: (red: Int, green: Int, blue: Int)) -> Bool {
        abs(p.red - Int(bar.red * 255)) <= 2 && abs(p.green - Int(bar.green * 255)) <= 2
            && abs(p.blue - Int(bar.blue * 255)) <= 2
    }
    for (i, count) in histogram.counts.enumerated() {
        let centre = panel.x.map(Double(i) + 0.5)
        #expect(isBar(image.at(points: centre, panel.y.map(count) + 1.5)), "bin \(i) filled below its count")
        #expect(isWhite(image.at(points: centre, panel.y.map(count) - 1.5)), "bin \(i) empty above its count")
    }
    #expect(abs(panel.y.map(0) - panel.plot.maxY) < 1e-9, "bars stand on the x axis")
}

@Test func densityHistogramIntegratesToOne() {
    let h = Histogram(values: (0..<100).map { Double($0 % 7) }, bins: 5, normalization: .density)
    let area = h.heights.indices.map { h.heights[$0] * (h.edges[$0 + 1] - h.edges[$0]) }.reduce(0, +)
    #expect(abs(area - 1) < 1e-12)
}

@Test func legendGoesToTheCornerWithoutData() {
    let rising = Figure(Panel(layers: [.line(x: [0, 1], y: [0, 1], label: "rising")]))
    let panel = FigureRenderer(rising).layout.panels[0]
    let legend = panel.legend!.frame
    #expect(legend.minX - panel.plot.minX < panel.plot.maxX - legend.maxX, "left")
    #expect(legend.minY - panel.plot.minY < panel.plot.maxY - legend.maxY, "top")
}
