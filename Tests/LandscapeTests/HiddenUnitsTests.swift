import Testing
@testable import Landscape

@Suite struct HiddenUnitsTests {
    static let network = MultilayerPerceptron(inputs: 4, hidden: [6], outputs: 3, activation: .relu)
    static let theta = network.initialParameters(seed: 11, scheme: .he).enumerated().map { $1 + 0.01 * Double($0 % 7) }
    static let inputs = Dataset.gaussianMixture(count: 20, dimension: 4, classes: 3, separation: 2, seed: 3).inputs

    @Test func permutedNetworkComputesTheSameFunction() {
        let units = HiddenUnits(Self.network), permutation = [3, 0, 5, 1, 4, 2]
        let permuted = units.permuting(Self.theta, by: permutation)
        #expect(permuted != Self.theta)
        let (a, b) = (Self.network.outputs(Self.theta, inputs: Self.inputs), Self.network.outputs(permuted, inputs: Self.inputs))
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        #expect(units.permuting(Self.theta, by: Array(0..<6)) == Self.theta)
    }

    @Test func unitVectorsFollowThePermutation() {
        let units = HiddenUnits(Self.network), permutation = [2, 4, 0, 5, 1, 3]
        let original = units.unitVectors(Self.theta), permuted = units.unitVectors(units.permuting(Self.theta, by: permutation))
        #expect(original.count == 6 && original[0].count == 4 + 1 + 3)
        #expect(permutation.indices.allSatisfy { permuted[$0] == original[permutation[$0]] })
        #expect(original[1][4] == Self.theta[Self.network.layers[0].biasOffset + 1])
    }

    @Test func reluRescalingKeepsTheFunctionAndNormalisesIncomingWeights() {
        let units = HiddenUnits(Self.network), rescaled = units.normalisingRescaling(Self.theta)
        let (a, b) = (Self.network.outputs(Self.theta, inputs: Self.inputs), Self.network.outputs(rescaled, inputs: Self.inputs))
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        for vector in units.unitVectors(rescaled) {
            #expect(abs(vector.prefix(5).reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        }
        #expect(units.normalisingRescaling(rescaled).enumerated().allSatisfy { abs($1 - rescaled[$0]) < 1e-12 })
    }

    /// The balanced gauge keeps the function, equalises each unit's incoming and outgoing norms,
    /// and is the shortest vector of the rescaling orbit: scaling any unit further by 0.9 or 1.1
    /// from it lengthens θ (a gauge that only normalised one side would fail the last check).
    @Test func balancedRescalingKeepsTheFunctionAndIsTheShortestOfTheOrbit() {
        let units = HiddenUnits(Self.network), balanced = units.balancedRescaling(units.normalisingRescaling(Self.theta))
        let (a, b) = (Self.network.outputs(Self.theta, inputs: Self.inputs), Self.network.outputs(balanced, inputs: Self.inputs))
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        for vector in units.unitVectors(balanced) {
            let incoming = vector.prefix(5).reduce(0) { $0 + $1 * $1 }, outgoing = vector.suffix(3).reduce(0) { $0 + $1 * $1 }
            #expect(abs(incoming - outgoing) < 1e-12 * max(1, incoming))
        }
        let length = { (theta: [Double]) in theta.reduce(0) { $0 + $1 * $1 } }
        let (first, second) = (Self.network.layers[0], Self.network.layers[1])
        for k in 0..<6 {
            for s in [0.9, 1.1] {
                var moved = balanced
                for j in 0..<4 { moved[first.weightIndex(row: k, column: j)] *= s }
                moved[first.biasOffset + k] *= s
                for c in 0..<3 { moved[second.weightIndex(row: c, column: k)] /= s }
                #expect(length(moved) > length(balanced))
            }
        }
    }
}
