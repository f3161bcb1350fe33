/// Forward and backward passes over a block of rows; every matrix is row-major with one example
/// per row, so a layer is one `dgemm`: Z_l = A_{l−1} W_lᵀ (+ 1 b_lᵀ, then σ), and backward
/// ∂L/∂W_l = δ_lᵀ A_{l−1}, ∂L/∂b_l = Σ_rows δ_l, δ_{l−1} = (δ_l W_l) ⊙ σ'(Z_{l−1}).
extension MultilayerPerceptron {
    /// Fills the workspace's activations (and slopes) for `rows` examples at `x` (rows × d). With
    /// `firstProductDone`, `ws.activations[0]` already holds X W₁ᵀ (computed for several θ at once).
    func forward<Scalar: NetworkScalar>(_ theta: UnsafePointer<Scalar>, inputs x: UnsafePointer<Scalar>, rows n: Int,
                                        workspace ws: NetworkBuffers<Scalar>, firstProductDone: Bool = false) {
        var input = UnsafePointer(x)
        for (l, layer) in layers.enumerated() {
            let z = ws.activations[l]
            if l > 0 || !firstProductDone {
                matrixProduct(n, layer.outputs, layer.inputs, input, transposeB: theta + layer.weightOffset, into: z)
            }
            if l < layers.count - 1 {
                activation.apply(z, bias: theta + layer.biasOffset, slope: ws.slopes[l], rows: n, width: layer.outputs)
            } else {
                addBias(theta + layer.biasOffset, to: z, rows: n, width: layer.outputs)
            }
            input = UnsafePointer(z)
        }
    }

    /// Accumulates ∂L/∂θ into `gradient` (overwritten) from the output deltas already in
    /// `ws.deltas[L−1]`, propagating δ down through the layers.
    func backward<Scalar: NetworkScalar>(_ theta: UnsafePointer<Scalar>, inputs x: UnsafePointer<Scalar>, rows n: Int,
                          workspace ws: NetworkBuffers<Scalar>, gradient g: UnsafeMutablePointer<Scalar>) {
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l], delta = ws.deltas[l]
            let input = l == 0 ? x : UnsafePointer(ws.activations[l - 1])
            matrixProduct(layer.outputs, layer.inputs, n, transposeA: delta, input, into: g + layer.weightOffset)
            columnSums(delta, rows: n, width: layer.outputs, into: g + layer.biasOffset)
            if l > 0 {
                let below = ws.deltas[l - 1], slope = ws.slopes[l - 1]
                matrixProduct(n, layer.inputs, layer.outputs, delta, theta + layer.weightOffset, into: below)
                for k in 0..<(n * layer.inputs) { below[k] *= slope[k] }
            }
        }
    }
}

/// C (m × n) = A (m × k) Bᵀ (B is n × k) + β C, row-major.
@inline(__always)
func matrixProduct<S: NetworkScalar>(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<S>, transposeB b: UnsafePointer<S>,
                                     into c: UnsafeMutablePointer<S>, beta: S = 0) {
    S.gemm(transposeA: false, transposeB: true, m, n, k, a, k, b, k, beta: beta, c)
}

/// C (m × n) = Aᵀ B (A is k × m, B is k × n) + β C, row-major.
@inline(__always)
func matrixProduct<S: NetworkScalar>(_ m: Int, _ n: Int, _ k: Int, transposeA a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                     into c: UnsafeMutablePointer<S>, beta: S = 0) {
    S.gemm(transposeA: true, transposeB: false, m, n, k, a, m, b, n, beta: beta, c)
}

/// C (m × n) = A (m × k) B (k × n) + β C, row-major.
@inline(__always)
func matrixProduct<S: NetworkScalar>(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                     into c: UnsafeMutablePointer<S>, beta: S = 0) {
    S.gemm(transposeA: false, transposeB: false, m, n, k, a, k, b, n, beta: beta, c)
}

/// z_i += b for every row i.
@inline(__always)
func addBias<S: NetworkScalar>(_ b: UnsafePointer<S>, to z: UnsafeMutablePointer<S>, rows: Int, width: Int) {
    for i in 0..<rows { for j in 0..<width { z[i * width + j] += b[j] } }
}

/// s = Σ_i δ_i over the rows.
@inline(__always)
func columnSums<S: NetworkScalar>(_ delta: UnsafePointer<S>, rows: Int, width: Int, into s: UnsafeMutablePointer<S>) {
    s.update(repeating: 0, count: width)
    for i in 0..<rows { for j in 0..<width { s[j] += delta[i * width + j] } }
}
