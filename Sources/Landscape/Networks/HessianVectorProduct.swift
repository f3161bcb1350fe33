/// Exact Hessian-vector products H v = ∇²L(θ) v by Pearlmutter's R-operator (forward-over-reverse):
/// R{·} = ∂/∂ε (·)(θ + ε v) at ε = 0, applied to every quantity of one forward and backward pass.
/// With V_l, c_l the views of v on W_l, b_l and A_0 = X (so R{A_0} = 0):
///   forward   R{Z_l} = R{A_{l−1}} W_lᵀ + A_{l−1} V_lᵀ + 1 c_lᵀ,  R{A_l} = σ'(Z_l) ⊙ R{Z_l};
///   output    R{δ_L} = (1/n) ∂²ℓ/∂z² R{Z_L} per row;
///   backward  R{∂L/∂W_l} = R{δ_l}ᵀ A_{l−1} + δ_lᵀ R{A_{l−1}},  R{∂L/∂b_l} = Σ_rows R{δ_l},
///             R{δ_{l−1}} = (R{δ_l} W_l + δ_l V_l) ⊙ σ'(Z_{l−1}) + (δ_l W_l) ⊙ σ''(Z_{l−1}) ⊙ R{Z_{l−1}};
/// plus λ v from the weight decay. Costs about three gradients.
extension NetworkLoss {
    /// H(θ) v over all examples (or the mini-batch `rows`), written into `product` (P entries).
    public func hessianVectorProduct(at theta: [Double], direction v: [Double], into product: inout [Double],
                                     rows: ArraySlice<Int>? = nil, workspace ws: NetworkWorkspace) {
        let p = network.parameterCount
        precondition(theta.count == p && v.count == p && product.count == p, "θ, v and Hv have P entries")
        theta.withUnsafeBufferPointer { t in
            v.withUnsafeBufferPointer { vb in
                product.withUnsafeMutableBufferPointer { hv in
                    withBatch(rows, of: NetworkSamples(data), workspace: ws) { x, targets, n in
                        rOperator(t.baseAddress!, direction: vb.baseAddress!, inputs: x, targets: targets, rows: n,
                                  workspace: ws, into: hv.baseAddress!)
                    }
                    if weightDecay != 0 { for k in 0..<p { hv[k] += weightDecay * vb[k] } }
                }
            }
        }
    }

    /// H(θ) v over all examples.
    public func hessianVectorProduct(at theta: [Double], direction v: [Double]) -> [Double] {
        var hv = [Double](repeating: 0, count: network.parameterCount)
        hessianVectorProduct(at: theta, direction: v, into: &hv, workspace: makeWorkspace())
        return hv
    }

    private func rOperator(_ theta: UnsafePointer<Double>, direction v: UnsafePointer<Double>, inputs x: UnsafePointer<Double>,
                           targets: TargetRows<Double>, rows n: Int, workspace ws: NetworkWorkspace, into hv: UnsafeMutablePointer<Double>) {
        let layers = network.layers, last = layers.count - 1, scale = 1 / Double(n)
        network.forward(theta, inputs: x, rows: n, workspace: ws)
        _ = function.evaluate(ws.activations[last], targets: targets, rows: n, width: network.outputCount,
                              perExample: ws.perExample, gradient: ws.deltas[last], scale: scale)
        for (l, layer) in layers.enumerated() {
            let rz = ws.rPreactivations[l], input = l == 0 ? x : UnsafePointer(ws.activations[l - 1])
            matrixProduct(n, layer.outputs, layer.inputs, input, transposeB: v + layer.weightOffset, into: rz)
            if l > 0 {
                matrixProduct(n, layer.outputs, layer.inputs, ws.rActivations[l - 1], transposeB: theta + layer.weightOffset,
                              into: rz, beta: 1)
            }
            addBias(v + layer.biasOffset, to: rz, rows: n, width: layer.outputs)
            if l < last {
                let ra = ws.rActivations[l], slope = ws.slopes[l]
                for k in 0..<(n * layer.outputs) { ra[k] = slope[k] * rz[k] }
            }
        }
        function.curvatureProduct(ws.activations[last], direction: ws.rPreactivations[last], rows: n,
                                  width: network.outputCount, into: ws.rDeltas[last], scale: scale)
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l], delta = ws.deltas[l], rDelta = ws.rDeltas[l]
            let input = l == 0 ? x : UnsafePointer(ws.activations[l - 1])
            matrixProduct(layer.outputs, layer.inputs, n, transposeA: rDelta, input, into: hv + layer.weightOffset)
            columnSums(rDelta, rows: n, width: layer.outputs, into: hv + layer.biasOffset)
            guard l > 0 else { break }
            matrixProduct(layer.outputs, layer.inputs, n, transposeA: delta, ws.rActivations[l - 1],
                          into: hv + layer.weightOffset, beta: 1)
            let weights = theta + layer.weightOffset, below = ws.deltas[l - 1], rBelow = ws.rDeltas[l - 1]
            matrixProduct(n, layer.inputs, layer.outputs, delta, weights, into: ws.product)
            matrixProduct(n, layer.inputs, layer.outputs, rDelta, weights, into: rBelow)
            matrixProduct(n, layer.inputs, layer.outputs, delta, v + layer.weightOffset, into: rBelow, beta: 1)
            let a = ws.activations[l - 1], slope = ws.slopes[l - 1], rz = ws.rPreactivations[l - 1], u = ws.product
            for k in 0..<(n * layer.inputs) {
                rBelow[k] = rBelow[k] * slope[k] + u[k] * network.activation.curvature(activation: a[k], slope: slope[k]) * rz[k]
                below[k] = u[k] * slope[k]
            }
        }
    }
}
