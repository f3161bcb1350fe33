import Foundation
import Testing
@testable import Landscape

/// The Float32 training path against PyTorch's float32 SGD (Fixtures/sgd_torch.json, written by
/// bench/make_torch_fixtures.py) and against our own Float64 path.
@Suite struct NetworkPrecisionTests {
    struct Fixture: Decodable {
        struct Network: Decodable { let inputs: Int, hidden: Int, outputs: Int }
        struct Run: Decodable { let theta: [Double], losses: [Double] }
        let network: Network
        let learning_rate: Double, momentum: Double
        let inputs: [Double], labels: [Int], theta0: [Double], batches: [[Int]]
        let float32: Run, float64: Run
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "sgd_torch", withExtension: "json")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static var loss: NetworkLoss {
        let f = fixture
        let network = MultilayerPerceptron(inputs: f.network.inputs, hidden: [f.network.hidden], outputs: f.network.outputs,
                                           activation: .relu)
        return NetworkLoss(network: network, data: Dataset(inputs: f.inputs, dimension: f.network.inputs,
                                                           targets: .labels(f.labels, classes: f.network.outputs)),
                           function: .softmaxCrossEntropy)
    }

    /// The fixture's SGD run through the core of `NetworkEnsemble` in the arithmetic of `S`.
    static func run<S: NetworkScalar>(_: S.Type) -> (theta: [Double], losses: [Double]) {
        let f = fixture, loss = loss, samples = NetworkSamples<S>(converting: loss.data)
        var theta = f.theta0.map { S($0) }, velocity = [S](repeating: 0, count: theta.count), gradient = velocity
        let workspace = NetworkBuffers<S>(network: loss.network, rows: f.batches[0].count, secondOrder: false, gathers: true)
        var losses: [Double] = []
        theta.withUnsafeMutableBufferPointer { t in
            velocity.withUnsafeMutableBufferPointer { u in
                gradient.withUnsafeMutableBufferPointer { g in
                    for rows in f.batches {
                        losses.append(Double(loss.evaluate(UnsafeBufferPointer(t), samples: samples, rows: rows[...],
                                                           workspace: workspace, gradient: g.baseAddress!)))
                        MomentumDescent.step(t, velocity: u, gradient: g.baseAddress!, learningRate: S(f.learning_rate),
                                             momentum: S(f.momentum))
                    }
                }
            }
        }
        return (theta.map { Double($0) }, losses)
    }

    static func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max()!
    }

    @Test func float64MatchesPyTorchFloat64() {
        let ours = Self.run(Double.self), theirs = Self.fixture.float64
        #expect(Self.largestDifference(ours.theta, theirs.theta) < 1e-13)
        #expect(Self.largestDifference(ours.losses, theirs.losses) < 1e-13)
    }

    /// Float32 rounding differs from PyTorch's in the order of the sums, so the runs agree to a
    /// few float32 ulps (θ is of order 1, an ulp 6e-8; measured 3.6e-7 after 30 steps), not to
    /// the bit. Against the Float64 run (the reference) our Float32 error is at most twice
    /// PyTorch's own float32 error (measured: 3.3e-7 against 3.5e-7), and it is not zero.
    @Test func float32MatchesPyTorchFloat32() {
        let ours = Self.run(Float.self), theirs = Self.fixture.float32, double = Self.run(Double.self)
        #expect(Self.largestDifference(ours.theta, theirs.theta) < 1e-6)
        #expect(Self.largestDifference(ours.losses, theirs.losses) < 1e-6)
        let ourError = Self.largestDifference(ours.theta, double.theta)
        #expect(ourError > 0 && ourError <= 2 * Self.largestDifference(theirs.theta, Self.fixture.float64.theta))
    }

    /// An ensemble trained in Float32 (4 epochs of 13 steps) ends where the Float64 one does, to
    /// float32 rounding, and
    /// the Float64 ensemble is bit for bit the replica `NetworkLoss.iterate` with `MomentumDescent`
    /// trains (a second implementation of the same loop).
    @Test func float32EnsembleFollowsTheFloat64One() {
        let data = Dataset.gaussianMixture(count: 200, dimension: 12, classes: 3, separation: 2, seed: 8)
        let network = MultilayerPerceptron(inputs: 12, hidden: [16], outputs: 3, activation: .relu)
        func ensemble(_ precision: Precision) -> NetworkEnsemble {
            NetworkEnsemble(network: network, train: data, test: data.rows(Array(0..<50)), batchSize: 16, learningRate: 0.05,
                            momentum: 0.9, epochs: 4, precision: precision)
        }
        let single = ensemble(.float32).train(replicas: 3, seed: 9), double = ensemble(.float64).train(replicas: 3, seed: 9)
        for (s, d) in zip(single, double) {
            #expect(s.seed == d.seed && s.steps == d.steps && s.history.count == d.history.count)
            #expect(s.parameters != d.parameters)
            // Measured: θ within 5.6e-7, final losses within 2.3e-8, epoch losses within 4.3e-8.
            #expect(Self.largestDifference(s.parameters, d.parameters) < 2e-6)
            #expect(abs(s.trainLoss - d.trainLoss) < 2e-7)
            #expect(Self.largestDifference(s.history, d.history) < 2e-7)

            let loss = NetworkLoss(network: network, data: data, function: .softmaxCrossEntropy)
            let root = SeededGenerator(seed: d.seed)
            var theta = network.initialParameters(seed: root.child(0).seedValue, scheme: .he)
            var sgd = MomentumDescent(learningRate: 0.05, momentum: 0.9)
            loss.iterate(&theta, with: &sgd, steps: 0..<d.steps, batches: .shuffled(size: 16, seed: root.child(1).seedValue))
            #expect(theta == d.parameters)
        }
    }
}
