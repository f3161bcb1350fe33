/// A fully connected network f(x) = W_L σ(… σ(W_1 x + b_1) …) + b_L with L weight layers.
///
/// All parameters live in ONE flat vector θ ∈ ℝᴾ, so paths, overlaps, permutations and random
/// walks act on the same object that training updates. Order, layer by layer from the input:
/// W_l row-major with shape (outputs × inputs), then b_l. For widths (d, h₁, …, C) that is
/// θ = [W₁ (h₁×d), b₁ (h₁), W₂ (h₂×h₁), b₂ (h₂), …, W_L (C×h_{L−1}), b_L (C)],
/// P = Σ_l (n_{l−1} + 1) n_l — the same order as PyTorch's `nn.Sequential(Linear, …).parameters()`.
public struct MultilayerPerceptron: Sendable, Hashable {
    /// Layer widths from the input to the output: (d, h₁, …, h_{L−1}, C).
    public let widths: [Int]
    public let activation: Activation
    /// Where each weight layer sits in θ.
    public let layers: [LayerShape]

    /// A network with `inputs` features, the given hidden widths and `outputs` outputs.
    public init(inputs: Int, hidden: [Int], outputs: Int, activation: Activation) {
        precondition(inputs > 0 && outputs > 0 && hidden.allSatisfy { $0 > 0 }, "widths must be positive")
        let widths = [inputs] + hidden + [outputs]
        self.widths = widths
        self.activation = activation
        var offset = 0
        layers = (1..<widths.count).map { l in
            defer { offset += (widths[l - 1] + 1) * widths[l] }
            return LayerShape(inputs: widths[l - 1], outputs: widths[l], weightOffset: offset)
        }
    }

    public var inputCount: Int { widths.first! }
    public var outputCount: Int { widths.last! }
    /// P, the length of θ.
    public var parameterCount: Int { layers.last!.biasRange.upperBound }

    /// Initial parameters: W_l entries i.i.d. N(0, gain / n_{l−1}) with the gain of `scheme`,
    /// biases 0. The layers draw from independent child streams of `seed`.
    public func initialParameters(seed: UInt64, scheme: Initialisation = .lecun) -> [Double] {
        var theta = [Double](repeating: 0, count: parameterCount)
        let root = SeededGenerator(seed: seed)
        for (l, layer) in layers.enumerated() {
            var generator = root.child(l)
            let scale = (scheme.gain / Double(layer.inputs)).squareRoot()
            for k in layer.weightRange { theta[k] = scale * generator.normal() }
        }
        return theta
    }

    /// The outputs f(x) (row-major, rows × C) of the network with parameters θ on the rows of
    /// `inputs` (row-major, rows × d).
    public func outputs(_ theta: [Double], inputs: [Double]) -> [Double] {
        precondition(theta.count == parameterCount && inputs.count % inputCount == 0, "shape mismatch")
        let rows = inputs.count / inputCount
        let workspace = NetworkWorkspace(network: self, rows: rows)
        theta.withUnsafeBufferPointer { t in
            inputs.withUnsafeBufferPointer { forward(t.baseAddress!, inputs: $0.baseAddress!, rows: rows, workspace: workspace) }
        }
        return Array(UnsafeBufferPointer(start: workspace.activations[layers.count - 1], count: rows * outputCount))
    }
}

/// One weight layer's place in θ: W (outputs × inputs, row-major) at `weightOffset`, then b.
public struct LayerShape: Sendable, Hashable {
    public let inputs: Int, outputs: Int
    public let weightOffset: Int

    public var biasOffset: Int { weightOffset + inputs * outputs }
    public var weightRange: Range<Int> { weightOffset..<biasOffset }
    public var biasRange: Range<Int> { biasOffset..<(biasOffset + outputs) }
    /// Index of W[row, column] in θ.
    public func weightIndex(row: Int, column: Int) -> Int { weightOffset + row * inputs + column }
}

/// Variance scaling of the initial weights: Var W = gain / fan-in.
public enum Initialisation: String, Sendable, Hashable {
    /// gain 1 (LeCun), the Langevin setup's N(0, 1/fan-in).
    case lecun
    /// gain 2 (He), for ReLU networks.
    case he

    var gain: Double { self == .lecun ? 1 : 2 }
}
