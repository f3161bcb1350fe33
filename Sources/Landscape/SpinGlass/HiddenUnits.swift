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
        rescaling(theta) { incoming, _ in incoming > 0 ? 1 / incoming : nil }
    }

    /// θ in the balanced gauge, a second way to fix ReLU's rescaling: each unit's incoming vector
    /// [w_in, b] multiplied by s = √(|w_out|/|[w_in, b]|) and its outgoing weights divided by s,
    /// so that both have the norm √(|[w_in, b]| |w_out|). Of all rescalings of a unit this one
    /// gives the least s²|[w_in, b]|² + |w_out|²/s², so θ is the shortest vector of its rescaling
    /// orbit. Units with a zero incoming or outgoing vector are left alone.
    public func balancedRescaling(_ theta: [Double]) -> [Double] {
        rescaling(theta) { incoming, outgoing in incoming > 0 && outgoing > 0 ? (outgoing / incoming).squareRoot() : nil }
    }

    /// θ with unit k's incoming vector multiplied by s_k and its outgoing weights divided by it,
    /// s_k = `scale`(|[w_in, b]_k|, |w_out,k|) (nil: the unit is left alone).
    private func rescaling(_ theta: [Double], scale: (_ incoming: Double, _ outgoing: Double) -> Double?) -> [Double] {
        precondition(network.activation == .relu, "the rescaling symmetry holds for ReLU only")
        let (first, second) = (network.layers[0], network.layers[1])
        var result = theta
        for k in 0..<count {
            let incoming = (0..<first.inputs).map { first.weightIndex(row: k, column: $0) } + [first.biasOffset + k]
            let outgoing = (0..<second.outputs).map { second.weightIndex(row: $0, column: k) }
            let norm = { (indices: [Int]) in indices.reduce(0) { $0 + theta[$1] * theta[$1] }.squareRoot() }
            guard let s = scale(norm(incoming), norm(outgoing)) else { continue }
            for i in incoming { result[i] = theta[i] * s }
            for i in outgoing { result[i] = theta[i] / s }
        }
        return result
    }
}
