extension EnsembleAlignment {
    /// Pairwise activation matching (Li et al. 2016; Ainsworth, Hayase and Srinivasa 2023): the
    /// units of `b` permuted by σ maximising Σ_k corr(z_a,k, z_b,σ(k)), the Pearson correlation
    /// over the rows of `inputs` (row-major, n × d) between the activations relu(w_in·x + b) of
    /// unit k of `a` and unit σ(k) of `b`. A correlation ignores each unit's positive scale, so σ
    /// does not depend on the ReLU gauge. Both networks are returned rescaled as by `pairwise`
    /// (`normalisingRescaling`), so that weight and activation matching differ only in σ.
    public static func activationMatching(_ a: [Double], _ b: [Double], units: HiddenUnits, inputs: [Double])
        -> (a: [Double], b: [Double], permutation: [Int]) {
        let (za, zb) = (standardisedActivations(a, units: units, inputs: inputs), standardisedActivations(b, units: units, inputs: inputs))
        // Σ_k corr(k, σ(k)) = Σ_k ⟨z_a,k, z_b,σ(k)⟩/n: the 1/n does not change the maximiser.
        let permutation = matching(target: za, units: zb)
        let (ra, rb) = (units.normalisingRescaling(a), units.normalisingRescaling(b))
        return (ra, units.permuting(rb, by: permutation), permutation)
    }

    /// Row k: unit k's activations over the n inputs, centred and scaled to mean 0 and (population)
    /// variance 1; all zeros for a unit whose activation does not vary (a dead unit).
    static func standardisedActivations(_ theta: [Double], units: HiddenUnits, inputs: [Double]) -> [[Double]] {
        let first = units.network.layers[0]
        let (d, h) = (first.inputs, units.count)
        precondition(!inputs.isEmpty && inputs.count % d == 0, "inputs are n × d, row-major")
        let n = inputs.count / d
        let weights = Array(theta[first.weightRange])
        var z = [Double](repeating: 0, count: n * h)
        inputs.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                z.withUnsafeMutableBufferPointer { matrixProduct(n, h, d, x.baseAddress!, transposeB: w.baseAddress!, into: $0.baseAddress!) }
            }
        }
        return (0..<h).map { k in
            let bias = theta[first.biasOffset + k]
            let column = (0..<n).map { max(0, z[$0 * h + k] + bias) }
            let mean = column.reduce(0, +) / Double(n)
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
            return column.map { sd > 0 ? ($0 - mean) / sd : 0 }
        }
    }
}
