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
            var schedule = ShuffledBatches(count: data.count, size: size, seed: seed)
            let ws = workspace ?? makeWorkspace(batchSize: schedule.size)
            for t in steps {
                let loss = valueAndGradient(at: theta, into: &gradient, rows: schedule.rows(at: t), workspace: ws)
                observe(t, loss, theta)
                rule.update(&theta, gradient: gradient, step: t)
            }
        }
    }
}

/// The mini-batches of `BatchSchedule.shuffled` step by step: the rows of step t, reshuffling
/// when t enters a new epoch (steps are asked for in increasing order).
struct ShuffledBatches {
    /// The batch size, capped at the number of examples, and the steps per epoch ⌈N / size⌉.
    let size: Int, perEpoch: Int
    private let count: Int, root: SeededGenerator
    private var order: [Int], epoch = -1

    init(count: Int, size: Int, seed: UInt64) {
        precondition(size > 0, "a mini-batch has at least one row")
        self.count = count; self.size = min(size, count); perEpoch = (count + self.size - 1) / self.size
        root = SeededGenerator(seed: seed); order = Array(0..<count)
    }

    /// The rows (indices into the data) of step t's batch.
    mutating func rows(at t: Int) -> ArraySlice<Int> {
        if t / perEpoch != epoch {
            epoch = t / perEpoch
            var generator = root.child(epoch)
            for i in order.indices { order[i] = i }
            generator.shuffle(&order)
        }
        let start = (t % perEpoch) * size
        return order[start..<min(start + size, count)]
    }
}
