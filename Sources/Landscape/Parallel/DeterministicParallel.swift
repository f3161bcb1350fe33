import Foundation
import Synchronization

/// Runs `count` independent work items and returns their results in item order: on the calling
/// thread, which holds one of the budget's threads, and on extra workers borrowed from `threads`
/// while some are free. Workers claim the next unclaimed item, so which thread runs an item depends
/// on timing; but each item must depend only on its index (derive its generator with
/// `child(index)`) and its result is stored at its index, so the output is identical for any budget.
public func deterministicMap<T>(count: Int, threads budget: ThreadBudget, _ work: (Int) -> T) -> [T] {
    withoutActuallyEscaping(work) { work in
        let loop = ParallelLoop(count: count, work: work)
        let workers = DispatchGroup()
        while let index = loop.claim() {
            for _ in 0..<budget.borrow(upTo: loop.unclaimed - loop.workers) {
                workers.enter()
                loop.workerJoined()
                Thread {
                    loop.runItems(until: { budget.isWanted })
                    loop.workerLeft()
                    budget.release()
                    workers.leave()
                }.start()
            }
            loop.run(index)
        }
        workers.wait()
        return loop.takeResults()
    }
}

/// One `deterministicMap` in progress: the next unclaimed item, the results by index, the number
/// of borrowed workers.
private final class ParallelLoop<T>: @unchecked Sendable {
    let count: Int
    private var work: ((Int) -> T)?
    private let results: UnsafeMutableBufferPointer<T?>
    private let next = Atomic<Int>(0)
    private let activeWorkers = Atomic<Int>(0)

    init(count: Int, work: @escaping (Int) -> T) {
        self.count = count
        self.work = work
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    var unclaimed: Int { max(0, count - next.load(ordering: .relaxed)) }
    var workers: Int { activeWorkers.load(ordering: .relaxed) }
    func workerJoined() { activeWorkers.wrappingAdd(1, ordering: .relaxed) }
    func workerLeft() { activeWorkers.wrappingSubtract(1, ordering: .relaxed) }

    /// The next item nobody has claimed, or nil when every item is claimed.
    func claim() -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    /// Runs item `index`; each index is claimed once, so each slot is written by one thread.
    func run(_ index: Int) { results[index] = work!(index) }

    /// Claims and runs items until none is left or `stop` says so, checked between items.
    func runItems(until stop: () -> Bool) {
        while !stop(), let index = claim() { run(index) }
    }

    /// The results in item order; lets go of `work`, which must not outlive the loop's caller.
    func takeResults() -> [T] {
        work = nil
        return results.map { $0! }
    }
}
