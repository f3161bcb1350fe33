import Dispatch

/// Runs `body` for every index in 0..<count, at most `jobs` at a time. Callers store results by
/// index, so what they produce does not depend on the scheduling.
func forEachConcurrently(_ count: Int, jobs: Int, _ body: (Int) -> Void) {
    let semaphore = DispatchSemaphore(value: max(1, jobs))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        semaphore.wait()
        defer { semaphore.signal() }
        body(index)
    }
}
