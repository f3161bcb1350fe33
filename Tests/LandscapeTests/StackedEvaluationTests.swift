import Testing
@testable import Landscape

/// `NetworkLoss.values(at:)` stacks the first layers of several θ into one product; each loss must
/// be the one `value(at:)` gives, to the bit, for any number of points and any stack size.
@Suite struct StackedEvaluationTests {
    static let losses = [
        NetworkLoss(network: MultilayerPerceptron(inputs: 30, hidden: [32], outputs: 4, activation: .relu),
                    data: .gaussianMixture(count: 300, dimension: 30, classes: 4, separation: 2, seed: 1), function: .softmaxCrossEntropy),
        NetworkLoss(network: MultilayerPerceptron(inputs: 5, hidden: [7, 6], outputs: 3, activation: .tanh),
                    data: .randomLabels(count: 41, dimension: 5, classes: 3, seed: 2), function: .meanSquaredError, weightDecay: 1e-3),
    ]

    @Test(arguments: [1, 3, 16, 40], [1, 5, 16])
    func stackedLossesAreTheSingleOnes(count: Int, stack: Int) {
        for loss in Self.losses {
            let thetas = (0..<count).map { loss.network.initialParameters(seed: UInt64(10 + $0), scheme: .he) }
            let workspace = loss.makeWorkspace()
            let stacked = loss.values(at: thetas, workspace: workspace, stack: stack)
            #expect(stacked == thetas.map { loss.value(at: $0) })
            #expect(loss.values(at: [], workspace: workspace, stack: stack).isEmpty)
        }
    }
}
