import Foundation
import FoundationXML
import Testing
@testable import Figures

/// Figures at the edges of the data: nothing to draw, one point, NaNs, non-positive values on log axes.
private let edgeCases: [(String, Figure)] = [
    ("no panels", Figure(panels: [])),
    ("empty panel", Figure(Panel())),
    ("one point", Figure.line(x: [3], y: [3])),
    ("constant", Figure.line(x: [0, 1, 2], y: [5, 5, 5])),
    ("NaN gap", Figure.line(x: [0, 1, 2, 3], y: [1, .nan, 2, 3])),
    ("log with zeros", Figure.line(x: [0, 1, 10, 100], y: [-1, 0, 1, 10], xAxis: .log(), yAxis: .log())),
    ("empty histogram", Figure.histogram([])),
    ("one-cell heatmap", Figure.heatmap([[2]])),
    ("two-leaf tree", Figure.dendrogram(Dendrogram(merges: [.init(left: 0, right: 1, height: 0)]))),
    ("huge values", Figure.line(x: [0, 1], y: [1e300, -1e300])),
]

@Test(arguments: edgeCases.map(\.0))
func edgeCasesRenderToValidFiles(name: String) throws {
    let figure = edgeCases.first { $0.0 == name }!.1
    let svg = try figure.render(as: .svg)
    #expect(XMLParser(data: Data(svg)).parse())
    #expect(try figure.render(as: .png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(try figure.render(as: .pdf).starts(with: Array("%PDF-".utf8)))
}

@Test func sharedAxesHaveEqualLimitsAndLabelOnlyTheOuterPanels() {
    let a = Panel(x: Axis("x"), y: Axis("y"), layers: [.line(x: [0, 1], y: [0, 1])])
    let b = Panel(x: Axis("x"), y: Axis("y"), layers: [.line(x: [0, 5], y: [0, 9])])
    let figure = Figure(panels: [a, b, a, b], rows: 2, columns: 2, width: 7, height: 5, sharing: .both)
    let panels = FigureRenderer(figure).layout.panels
    #expect(Set(panels.map(\.x.map.upper)).count == 1 && Set(panels.map(\.y.map.upper)).count == 1)
    #expect(panels.map(\.x.showsLabels) == [false, false, true, true])
    #expect(panels.map(\.y.showsLabels) == [true, false, true, false])
    #expect(panels.map(\.panelLabel) == ["(a)", "(b)", "(c)", "(d)"])
    // Aligned grid: plot areas share their left edges by column and top edges by row.
    #expect(panels[0].plot.minX == panels[2].plot.minX && panels[0].plot.minY == panels[1].plot.minY)
}

@Test func clusteredHeatmapAlignsLeavesWithRows() {
    let matrix = SampleFigures.overlaps
    let panels = FigureRenderer(SampleFigures.clustered).layout.panels
    let (tree, heatmap) = (panels[0], panels[1])
    for row in 0..<matrix.count {
        #expect(abs(tree.y.map(Double(row)) - heatmap.y.map(Double(row))) < 1e-9)
    }
    #expect(tree.x.map(0) > tree.x.map(1), "the root points left")
}

@Test func legendAndReferenceLabelsKeepClearOfText() {
    let typesetter = Typesetter()
    for (name, figure) in SampleFigures.all {
        for panel in FigureLayout(figure, typesetter: typesetter).panels {
            let texts = (panel.referenceLabels + panel.annotations).map { $0.box(typesetter) }
            if let legend = panel.legend {
                #expect(texts.allSatisfy { legend.frame.overlap($0) == 0 }, "\(name)")
            }
        }
    }
}

@Test func crowdedCategoriesTurnUpright() {
    let panel = FigureRenderer(Figure.bars((1...12).map { "optimizer \($0)" }, (1...12).map(Double.init)))
        .layout.panels[0]
    #expect(panel.x.rotatesLabels)
    #expect(panel.x.ticks.labels.allSatisfy { !$0.isEmpty }, "upright labels all fit")
}

@Test func inconsistentFiguresThrowInsteadOfCrashing() throws {
    var figure = Figure.line(x: [0, 1, 2], y: [0, 1, 2])
    figure.panels[0].layers.append(.series(Series(x: [0], y: [0])))
    guard case .series(var s) = figure.panels[0].layers[1] else { return }
    s.y = [0, 1]
    figure.panels[0].layers[1] = .series(s)
    #expect(figure.problem == "panel 1, layer 2: x and y differ in length")
    #expect(throws: FigureError.invalid("panel 1, layer 2: x and y differ in length")) {
        try figure.render(as: .svg)
    }
    var ragged = Figure.heatmap([[1, 2], [3, 4]])
    if case .heatmap(var h) = ragged.panels[0].layers[0] {
        h.values[1] = [3]
        ragged.panels[0].layers[0] = .heatmap(h)
    }
    #expect(throws: FigureError.self) { try ragged.render(as: .png) }
    #expect(Figure(Panel(x: .log(lower: 0))).problem == "panel 1: a log axis needs positive limits")
    #expect(SampleFigures.all.allSatisfy { $0.figure.problem == nil })
}
