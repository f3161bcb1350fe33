import Foundation
import Testing
@testable import Landscape

@Suite struct ThreadBudgetTests {
    /// The loop's contract: whatever the budget, the same results in item order.
    @Test func mapResultsDoNotDependOnTheBudget() {
        let root = SeededGenerator(seed: 11)
        func values(_ threads: Int) -> [UInt64] {
            deterministicMap(count: 200, threads: ThreadBudget(threads: threads, heldByCaller: 1)) { index in
                var generator = root.child(index)
                return (0..<100).reduce(0) { sum, _ in sum &+ generator.next() }
            }
        }
        let one = values(1)
        #expect(values(2) == one)
        #expect(values(4) == one)
    }

    @Test func censusDoesNotDependOnTheBudget() {
        func census(_ threads: Int) -> MinimaCensus.Result {
            var census = MinimaCensus(n: 1, runs: 48, seed: 2023)
            census.threads = ThreadBudget(threads: threads, heldByCaller: 1)
            return census.run()
        }
        let one = census(1)
        for other in [census(2), census(4)] {
            #expect(other.minima.map(\.fingerprint) == one.minima.map(\.fingerprint))
            #expect(other.hits == one.hits && other.discovery == one.discovery && other.stepsPerRun == one.stepsPerRun)
        }
    }

    /// With no thread free the loop never waits: it runs every item on the caller's thread.
    @Test func loopRunsOnTheCallersThreadWhenNoneIsFree() {
        let budget = ThreadBudget(threads: 3, heldByCaller: 3)
        let caller = pthread_self()
        let onCaller = deterministicMap(count: 20, threads: budget) { _ in pthread_equal(pthread_self(), caller) != 0 }
        #expect(onCaller.allSatisfy { $0 })
    }

    /// A computation waiting to start takes a borrowed worker back from a running loop at the
    /// worker's next item; the loop goes on on its own thread.
    @Test func borrowedWorkersGoBackWhenAComputationWaits() {
        let budget = ThreadBudget(threads: 2, heldByCaller: 1)
        let started = DispatchSemaphore(value: 0)
        let done = Locked(0), itemsDoneWhenStarted = Locked(-1)
        let items = deterministicMap(count: 200, threads: budget) { index -> Int in
            if index == 10 {
                Thread {
                    budget.acquire()
                    itemsDoneWhenStarted.value = done.value
                    budget.release()
                    started.signal()
                }.start()
            }
            usleep(2_000)
            done.update { $0 += 1 }
            return index
        }
        started.wait()
        #expect(items == Array(0..<200))
        #expect((0..<200).contains(itemsDoneWhenStarted.value))
    }
}

/// A value read and written from several threads.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
