/// Which examples each step's gradient sees.
public enum BatchSchedule: Sendable, Hashable {
    /// Every example at every step.
    case fullBatch
    /// Epochs of mini-batches: epoch e visits the rows in the order of a permutation drawn from
    /// child stream e of `seed`, cut into ⌈N / size⌉ consecutive batches (the last may be shorter).
    /// Step t belongs to epoch t / ⌈N / size⌉, so the schedule too is a function of the step index.
    case shuffled(size: Int, seed: UInt64)
}

extension NetworkLoss {
    /// Applies `rule` to θ at the global steps `steps` (resuming at step s continues an earlier run
    /// that stopped at s exactly, given the rule's state). `observe(t, L, θ)` sees, before step t,
    /// the loss of step t's batch at θ. The loop allocates nothing per step.
    public func iterate<Rule: UpdateRule>(_ theta: inout [Double], with rule: inout Rule, steps: Range<Int>,
                                          batches: BatchSchedule = .fullBatch, workspace: NetworkWorkspace? = nil,
                                          observe: (_ step: Int, _ loss: Double, _ theta: [Double]) -> Void = { _, _, _ in }) {
        var gradient = [Double](repeating: 0, count: network.parameterCount)
        switch batches {
        case .fullBatch:
            let ws = workspace ?? makeWorkspace()
            for t in steps {
                let loss = valueAndGradient(at: theta, into: &gradient, workspace: ws)
                observe(t, loss, theta)
                rule.update(&theta, gradient: gradient, step: t)
            }
        case .shuffled(let size, let seed):
            precondition(size > 0, "a mini-batch has at least one row")
            let size = min(size, data.count), perEpoch = (data.count + size - 1) / size
            let ws = workspace ?? makeWorkspace(batchSize: size), root = SeededGenerator(seed: seed)
            var order = Array(0..<data.count), epoch = -1
            for t in steps {
                if t / perEpoch != epoch {
                    epoch = t / perEpoch
                    var generator = root.child(epoch)
                    for i in order.indices { order[i] = i }
                    generator.shuffle(&order)
                }
                let start = (t % perEpoch) * size
                let loss = valueAndGradient(at: theta, into: &gradient, rows: order[start..<min(start + size, data.count)],
                                            workspace: ws)
                observe(t, loss, theta)
                rule.update(&theta, gradient: gradient, step: t)
            }
        }
    }
}
