/// The training loss of a network on a dataset,
///   L(θ) = (1/N) Σᵢ ℓ(f_θ(xᵢ), yᵢ) + (λ/2) |θ|²,
/// with ℓ from `function` and an optional weight decay λ (on every parameter, biases included;
/// default 0). On a mini-batch B the mean runs over B instead. The per-example losses ℓᵢ never
/// include the decay.
public struct NetworkLoss: Sendable, Hashable {
    public let network: MultilayerPerceptron
    public let data: Dataset
    public let function: LossFunction
    public let weightDecay: Double

    public init(network: MultilayerPerceptron, data: Dataset, function: LossFunction, weightDecay: Double = 0) {
        precondition(data.dimension == network.inputCount && data.outputWidth == network.outputCount,
                     "the network's input and output widths must match the data")
        precondition(function == .meanSquaredError || data.labels != nil, "cross-entropy needs integer labels")
        self.network = network; self.data = data; self.function = function; self.weightDecay = weightDecay
    }

    /// A workspace for full-batch passes (or for mini-batches of at most `batchSize` rows).
    public func makeWorkspace(batchSize: Int? = nil) -> NetworkWorkspace {
        NetworkWorkspace(network: network, rows: batchSize ?? data.count)
    }

    /// L(θ) over all examples.
    public func value(at theta: [Double], workspace: NetworkWorkspace? = nil) -> Double {
        evaluate(theta, rows: nil, workspace: workspace ?? makeWorkspace(), gradient: nil)
    }

    /// ℓᵢ(θ) for every example.
    public func perExampleLosses(at theta: [Double], workspace: NetworkWorkspace? = nil) -> [Double] {
        let ws = workspace ?? makeWorkspace()
        _ = evaluate(theta, rows: nil, workspace: ws, gradient: nil)
        return Array(UnsafeBufferPointer(start: ws.perExample, count: data.count))
    }

    /// L(θ) and ∇L(θ) (written into `gradient`, which must have P entries) over all examples, or
    /// over the mini-batch `rows` (indices into the data). Allocates nothing when `gradient` is
    /// uniquely referenced.
    public func valueAndGradient(at theta: [Double], into gradient: inout [Double], rows: ArraySlice<Int>? = nil,
                                 workspace: NetworkWorkspace) -> Double {
        precondition(gradient.count == network.parameterCount, "the gradient has P entries")
        return gradient.withUnsafeMutableBufferPointer { evaluate(theta, rows: rows, workspace: workspace, gradient: $0.baseAddress!) }
    }

    /// ∇L(θ) over all examples.
    public func gradient(at theta: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: network.parameterCount)
        _ = valueAndGradient(at: theta, into: &g, workspace: makeWorkspace())
        return g
    }

    /// The fraction of examples whose output at their label is strictly the largest.
    public func accuracy(at theta: [Double], workspace: NetworkWorkspace? = nil) -> Double {
        guard let labels = data.labels else { preconditionFailure("accuracy needs integer labels") }
        let ws = workspace ?? makeWorkspace()
        _ = evaluate(theta, rows: nil, workspace: ws, gradient: nil)
        let c = network.outputCount, z = ws.activations[network.layers.count - 1]
        var correct = 0
        for (i, y) in labels.enumerated() {
            let row = z + i * c
            if (0..<c).allSatisfy({ $0 == y || row[$0] < row[y] }) { correct += 1 }
        }
        return Double(correct) / Double(data.count)
    }

    /// The loss as a `LossSurface` on ℝᴾ, for the path tools (calls reuse workspaces from a pool,
    /// one per thread calling at once).
    public var surface: LossSurface {
        let loss = self, pool = WorkspacePool(self)
        return LossSurface(dimension: network.parameterCount,
                           value: { x in pool.with { loss.value(at: x, workspace: $0) } },
                           gradient: { x in
                               pool.with { ws in
                                   var g = [Double](repeating: 0, count: loss.network.parameterCount)
                                   _ = loss.valueAndGradient(at: x, into: &g, workspace: ws)
                                   return g
                               }
                           })
    }

    /// One forward pass (and a backward one when `gradient` is given) over all rows or the given
    /// mini-batch; leaves ℓᵢ in `ws.perExample`. Returns L.
    func evaluate(_ theta: [Double], rows: ArraySlice<Int>?, workspace ws: NetworkWorkspace,
                  gradient: UnsafeMutablePointer<Double>?) -> Double {
        precondition(theta.count == network.parameterCount, "θ has P entries")
        return theta.withUnsafeBufferPointer { t in
            let theta = t.baseAddress!
            return withBatch(rows, workspace: ws) { x, targets, n in
                network.forward(theta, inputs: x, rows: n, workspace: ws)
                let last = network.layers.count - 1
                let total = function.evaluate(ws.activations[last], targets: targets, rows: n, width: network.outputCount,
                                              perExample: ws.perExample, gradient: gradient == nil ? nil : ws.deltas[last],
                                              scale: 1 / Double(n))
                var decay = 0.0
                if weightDecay != 0 {
                    for k in 0..<t.count { decay += t[k] * t[k] }
                }
                if let g = gradient {
                    network.backward(theta, inputs: x, rows: n, workspace: ws, gradient: g)
                    if weightDecay != 0 { for k in 0..<t.count { g[k] += weightDecay * t[k] } }
                }
                return total / Double(n) + weightDecay / 2 * decay
            }
        }
    }

    /// Calls `body` with the inputs, targets and row count of all data (read in place) or of the
    /// mini-batch `rows` (gathered into the workspace).
    func withBatch<R>(_ rows: ArraySlice<Int>?, workspace ws: NetworkWorkspace,
                      _ body: (UnsafePointer<Double>, TargetRows, Int) -> R) -> R {
        precondition(ws.network == network, "the workspace belongs to another network")
        let d = data.dimension
        guard let rows else {
            precondition(ws.rows >= data.count, "the workspace is smaller than the dataset")
            return data.inputs.withUnsafeBufferPointer { x in
                switch data.targets {
                case .labels(let y, _): y.withUnsafeBufferPointer { body(x.baseAddress!, .labels($0.baseAddress!), data.count) }
                case .values(let t, _): t.withUnsafeBufferPointer { body(x.baseAddress!, .values($0.baseAddress!), data.count) }
                }
            }
        }
        precondition(!rows.isEmpty && rows.count <= ws.rows, "the mini-batch must fit the workspace")
        data.inputs.withUnsafeBufferPointer { x in
            for (b, i) in rows.enumerated() { (ws.batchInputs + b * d).update(from: x.baseAddress! + i * d, count: d) }
        }
        switch data.targets {
        case .labels(let y, _):
            for (b, i) in rows.enumerated() { ws.batchLabels[b] = y[i] }
            return body(ws.batchInputs, .labels(ws.batchLabels), rows.count)
        case .values(let t, let c):
            t.withUnsafeBufferPointer { t in
                for (b, i) in rows.enumerated() { (ws.batchValues + b * c).update(from: t.baseAddress! + i * c, count: c) }
            }
            return body(ws.batchInputs, .values(ws.batchValues), rows.count)
        }
    }
}
