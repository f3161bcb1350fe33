import Testing
@testable import Landscape

@Suite struct ReplicaStatisticsTests {
    @Test func overlapsAreCosinesWithUnitDiagonal() {
        let x = [1.0, 2, -2], y = [2.0, 4, -4], z = [-1.0, -2, 2], w = [2.0, 0, 1]
        let q = ReplicaOverlap.matrix([x, y, z, w])
        #expect((0..<4).allSatisfy { q[$0][$0] == 1 })
        #expect(abs(q[0][1] - 1) < 1e-15 && abs(q[0][2] + 1) < 1e-15 && q[0][3] == 0)
        #expect((0..<4).allSatisfy { a in (0..<4).allSatisfy { q[a][$0] == q[$0][a] } })
        let d = ReplicaOverlap.distances(q)
        #expect(d[0][0] == 0 && abs(d[0][2] - 2) < 1e-15 && d[0][3] == 1)
        #expect(ReplicaOverlap.offDiagonal([[1, 2, 3], [2, 1, 4], [3, 4, 1]]) == [2, 3, 4])
    }

    @Test func gaussianPointsInHighDimensionAreNearlyOrthogonal() {
        var generator = SeededGenerator(seed: 4)
        let q = ReplicaOverlap.offDiagonal(ReplicaOverlap.matrix(ReplicaOverlap.gaussianPoints(count: 20, dimension: 4000, generator: &generator)))
        // q of independent Gaussian directions has mean 0 and standard deviation 1/√dimension.
        let summary = SampleSummary(q)!
        #expect(abs(summary.mean) < 4 / (4000.0 * 190).squareRoot())
        #expect(abs(summary.standardDeviation * 4000.0.squareRoot() - 1) < 0.2)
    }

    @Test func predictionDisagreementCountsDifferingClasses() {
        // f(x) = [relu(x), 0.5 − relu(x)]: class 0 exactly when x > 0.25.
        let network = MultilayerPerceptron(inputs: 1, hidden: [1], outputs: 2, activation: .relu)
        let theta = [1.0, 0, 1, -1, 0, 0.5]
        let probe = [-1.0, 0, 0.2, 0.3, 1]
        let classes = PredictionDisagreement.classes(network: network, theta: theta, probe: probe)
        #expect(classes == [1, 1, 1, 0, 0])
        // Shifting the threshold to x > 0.5 (output bias 1) changes the class of 0.3 only.
        let shifted = PredictionDisagreement.classes(network: network, theta: [1.0, 0, 1, -1, 0, 1], probe: probe)
        let d = PredictionDisagreement.matrix(classes: [classes, shifted, classes])
        #expect(d == [[0, 0.2, 0], [0.2, 0, 0.2], [0, 0.2, 0]])
    }

    @Test func permutingHiddenUnitsLeavesPredictionsUnchanged() {
        let network = MultilayerPerceptron(inputs: 5, hidden: [7], outputs: 4, activation: .relu)
        let units = HiddenUnits(network), theta = network.initialParameters(seed: 2, scheme: .he)
        let probe = Dataset.gaussianMixture(count: 50, dimension: 5, classes: 4, separation: 2, seed: 1).inputs
        let a = PredictionDisagreement.classes(network: network, theta: theta, probe: probe)
        let b = PredictionDisagreement.classes(network: network, theta: units.permuting(theta, by: [6, 5, 4, 3, 2, 1, 0]), probe: probe)
        #expect(PredictionDisagreement.matrix(classes: [a, b]) == [[0, 0], [0, 0]])
    }

    @Test func kOfOneTriangleFollowsTheDefinition() {
        // Distances 3, 4, 5: σ_d = √(2/3) (population), K = (5 − 4)/σ_d.
        let k = Ultrametricity(distances: [[0, 3, 4], [3, 0, 5], [4, 5, 0]])
        #expect(k.values.count == 1 && abs(k.values[0] - 1 / (2.0 / 3).squareRoot()) < 1e-14)
    }

    /// The distances of the leaves of a balanced binary tree: d(i, j) = the level of their lowest
    /// common ancestor, an exact ultrametric.
    static func treeDistances(levels: Int) -> [[Double]] {
        let n = 1 << levels
        return (0..<n).map { i in (0..<n).map { j in i == j ? 0 : Double(Int.bitWidth - (i ^ j).leadingZeroBitCount) } }
    }

    @Test func anExactUltrametricHasKZeroAndGaussianPointsDoNot() {
        let tree = Ultrametricity(distances: Self.treeDistances(levels: 4))
        #expect(tree.values.count == 16 * 15 * 14 / 6 && tree.values.allSatisfy { $0 == 0 })
        var generator = SeededGenerator(seed: 12)
        let gaussian = Ultrametricity(distances: EuclideanDistances.matrix(ReplicaOverlap.gaussianPoints(count: 16, dimension: 50, generator: &generator)))
        #expect(gaussian.summary.mean > 0.3)
        // Every triplet counted once, and K is scale-free.
        let scaled = Ultrametricity(distances: EuclideanDistances.matrix(ReplicaOverlap.gaussianPoints(count: 16, dimension: 50, generator: &generator)).map { $0.map { 7 * $0 } })
        #expect(scaled.values.count == 560 && scaled.values.allSatisfy { $0 >= 0 })
    }

    @Test func aPlantedTreeIsFarMoreUltrametricThanTheGaussianNull() {
        var generator = SeededGenerator(seed: 31)
        let planted = PlantedHierarchy(count: 32, dimension: 200, levels: 3, branching: 2, spread: 0.3, generator: &generator)
        let null = ReplicaOverlap.gaussianPoints(count: 32, dimension: 200, generator: &generator)
        let (control, gaussian) = (Ultrametricity(distances: planted.distances).summary, Ultrametricity(distances: EuclideanDistances.matrix(null)).summary)
        #expect(control.mean < gaussian.mean / 3)
        #expect(control.median < gaussian.median / 3)
    }
}
