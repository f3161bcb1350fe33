import Testing
@testable import Landscape

@Suite struct DendrogramTests {
    private func euclidean(_ points: [[Double]]) -> [[Double]] { EuclideanDistances.matrix(points) }

    /// Points 0, 1, 5 on a line, worked by hand: {0,1} at 1, then {0,1} with 2 at (5 + 4) / 2.
    @Test func averageLinkageByHand() {
        let tree = Dendrogram(distances: euclidean([[0], [1], [5]]), linkage: .average)
        #expect(tree.merges == [
            .init(left: 0, right: 1, height: 1, size: 2),
            .init(left: 2, right: 3, height: 4.5, size: 3),
        ])
        #expect(tree.leafOrder == [2, 0, 1])
    }

    /// Ward on 0, 1, 5: {0,1} at 1; then sqrt(2·|AB|·|C|/(|AB|+|C|)) · |centroid gap| = sqrt(4/3)·4.5.
    @Test func wardLinkageByHand() {
        let tree = Dendrogram(distances: euclidean([[0], [1], [5]]), linkage: .ward)
        #expect(tree.merges[0].height == 1)
        #expect(abs(tree.merges[1].height - (4.0 / 3).squareRoot() * 4.5) < 1e-12)
    }

    /// On random matrices: average-linkage heights never decrease, the leaf order is a permutation,
    /// and the average distance between the two sides of each merge equals its height.
    @Test func averageLinkageMatchesItsDefinitionOnRandomMatrices() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<5 {
            let points = (0..<12).map { _ in (0..<3).map { _ in generator.normal() } }
            let d = euclidean(points)
            let tree = Dendrogram(distances: d, linkage: .average)
            #expect(zip(tree.merges, tree.merges.dropFirst()).allSatisfy { $0.height <= $1.height + 1e-12 })
            #expect(tree.leafOrder.sorted() == Array(0..<12))
            var members: [[Int]] = (0..<12).map { [$0] }
            for merge in tree.merges {
                let left = members[merge.left], right = members[merge.right]
                let mean = left.flatMap { i in right.map { j in d[i][j] } }.reduce(0, +) / Double(left.count * right.count)
                #expect(abs(mean - merge.height) < 1e-9)
                members.append(left + right)
            }
        }
    }

    /// An ultrametric matrix is reproduced exactly; scattered Gaussian points are not.
    @Test func copheneticCorrelation() {
        let ultrametric: [[Double]] = [
            [0, 1, 4, 4], [1, 0, 4, 4], [4, 4, 0, 2], [4, 4, 2, 0],
        ]
        let tree = Dendrogram(distances: ultrametric, linkage: .average)
        #expect(tree.copheneticDistances == ultrametric)
        #expect(abs(tree.copheneticCorrelation(with: ultrametric) - 1) < 1e-12)
        var generator = SeededGenerator(seed: 5)
        let d = euclidean((0..<30).map { _ in (0..<10).map { _ in generator.normal() } })
        #expect(Dendrogram(distances: d, linkage: .average).copheneticCorrelation(with: d) < 0.95)
    }
}

@Suite struct PlantedHierarchyTests {
    @Test func cuttingTheTreeRecoversPlantedGroups() {
        var generator = SeededGenerator(seed: 17)
        let planted = PlantedHierarchy(count: 32, dimension: 6, levels: 3, branching: 2, spread: 0.2, generator: &generator)
        for linkage in Dendrogram.Linkage.allCases {
            let tree = Dendrogram(distances: planted.distances, linkage: linkage)
            #expect(RandIndex.of(tree.clusters(count: 2), planted.groups) == 1, "\(linkage)")
            #expect(tree.copheneticCorrelation(with: planted.distances) > 0.9)
        }
    }

    @Test func clusterCutsAndRandIndex() {
        let tree = Dendrogram(distances: [[0, 1, 5, 6], [1, 0, 5, 6], [5, 5, 0, 2], [6, 6, 2, 0]], linkage: .average)
        #expect(tree.clusters(count: 1) == [0, 0, 0, 0])
        #expect(tree.clusters(count: 2) == [0, 0, 1, 1])
        #expect(tree.clusters(count: 4) == [0, 1, 2, 3])
        #expect(RandIndex.of([0, 0, 1, 1], [5, 5, 7, 7]) == 1)
        #expect(RandIndex.of([0, 0, 1, 1], [0, 1, 0, 1]) == 2.0 / 6)
    }
}
