/// The computations of a plan that have not started yet, and what became of those that ended:
/// which can start (everything they read is done) and which never will (something they read failed
/// or was skipped). A value the executor feeds with outcomes as they arrive; what it answers depends
/// on the outcomes, never on the order in which they arrived.
struct PendingComputations {
    /// In plan order, so that of several ready computations the first in the paper starts first.
    private var waiting: [Computation]
    private var done: Set<String> = []
    private var failed: Set<String> = []

    init(_ computations: [Computation]) { waiting = computations }

    /// Records that a started computation ended.
    mutating func settle(_ label: String, succeeded: Bool) {
        if succeeded { done.insert(label) } else { failed.insert(label) }
    }

    /// Removes and returns the computations that will never run, each with the inputs that failed
    /// (or were skipped), and counts them as failed for the computations that read them. A
    /// computation is skipped only once every input has ended, so the inputs named are the same
    /// whichever ended first.
    mutating func takeSkipped() -> [(computation: Computation, failedInputs: [String])] {
        var skipped: [(computation: Computation, failedInputs: [String])] = []
        while let index = waiting.firstIndex(where: { isSkipped($0) }) {
            let computation = waiting.remove(at: index)
            failed.insert(computation.label)
            skipped.append((computation, computation.dependencies.filter(failed.contains)))
        }
        return skipped
    }

    /// Removes and returns the first computation, in plan order, whose inputs are all done.
    mutating func takeReady() -> Computation? {
        guard let index = waiting.firstIndex(where: { $0.dependencies.allSatisfy(done.contains) }) else { return nil }
        return waiting.remove(at: index)
    }

    private func isSkipped(_ computation: Computation) -> Bool {
        computation.dependencies.allSatisfy { done.contains($0) || failed.contains($0) }
            && computation.dependencies.contains(where: failed.contains)
    }
}
