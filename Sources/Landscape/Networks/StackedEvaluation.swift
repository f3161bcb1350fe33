extension NetworkLoss {
    /// L(θ_k) over all examples for several parameter vectors, each exactly (to the bit) as
    /// `value(at:)` computes it, but with the first layer of up to `stack` of them as ONE matrix
    /// product: the vectors share the inputs X, so X [W₁⁽¹⁾ᵀ … W₁⁽ᴷ⁾ᵀ] (N × K n₁) replaces K products
    /// X W₁⁽ᵏ⁾ᵀ (N × n₁), which are too narrow to keep the BLAS kernel busy. The rest of each pass
    /// runs per vector on its block of columns. For the random walks' independent points (free-walk
    /// records, sharpness samples, sphere walks).
    public func values(at thetas: [[Double]], workspace: NetworkWorkspace? = nil, stack: Int = 16) -> [Double] {
        precondition(stack > 0 && thetas.allSatisfy { $0.count == network.parameterCount }, "θ has P entries")
        let ws = workspace ?? makeWorkspace(), first = network.layers[0], (n, d, h) = (data.count, first.inputs, first.outputs)
        precondition(ws.rows >= n, "the workspace is smaller than the dataset")
        guard !thetas.isEmpty else { return [] }
        let k = min(stack, thetas.count), samples = NetworkSamples(data), z1 = ws.activations[0]
        var weights = [Double](repeating: 0, count: k * h * d), products = [Double](repeating: 0, count: n * k * h)
        var values: [Double] = []
        values.reserveCapacity(thetas.count)
        for start in stride(from: 0, to: thetas.count, by: k) {
            let block = thetas[start..<min(start + k, thetas.count)], width = block.count * h
            for (j, theta) in block.enumerated() {
                weights.replaceSubrange((j * h * d)..<((j + 1) * h * d), with: theta[first.weightRange])
            }
            data.inputs.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                    products.withUnsafeMutableBufferPointer { z in
                        matrixProduct(n, width, d, x.baseAddress!, transposeB: w.baseAddress!, into: z.baseAddress!)
                    }
                }
            }
            for (j, theta) in block.enumerated() {
                products.withUnsafeBufferPointer { z in
                    for i in 0..<n { (z1 + i * h).update(from: z.baseAddress! + i * width + j * h, count: h) }
                }
                values.append(theta.withUnsafeBufferPointer {
                    evaluate($0, samples: samples, rows: nil, workspace: ws, gradient: nil, firstProductDone: true)
                })
            }
        }
        return values
    }
}
