import Testing
@testable import Landscape

@Suite struct EnsembleTests {
    static let data = Dataset.gaussianMixture(count: 120, dimension: 6, classes: 3, separation: 3, seed: 5)
    static let split = data.split(testFraction: 0.25, seed: 6)
    static let network = MultilayerPerceptron(inputs: 6, hidden: [5], outputs: 3, activation: .relu)

    static func ensemble(batch: Int, epochs: Int, momentum: Double = 0.9, target: Double? = nil) -> NetworkEnsemble {
        NetworkEnsemble(network: network, train: split.train, test: split.test, batchSize: batch, learningRate: 0.05,
                        momentum: momentum, epochs: epochs, targetLoss: target)
    }

    @Test func replicasAreTheSameOnOneAndTwoThreads() {
        let e = Self.ensemble(batch: 16, epochs: 4)
        let serial = e.train(replicas: 4, seed: 9, threads: .serial)
        let parallel = e.train(replicas: 4, seed: 9, threads: ThreadBudget(threads: 2, heldByCaller: 1))
        #expect(serial == parallel)
        #expect(Set(serial.map(\.seed)).count == 4)
        #expect(Set(serial.map(\.parameters)).count == 4)
    }

    /// Full batch without momentum: an epoch is one gradient step, θ₁ = θ₀ − η ∇L(θ₀), with the
    /// gradient computed independently by `NetworkLoss` at He-initialised θ₀.
    @Test func fullBatchEpochIsOneGradientStep() {
        let e = Self.ensemble(batch: 1000, epochs: 1, momentum: 0)
        let seed = NetworkEnsemble.replicaSeed(0, of: 3), replica = e.trainReplica(seed: seed)
        let theta0 = Self.network.initialParameters(seed: SeededGenerator(seed: seed).child(0).seedValue, scheme: .he)
        let expected = zip(theta0, e.trainingLoss.gradient(at: theta0)).map { $0 - 0.05 * $1 }
        #expect(replica.steps == 1 && replica.history.count == 1)
        #expect(abs(replica.history[0] - e.trainingLoss.value(at: theta0)) <= 1e-14)
        #expect(zip(replica.parameters, expected).allSatisfy { abs($0 - $1) <= 1e-13 * max(1, abs($1)) })
        #expect(abs(replica.trainLoss - e.trainingLoss.value(at: replica.parameters)) <= 1e-14)
    }

    /// Shared initialisation: full batch (the same batch for all, up to the order its rows are
    /// summed in) gives the same replica, to rounding, as the replica trained independently from
    /// the shared seed's weights; mini-batches (different orders) give different replicas.
    /// Independent initial weights would fail the first check by far more than rounding.
    @Test func sharedInitialisationLeavesOnlyTheBatchOrder() {
        var full = Self.ensemble(batch: 1000, epochs: 3, momentum: 0)
        full.sharedInitialisation = SeededGenerator(seed: 77).child(0).seedValue
        let reference = Self.ensemble(batch: 1000, epochs: 3, momentum: 0).trainReplica(seed: 77).parameters
        for replica in full.train(replicas: 3, seed: 9) {
            #expect(zip(replica.parameters, reference).allSatisfy { abs($0 - $1) <= 1e-12 })
        }
        var mini = Self.ensemble(batch: 8, epochs: 3)
        mini.sharedInitialisation = full.sharedInitialisation
        #expect(Set(mini.train(replicas: 3, seed: 9).map(\.parameters)).count == 3)
    }

    @Test func trainingLearnsASeparableMixture() {
        let replica = Self.ensemble(batch: 8, epochs: 30).trainReplica(seed: 1)
        #expect(replica.history.last! < replica.history.first!)
        #expect(replica.testAccuracy > 0.9)
        #expect(replica.steps == 30 * Self.ensemble(batch: 8, epochs: 30).stepsPerEpoch)
    }

    @Test func stopsAtTheTargetLoss() {
        let free = Self.ensemble(batch: 8, epochs: 40).trainReplica(seed: 2)
        let target = free.history[5]
        let stopped = Self.ensemble(batch: 8, epochs: 40, target: target).trainReplica(seed: 2)
        let first = free.history.firstIndex { $0 <= target }!
        #expect(stopped.history == Array(free.history.prefix(first + 1)))
        #expect(stopped.trainLoss <= target)
        #expect(stopped.steps == (first + 1) * Self.ensemble(batch: 8, epochs: 1).stepsPerEpoch)
    }

    /// A step budget of 2.5 epochs: the first two epochs are those of an epoch-limited run, the
    /// third stops halfway, and its loss is the mean over the batches it saw.
    @Test func aStepBudgetEndsMidEpoch() {
        let perEpoch = Self.ensemble(batch: 8, epochs: 1).stepsPerEpoch
        var budgeted = Self.ensemble(batch: 8, epochs: 1)
        budgeted.stepBudget = 2 * perEpoch + perEpoch / 2
        let replica = budgeted.trainReplica(seed: 3), two = Self.ensemble(batch: 8, epochs: 2).trainReplica(seed: 3)
        #expect(replica.steps == 2 * perEpoch + perEpoch / 2 && replica.history.count == 3)
        #expect(Array(replica.history.prefix(2)) == two.history)
        #expect(replica.parameters != two.parameters && replica.parameters != Self.ensemble(batch: 8, epochs: 3).trainReplica(seed: 3).parameters)
    }
}
