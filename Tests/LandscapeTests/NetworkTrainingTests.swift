import Testing
@testable import Landscape

@Suite struct NetworkTrainingTests {
    /// Langevin's setup at a small size: 2 hidden tanh layers on random labels.
    static let randomData = NetworkLoss(
        network: MultilayerPerceptron(inputs: 5, hidden: [16, 16], outputs: 2, activation: .tanh),
        data: .randomLabels(count: 40, dimension: 5, classes: 2, seed: 21), function: .softmaxCrossEntropy)

    @Test func adamSeparatesAWellSeparatedMixture() {
        let data = Dataset.gaussianMixture(count: 120, dimension: 6, classes: 3, separation: 6, seed: 4)
        let loss = NetworkLoss(network: MultilayerPerceptron(inputs: 6, hidden: [16, 16], outputs: 3, activation: .relu),
                               data: data, function: .softmaxCrossEntropy)
        var theta = loss.network.initialParameters(seed: 1, scheme: .he), adam = Adam(learningRate: 1e-2)
        loss.iterate(&theta, with: &adam, steps: 0..<300, batches: .shuffled(size: 32, seed: 2))
        #expect(loss.accuracy(at: theta) == 1)
        #expect(adam.updates == 300)
    }

    @Test func adamMemorisesRandomLabels() {
        let loss = Self.randomData
        var theta = loss.network.initialParameters(seed: 3), adam = Adam(learningRate: 1e-2)
        loss.iterate(&theta, with: &adam, steps: 0..<1500)
        #expect(loss.accuracy(at: theta) == 1)
    }

    @Test func momentumDescentLowersTheLoss() {
        let loss = Self.randomData
        var theta = loss.network.initialParameters(seed: 3), sgd = MomentumDescent(learningRate: 0.05)
        var losses: [Double] = []
        loss.iterate(&theta, with: &sgd, steps: 0..<200) { _, value, _ in losses.append(value) }
        #expect(losses.count == 200 && losses.last! < 0.8 * losses.first!)
    }

    /// 2 × 500 steps (resumed from the saved step) give the same bytes as 1000 steps, with
    /// mini-batches too.
    @Test(arguments: [BatchSchedule.fullBatch, .shuffled(size: 16, seed: 5)])
    func langevinResumesExactly(batches: BatchSchedule) {
        let loss = Self.randomData, start = loss.network.initialParameters(seed: 6)
        var once = start, langevin = OverdampedLangevin(stepSize: 1e-2, temperature: 1e-3, seed: 7)
        loss.iterate(&once, with: &langevin, steps: 0..<1000, batches: batches)
        var resumed = start, first = OverdampedLangevin(stepSize: 1e-2, temperature: 1e-3, seed: 7)
        loss.iterate(&resumed, with: &first, steps: 0..<500, batches: batches)
        var second = OverdampedLangevin(stepSize: 1e-2, temperature: 1e-3, seed: 7)
        loss.iterate(&resumed, with: &second, steps: 500..<1000, batches: batches)
        #expect(once == resumed)
        #expect(once != start)
    }

    /// Chains run side by side on 2 threads give the same trajectories as one after another.
    @Test func langevinChainsIgnoreTheThreadCount() {
        let loss = Self.randomData
        func chains(threads: Int) -> [[Double]] {
            deterministicMap(count: 4, threads: ThreadBudget(threads: threads, heldByCaller: 1)) { c in
                var theta = loss.network.initialParameters(seed: 8)
                var langevin = OverdampedLangevin(stepSize: 1e-2, temperature: 1e-3 * Double(c + 1), seed: UInt64(c))
                loss.iterate(&theta, with: &langevin, steps: 0..<300)
                return theta
            }
        }
        #expect(chains(threads: 1) == chains(threads: 2))
    }

    /// On L = ½ Σ_k κ_k θ_k² with D stiff directions the excess loss is Gamma(D/2, T): ⟨L⟩ = D T / 2.
    @Test func langevinEquipartitionOnAQuadratic() {
        let kappa = [1.0, 2, 4, 0.5, 3, 1.5], d = Double(kappa.count), temperature = 0.01
        var theta = [Double](repeating: 0, count: kappa.count), gradient = theta
        var langevin = OverdampedLangevin(stepSize: 0.01, temperature: temperature, seed: 9)
        var sum = 0.0, samples = 0
        for t in 0..<200_000 {
            var value = 0.0
            for k in kappa.indices { gradient[k] = kappa[k] * theta[k]; value += 0.5 * kappa[k] * theta[k] * theta[k] }
            if t >= 2000 { sum += value; samples += 1 }
            langevin.update(&theta, gradient: gradient, step: t)
        }
        // Euler–Maruyama's bias is O(η κ); the statistical error of the mean about 1 %.
        #expect(abs(sum / Double(samples) / (d * temperature / 2) - 1) < 0.05)
    }

    @Test func langevinWithoutTemperatureIsGradientDescent() {
        let loss = Self.randomData, start = loss.network.initialParameters(seed: 10)
        var a = start, b = start
        var langevin = OverdampedLangevin(stepSize: 0.05, temperature: 0, seed: 1), sgd = MomentumDescent(learningRate: 0.05, momentum: 0)
        loss.iterate(&a, with: &langevin, steps: 0..<20)
        loss.iterate(&b, with: &sgd, steps: 0..<20)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-14 })
    }
}
