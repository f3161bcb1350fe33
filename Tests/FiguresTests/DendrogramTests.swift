import Testing
@testable import Figures

/// Four leaves: (0, 2) at 1, (1, 3) at 2, then the two pairs at 5.
private let tree = Dendrogram(linkage: [[0, 2, 1, 2], [1, 3, 2, 2], [4, 5, 5, 4]])

@Test func leafOrderFollowsTheLinkageLeftFirst() {
    #expect(tree.leafCount == 4)
    #expect(tree.leafOrder == [0, 2, 1, 3])
    #expect(tree.mergeHeights == [1, 2, 5])
    #expect(SampleFigures.tree.leafOrder.sorted() == Array(0..<12))
}

@Test func linksJoinChildrenAtTheirMergeHeights() {
    let links = tree.links
    #expect(links.count == 3)
    #expect(links[0].left == (0, 0) && links[0].right == (1, 0) && links[0].height == 1)
    #expect(links[1].left == (2, 0) && links[1].right == (3, 0) && links[1].height == 2)
    // The root joins the clusters' midpoints at their heights.
    #expect(links[2].left == (0.5, 1) && links[2].right == (2.5, 2) && links[2].height == 5)
}

@Test func dendrogramLabelsTheLeafAxisInLeafOrder() {
    let layer = Layer.dendrogram(DendrogramLayer(tree: tree, leafLabels: ["a", "b", "c", "d"]))
    #expect(layer.categoryTicks.x?.map(\.label) == ["a", "c", "b", "d"])
    let horizontal = Layer.dendrogram(DendrogramLayer(tree: tree, orientation: .horizontal))
    #expect(horizontal.categoryTicks.y?.map(\.label) == ["0", "2", "1", "3"])
}

@Test func clusteredHeatmapReordersTheMatrixByLeafOrder() {
    let matrix = (0..<4).map { r in (0..<4).map { c in Double(10 * r + c) } }
    let figure = Figure.clusteredHeatmap(matrix, tree: tree)
    guard case .heatmap(let h) = figure.panels[1].layers[0] else {
        Issue.record("second panel is not a heatmap")
        return
    }
    #expect(h.values[1] == [20, 22, 21, 23])
}
