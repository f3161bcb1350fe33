/// The hidden units of a one-hidden-layer network f(x) = W₂ σ(W₁ x + b₁) + b₂ as they sit in the
/// flat parameter vector θ (`MultilayerPerceptron`'s order: W₁ (h×d), b₁, W₂ (C×h), b₂).
///
/// Two symmetries leave f unchanged: permuting the h units (rows of W₁ and b₁, columns of W₂
/// together), and, for ReLU only (σ(s z) = s σ(z) for s > 0), scaling unit k's incoming weights
/// and bias by s and its outgoing weights by 1/s. Overlaps between trained networks mean
/// something only after both are removed.
public struct HiddenUnits: Sendable, Hashable {
    public let network: MultilayerPerceptron

    /// The units of `network`, which must have exactly one hidden layer.
    public init(_ network: MultilayerPerceptron) {
        precondition(network.layers.count == 2, "hidden-unit symmetries need exactly one hidden layer")
        self.network = network
    }

    /// h, the number of hidden units.
    public var count: Int { network.layers[0].outputs }

    /// θ with its units reordered: unit k of the result is unit `permutation[k]` of θ.
    public func permuting(_ theta: [Double], by permutation: [Int]) -> [Double] {
        precondition(permutation.count == count && Set(permutation).count == count
                     && permutation.allSatisfy { (0..<count).contains($0) }, "a permutation of the hidden units")
        let (first, second) = (network.layers[0], network.layers[1])
        var result = theta
        for (k, source) in permutation.enumerated() {
            for j in 0..<first.inputs {
                result[first.weightIndex(row: k, column: j)] = theta[first.weightIndex(row: source, column: j)]
            }
            result[first.biasOffset + k] = theta[first.biasOffset + source]
            for c in 0..<second.outputs {
                result[second.weightIndex(row: c, column: k)] = theta[second.weightIndex(row: c, column: source)]
            }
        }
        return result
    }

    /// Unit k's vector [w_in (d), b, w_out (C)]: row k of W₁, b₁[k] and column k of W₂.
    public func unitVectors(_ theta: [Double]) -> [[Double]] {
        let (first, second) = (network.layers[0], network.layers[1])
        return (0..<count).map { k in
            (0..<first.inputs).map { theta[first.weightIndex(row: k, column: $0)] }
                + [theta[first.biasOffset + k]]
                + (0..<second.outputs).map { theta[second.weightIndex(row: $0, column: k)] }
        }
    }

    /// θ with ReLU's rescaling symmetry fixed: each unit's incoming vector [w_in, b] scaled to
    /// unit norm and the scale pushed into its outgoing weights (units with zero incoming weights
    /// are left alone). The network's outputs are unchanged for ReLU.
    public func normalisingRescaling(_ theta: [Double]) -> [Double] {
        precondition(network.activation == .relu, "the rescaling symmetry holds for ReLU only")
        let (first, second) = (network.layers[0], network.layers[1])
        var result = theta
        for k in 0..<count {
            let incoming = (0..<first.inputs).map { first.weightIndex(row: k, column: $0) } + [first.biasOffset + k]
            let norm = incoming.reduce(0) { $0 + theta[$1] * theta[$1] }.squareRoot()
            guard norm > 0 else { continue }
            for i in incoming { result[i] = theta[i] / norm }
            for c in 0..<second.outputs { result[second.weightIndex(row: c, column: k)] *= norm }
        }
        return result
    }
}
