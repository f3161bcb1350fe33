import Foundation
import Testing
@testable import Landscape

/// Gradients and Hessian-vector products against central finite differences and against a
/// PyTorch float64 fixture.
@Suite struct NetworkDerivativeTests {
    /// A small net (3 → 5 → 4 → 3) on 11 examples, with labels for cross-entropy and real targets for MSE.
    static func loss(_ activation: Activation, _ function: LossFunction, hidden: [Int] = [5, 4], weightDecay: Double = 0) -> NetworkLoss {
        let network = MultilayerPerceptron(inputs: 3, hidden: hidden, outputs: 3, activation: activation)
        let data = function == .softmaxCrossEntropy
            ? Dataset.randomLabels(count: 11, dimension: 3, classes: 3, seed: 5)
            : Dataset.teacherStudent(teacher: network, teacherParameters: network.initialParameters(seed: 9), count: 11,
                                     labels: false, seed: 5)
        return NetworkLoss(network: network, data: data, function: function, weightDecay: weightDecay)
    }

    static let cases = Activation.allCases.flatMap { a in LossFunction.allCases.map { (a, $0) } }

    /// θ with biases away from 0 so ReLU kinks are not near the evaluation point.
    static func parameters(_ network: MultilayerPerceptron, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return network.initialParameters(seed: seed).map { $0 + 0.3 * g.normal() }
    }

    @Test(arguments: cases) func gradientMatchesFiniteDifferences(activation: Activation, function: LossFunction) {
        checkGradient(Self.loss(activation, function, weightDecay: 0.01))
    }

    /// No hidden layer (a linear model) and one (the spin-glass networks).
    @Test(arguments: [[Int](), [6]]) func shallowNetworks(hidden: [Int]) {
        checkGradient(Self.loss(.relu, .softmaxCrossEntropy, hidden: hidden))
        checkHessianVectorProduct(Self.loss(.softplus, .meanSquaredError, hidden: hidden))
    }

    func checkGradient(_ loss: NetworkLoss) {
        let theta = Self.parameters(loss.network, seed: 1), g = loss.gradient(at: theta), h = 1e-5
        for k in 0..<theta.count {
            var plus = theta, minus = theta
            plus[k] += h; minus[k] -= h
            let fd = (loss.value(at: plus) - loss.value(at: minus)) / (2 * h)
            #expect(abs(fd - g[k]) < 1e-8, "∂L/∂θ[\(k)] = \(g[k]), finite difference \(fd)")
        }
    }

    @Test(arguments: cases) func hessianVectorProductMatchesFiniteDifferences(activation: Activation, function: LossFunction) {
        checkHessianVectorProduct(Self.loss(activation, function, weightDecay: 0.01))
    }

    func checkHessianVectorProduct(_ loss: NetworkLoss) {
        let theta = Self.parameters(loss.network, seed: 2)
        var generator = SeededGenerator(seed: 3)
        let v = theta.map { _ in generator.normal() }, h = 1e-5
        let hv = loss.hessianVectorProduct(at: theta, direction: v)
        let gPlus = loss.gradient(at: zip(theta, v).map { $0 + h * $1 })
        let gMinus = loss.gradient(at: zip(theta, v).map { $0 - h * $1 })
        for k in 0..<theta.count {
            let fd = (gPlus[k] - gMinus[k]) / (2 * h)
            #expect(abs(fd - hv[k]) < 1e-7, "(Hv)[\(k)] = \(hv[k]), finite difference \(fd)")
        }
    }

