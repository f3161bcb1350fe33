import Testing
@testable import Landscape

@Suite struct EnsembleAlignmentTests {
    static let network = MultilayerPerceptron(inputs: 6, hidden: [8], outputs: 3, activation: .relu)
    static let units = HiddenUnits(network)
    static let inputs = Dataset.gaussianMixture(count: 30, dimension: 6, classes: 3, separation: 2, seed: 5).inputs

    /// Independent random networks (no shared structure).
    static func independent(_ count: Int, seed: UInt64) -> [[Double]] {
        (0..<count).map { network.initialParameters(seed: seed + UInt64($0), scheme: .he) }
    }

    /// Copies of `base` plus `noise` times Gaussian noise, each with its units permuted at random
    /// and rescaled by random positive factors (so both symmetries must be undone).
    static func disguisedCopies(of base: [Double], count: Int, noise: Double, seed: UInt64) -> [[Double]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var theta = base.map { $0 + noise * generator.normal() }
            var permutation = Array(0..<units.count)
            generator.shuffle(&permutation)
            theta = units.permuting(theta, by: permutation)
            let (first, second) = (network.layers[0], network.layers[1])
            for k in 0..<units.count {
                let s = generator.uniform(0.5, 2)
                for j in 0..<first.inputs { theta[first.weightIndex(row: k, column: j)] *= s }
                theta[first.biasOffset + k] *= s
                for c in 0..<second.outputs { theta[second.weightIndex(row: c, column: k)] /= s }
            }
            return theta
        }
    }

    static func close(_ x: [Double], _ y: [Double], _ tolerance: Double = 1e-10) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0)) }
    }

    @Test(arguments: [EnsembleAlignment.Target.barycentre, .reference])
    func disguisedCopiesOfOneNetworkAlignToOneVector(target: EnsembleAlignment.Target) {
        let base = Self.network.initialParameters(seed: 3, scheme: .he)
        let alignment = EnsembleAlignment(replicas: Self.disguisedCopies(of: base, count: 7, noise: 0, seed: 8), units: Self.units, target: target)
        #expect(alignment.replicas.allSatisfy { Self.close($0, alignment.replicas[0]) })
        let q = ReplicaOverlap.matrix(alignment.replicas)
        #expect(q.joined().allSatisfy { abs($0 - 1) < 1e-10 })
        #expect(alignment.converged)
    }

    @Test(arguments: [EnsembleAlignment.Target.barycentre, .reference, .none])
    func alignmentKeepsEveryNetworksFunction(target: EnsembleAlignment.Target) {
        let replicas = Self.independent(6, seed: 40)
        let alignment = EnsembleAlignment(replicas: replicas, units: Self.units, target: target)
        for (trained, aligned) in zip(replicas, alignment.replicas) {
            #expect(Self.close(Self.network.outputs(trained, inputs: Self.inputs), Self.network.outputs(aligned, inputs: Self.inputs)))
        }
        for (a, permutation) in alignment.permutations.enumerated() {
            let expected = Self.units.permuting(target == .none ? replicas[a] : Self.units.normalisingRescaling(replicas[a]), by: permutation)
            #expect(Self.close(expected, alignment.replicas[a], 1e-14))
        }
    }

    @Test(arguments: [EnsembleAlignment.Target.barycentre, .reference])
    func aligningAnAlignedEnsembleChangesNothing(target: EnsembleAlignment.Target) {
        for seed in [UInt64(10), 20, 30] {
            let once = EnsembleAlignment(replicas: Self.independent(9, seed: seed), units: Self.units, target: target)
            let twice = EnsembleAlignment(replicas: once.replicas, units: Self.units, target: target)
            #expect(twice.permutations.allSatisfy { $0 == Array(0..<Self.units.count) })
            #expect(zip(once.replicas, twice.replicas).allSatisfy { Self.close($0, $1, 1e-12) })
        }
    }

    /// The sweeps start from the trained labelling and accept only improvements, so they end at a
    /// fixed point with at least its total overlap.
    @Test func barycentreSweepsRaiseTheTotalOverlap() {
        for seed in [UInt64(1), 2, 3, 4] {
            let replicas = Self.independent(10, seed: 100 * seed)
            let vectors = replicas.map(Self.units.normalisingRescaling).map(Self.units.unitVectors)
            let barycentre = EnsembleAlignment(replicas: replicas, units: Self.units, target: .barycentre)
            #expect(barycentre.converged && barycentre.rounds >= 1)
            let trained = replicas.map { _ in Array(0..<Self.units.count) }
            #expect(EnsembleAlignment.totalOverlap(vectors, barycentre.permutations)
                    > EnsembleAlignment.totalOverlap(vectors, trained))
        }
    }

    @Test func totalOverlapIsTheSumOfPairwiseUnitOverlaps() {
        let vectors = Self.independent(4, seed: 70).map(Self.units.unitVectors)
        let permutations = [[0, 1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0], [1, 0, 3, 2, 5, 4, 7, 6], [2, 3, 4, 5, 6, 7, 0, 1]]
        var direct = 0.0
        for a in 0..<4 {
            for b in (a + 1)..<4 {
                for k in 0..<8 { direct += zip(vectors[a][permutations[a][k]], vectors[b][permutations[b][k]]).reduce(0) { $0 + $1.0 * $1.1 } }
            }
        }
        #expect(abs(EnsembleAlignment.totalOverlap(vectors, permutations) - direct) < 1e-10 * abs(direct))
    }

    @Test func similaritiesAreTheDotProductsOfUnitVectors() {
        let (x, y) = (Self.units.unitVectors(Self.independent(1, seed: 90)[0]), Self.units.unitVectors(Self.independent(1, seed: 91)[0]))
        let s = EnsembleAlignment.similarities(x, y)
        for k in 0..<8 {
            for j in 0..<8 {
                let direct = zip(x[k], y[j]).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(s[k][j] - direct) <= 1e-12 * max(1, abs(direct)))
            }
        }
    }

    /// Aligning to replica 0 fits replica 0's noise: every pair containing it looks closer than the
    /// rest. Barycentre matching treats all replicas alike.
    @Test func referenceAlignmentFavoursTheReferenceAndBarycentreDoesNot() {
        let base = Self.network.initialParameters(seed: 17, scheme: .he)
        let replicas = Self.disguisedCopies(of: base, count: 16, noise: 0.6, seed: 23)
        func bias(_ target: EnsembleAlignment.Target) -> Double {
            let q = ReplicaOverlap.matrix(EnsembleAlignment(replicas: replicas, units: Self.units, target: target).replicas)
            let withReference = (1..<16).map { q[0][$0] }
            let others = (1..<16).flatMap { a in ((a + 1)..<16).map { q[a][$0] } }
            return withReference.reduce(0, +) / 15 - others.reduce(0, +) / Double(others.count)
        }
        let (reference, barycentre) = (bias(.reference), bias(.barycentre))
        #expect(reference > 0.05)
        #expect(abs(barycentre) < reference / 3)
    }
}
