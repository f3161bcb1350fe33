import Testing
@testable import Landscape

@Suite struct PermutationInterpolationTests {
    static let data = Dataset.gaussianMixture(count: 40, dimension: 4, classes: 3, separation: 2, seed: 3)
    static let loss = NetworkLoss(network: MultilayerPerceptron(inputs: 4, hidden: [6], outputs: 3, activation: .relu),
                                  data: data, function: .softmaxCrossEntropy)
    /// A trained θ: at initialisation the midpoint of a path can sit lower than its ends.
    static let theta = NetworkEnsemble(network: loss.network, train: data, test: data, batchSize: 8, learningRate: 0.05,
                                       momentum: 0.9, epochs: 30).trainReplica(seed: 4).parameters

    @Test func identityHasExactlyZeroBarrier() {
        let p = PermutationInterpolation(loss: Self.loss, points: 21)
        let profile = p.profile(of: Self.theta, permutedBy: Array(0..<6))
        #expect(profile.barrier == 0)
        #expect(Set(profile.losses).count == 1)
    }

    @Test func permutationsMoveExactlyKUnits() {
        var generator = SeededGenerator(seed: 8)
        for k in [0, 2, 3, 5, 6] {
            for _ in 0..<20 {
                let permutation = PermutationInterpolation.permutation(moving: k, of: 6, using: &generator)
                #expect(permutation.sorted() == Array(0..<6))
                #expect(permutation.indices.filter { permutation[$0] != $0 }.count == k)
            }
        }
        #expect(PermutationInterpolation.swap(1, 4, of: 6) == [0, 4, 2, 3, 1, 5])
    }

    /// The profile against `PathProfile` on the straight line of `linearPath` and the network's
    /// `LossSurface` (a different formula for the points and a fresh workspace per loss).
    @Test func barrierAgreesWithTheGenericPathTools() {
        let p = PermutationInterpolation(loss: Self.loss, points: 31), units = HiddenUnits(Self.loss.network)
        let permuted = units.permuting(Self.theta, by: [1, 2, 0, 4, 5, 3])
        let mine = p.profile(from: Self.theta, to: permuted)
        let reference = PathProfile(points: linearPath(from: Self.theta, to: permuted, points: 31), surface: Self.loss.surface)
        #expect(abs(mine.barrier - reference.barrier) < 1e-12)
        #expect(mine.barrier > 0)
        #expect(mine.losses.first == Self.loss.value(at: Self.theta) && mine.losses.last == Self.loss.value(at: permuted))
        #expect(zip(mine.positions, reference.positions).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func unitDistanceIsTheSwapDisplacementOverRootTwo() {
        let p = PermutationInterpolation(loss: Self.loss), units = HiddenUnits(Self.loss.network)
        let swapped = units.permuting(Self.theta, by: PermutationInterpolation.swap(0, 3, of: 6))
        let moved = zip(swapped, Self.theta).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        #expect(abs(moved - 2.0.squareRoot() * p.unitDistance(Self.theta, 0, 3)) < 1e-12)
    }
}