    @Test func hyperbolicTangentMatchesTheLibrary() {
        var x = -30.0
        while x < 30 {
            #expect(abs(hyperbolicTangent(x) - tanh(x)) <= 4 * tanh(x).ulp)
            x += 0.000731
        }
        for x in [0.0, -0.0, 1e-300, 1e-12, -1e-8, 1e3, -1e300] { #expect(abs(hyperbolicTangent(x) - tanh(x)) <= 4 * tanh(x).ulp) }
    }

    @Test func miniBatchGradientIsTheGradientOfTheBatch() {
        let loss = Self.loss(.tanh, .softmaxCrossEntropy)
        let theta = Self.parameters(loss.network, seed: 4), rows = [7, 2, 9, 4]
        let batch = NetworkLoss(network: loss.network, data: loss.data.rows(rows), function: loss.function)
        var g = [Double](repeating: 0, count: theta.count)
        let value = loss.valueAndGradient(at: theta, into: &g, rows: rows[...], workspace: loss.makeWorkspace(batchSize: 4))
        #expect(abs(value - batch.value(at: theta)) < 1e-15)
        #expect(zip(g, batch.gradient(at: theta)).allSatisfy { abs($0 - $1) < 1e-15 })
        var hv = g
        loss.hessianVectorProduct(at: theta, direction: g, into: &hv, rows: rows[...], workspace: loss.makeWorkspace(batchSize: 4))
        #expect(zip(hv, batch.hessianVectorProduct(at: theta, direction: g)).allSatisfy { abs($0 - $1) < 1e-15 })
        // The loss is the mean of the per-example losses.
        let perExample = loss.perExampleLosses(at: theta)
        #expect(abs(perExample.reduce(0, +) / Double(perExample.count) - loss.value(at: theta)) < 1e-15)
    }

    /// Swapping two hidden units through the layer views (rows of W₁ and b₁, columns of W₂) leaves
    /// the function unchanged, so the straight path between the copies starts and ends at one loss.
    @Test func permutingHiddenUnitsKeepsTheFunction() {
        let loss = Self.loss(.tanh, .softmaxCrossEntropy)
        let theta = Self.parameters(loss.network, seed: 5), first = loss.network.layers[0], second = loss.network.layers[1]
        var swapped = theta
        for column in 0..<first.inputs {
            swapped.swapAt(first.weightIndex(row: 1, column: column), first.weightIndex(row: 3, column: column))
        }
        swapped.swapAt(first.biasRange.lowerBound + 1, first.biasRange.lowerBound + 3)
        for row in 0..<second.outputs {
            swapped.swapAt(second.weightIndex(row: row, column: 1), second.weightIndex(row: row, column: 3))
        }
        #expect(swapped != theta)
        let outputs = loss.network.outputs(theta, inputs: loss.data.inputs)
        #expect(zip(outputs, loss.network.outputs(swapped, inputs: loss.data.inputs)).allSatisfy { abs($0 - $1) < 1e-14 })
        let profile = PathProfile(points: linearPath(from: theta, to: swapped, points: 11), surface: loss.surface)
        #expect(abs(profile.losses.first! - profile.losses.last!) < 1e-14)
        #expect(profile.barrier >= 0)
    }

    // MARK: The PyTorch fixture (d = 3 → 4 → 4 → 2, tanh, 7 points; θ order W1, b1, W2, b2, W3, b3
    // with W (out, in) row-major, which is this package's order).

    struct Fixture: Decodable {
        let d: Int, widths: [Int], C: Int, X: [[Double]], y: [Int], theta: [Double], v: [Double]
        let loss: Double, per_point_loss: [Double], logits: [[Double]], grad: [Double], hvp: [Double], vHv: Double
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "mlp_tanh", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func agreesWithPyTorch() throws {
        let f = try Self.fixture()
        let network = MultilayerPerceptron(inputs: f.d, hidden: f.widths, outputs: f.C, activation: .tanh)
        let data = Dataset(inputs: f.X.flatMap { $0 }, dimension: f.d, targets: .labels(f.y, classes: f.C))
        let loss = NetworkLoss(network: network, data: data, function: .softmaxCrossEntropy)
        #expect(network.parameterCount == f.theta.count)
        #expect(abs(loss.value(at: f.theta) - f.loss) < 1e-10)
        #expect(zip(loss.perExampleLosses(at: f.theta), f.per_point_loss).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(zip(network.outputs(f.theta, inputs: data.inputs), f.logits.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(zip(loss.gradient(at: f.theta), f.grad).allSatisfy { abs($0 - $1) < 1e-10 })
        let hv = loss.hessianVectorProduct(at: f.theta, direction: f.v)
        #expect(zip(hv, f.hvp).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(abs(zip(hv, f.v).reduce(0) { $0 + $1.0 * $1.1 } - f.vHv) < 1e-10)
    }
}
