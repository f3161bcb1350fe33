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
        theta.withUnsafeBufferPointer { evaluate($0, samples: NetworkSamples(data), rows: rows, workspace: ws, gradient: gradient) }
    }

    /// The same pass in the arithmetic of `S`, on `samples` (this loss's data in that precision).
    /// `firstProductDone`: see `MultilayerPerceptron.forward`.
    func evaluate<S: NetworkScalar>(_ t: UnsafeBufferPointer<S>, samples: NetworkSamples<S>, rows: ArraySlice<Int>?,
                                    workspace ws: NetworkBuffers<S>, gradient: UnsafeMutablePointer<S>?,
                                    firstProductDone: Bool = false) -> S {
        precondition(t.count == network.parameterCount, "θ has P entries")
        let theta = t.baseAddress!, lambda = S(weightDecay)
        return withBatch(rows, of: samples, workspace: ws) { x, targets, n in
            network.forward(theta, inputs: x, rows: n, workspace: ws, firstProductDone: firstProductDone)
            let last = network.layers.count - 1
            let total = function.evaluate(ws.activations[last], targets: targets, rows: n, width: network.outputCount,
                                          perExample: ws.perExample, gradient: gradient == nil ? nil : ws.deltas[last],
                                          scale: 1 / S(n))
            var decay: S = 0
            if weightDecay != 0 {
                for k in 0..<t.count { decay += t[k] * t[k] }
            }
            if let g = gradient {
                network.backward(theta, inputs: x, rows: n, workspace: ws, gradient: g)
                if weightDecay != 0 { for k in 0..<t.count { g[k] += lambda * t[k] } }
            }
            return total / S(n) + lambda / 2 * decay
        }
    }

    /// Calls `body` with the inputs, targets and row count of all of `samples` (read in place) or
    /// of the mini-batch `rows` (gathered into the workspace).
    func withBatch<S: NetworkScalar, R>(_ rows: ArraySlice<Int>?, of samples: NetworkSamples<S>, workspace ws: NetworkBuffers<S>,
                                        _ body: (UnsafePointer<S>, TargetRows<S>, Int) -> R) -> R {
        precondition(ws.network == network, "the workspace belongs to another network")
        let d = samples.dimension
        guard let rows else {
            precondition(ws.rows >= samples.count, "the workspace is smaller than the dataset")
            return samples.inputs.withUnsafeBufferPointer { x in
                switch samples.targets {
                case .labels(let y): y.withUnsafeBufferPointer { body(x.baseAddress!, .labels($0.baseAddress!), samples.count) }
                case .values(let t, _): t.withUnsafeBufferPointer { body(x.baseAddress!, .values($0.baseAddress!), samples.count) }
                }
            }
        }
        precondition(ws.gathers && !rows.isEmpty && rows.count <= ws.rows, "the mini-batch must fit the workspace")
        samples.inputs.withUnsafeBufferPointer { x in
            for (b, i) in rows.enumerated() { (ws.batchInputs + b * d).update(from: x.baseAddress! + i * d, count: d) }
        }
        switch samples.targets {
        case .labels(let y):
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

/// A dataset's examples in the arithmetic of one precision: for Double the dataset's own arrays
/// (shared, not copied), for Float a rounded copy made once per training run.
struct NetworkSamples<S: NetworkScalar>: Sendable {
    enum Targets: Sendable {
        case labels([Int])
        case values([S], width: Int)
    }

    let inputs: [S], dimension: Int, targets: Targets
    var count: Int { inputs.count / dimension }

    /// `data` rounded to `S`.
    init(converting data: Dataset) {
        inputs = data.inputs.map { S($0) }; dimension = data.dimension
        switch data.targets {
        case .labels(let y, _): targets = .labels(y)
        case .values(let t, let width): targets = .values(t.map { S($0) }, width: width)
        }
    }
}

extension NetworkSamples where S == Double {
    /// `data` itself.
    init(_ data: Dataset) {
        inputs = data.inputs; dimension = data.dimension
        switch data.targets {
        case .labels(let y, _): targets = .labels(y)
        case .values(let t, let width): targets = .values(t, width: width)
        }
    }
}
