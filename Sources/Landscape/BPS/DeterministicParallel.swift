import Dispatch

/// Runs `count` independent work items on `threads` threads and returns their results in item
/// order. Each item must depend only on its index (derive its generator with `child(index)`), so
/// the output is identical for any thread count.
func deterministicMap<T>(count: Int, threads: Int, _ work: (Int) -> T) -> [T] {
    let threads = max(1, min(threads, count))
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    withoutActuallyEscaping(work) { work in
        if threads == 1 {
            for i in 0..<count { results[i] = work(i) }
        } else {
            // Striding hands item i to worker i % threads; each slot is written by exactly one worker.
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                for i in stride(from: worker, to: count, by: threads) { results[i] = work(i) }
            }
        }
    }
    return results.map { $0! }
}
