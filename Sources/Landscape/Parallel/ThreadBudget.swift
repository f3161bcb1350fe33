import Foundation

/// The threads a build may keep busy at once, shared by every running computation and by the
/// parallel loops inside them.
///
/// A scheduler takes one thread for each computation it starts (`acquire`, which waits until one
/// is free) and gives it back when the computation ends (`release`). A parallel loop
/// (`deterministicMap`) runs on the thread its caller already holds and borrows extra workers only
/// while threads are free: it never waits for one, and a worker goes back when no item is left or,
/// after its current item, when someone waits in `acquire`: starting a computation comes before
/// widening a loop.
/// Invariant: threads held plus threads free is always `count`, so however computations and loops
/// nest, at most `count` threads compute at any moment.
public final class ThreadBudget: @unchecked Sendable {
    /// The number of threads in the budget.
    public let count: Int
    private let condition = NSCondition()
    private var free: Int
    private var waiting = 0

    /// A budget of `threads` threads, of which the calling thread already holds `heldByCaller`:
    /// a scheduler hands out all of them (`heldByCaller: 0`); a caller that runs a loop itself
    /// holds one (`heldByCaller: 1`), so the loop uses at most `threads` threads in all.
    public init(threads: Int, heldByCaller: Int = 0) {
        count = max(1, threads)
        free = max(0, count - heldByCaller)
    }

    /// One thread, held by the caller: loops run serially on it.
    public static var serial: ThreadBudget { ThreadBudget(threads: 1, heldByCaller: 1) }

    /// Waits until a thread is free and takes it.
    public func acquire() {
        condition.lock()
        defer { condition.unlock() }
        waiting += 1
        while free == 0 { condition.wait() }
        waiting -= 1
        free -= 1
    }

    /// Gives back one thread taken with `acquire` or `borrow`.
    public func release() {
        condition.lock()
        defer { condition.unlock() }
        free += 1
        precondition(free <= count, "more threads released than taken")
        condition.broadcast()
    }

    /// Takes up to `wanted` threads that are free now, without waiting, and none while anyone
    /// waits in `acquire`; returns how many it took.
    func borrow(upTo wanted: Int) -> Int {
        guard wanted > 0 else { return 0 }
        condition.lock()
        defer { condition.unlock() }
        guard waiting == 0 else { return 0 }
        let taken = min(wanted, free)
        free -= taken
        return taken
    }

    /// Whether someone waits in `acquire`: a borrowed worker then goes back after its current item.
    var isWanted: Bool {
        condition.lock()
        defer { condition.unlock() }
        return waiting > 0
    }
}
