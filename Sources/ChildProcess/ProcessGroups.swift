import Foundation

/// The process groups `ChildProcess.run()` started and has not yet reaped. A listed group's leader
/// is not reaped before it leaves the list, so signals sent to a listed group can reach no
/// unrelated process.
enum ProcessGroups {
    private final class Registry: @unchecked Sendable {
        let condition = NSCondition()
        var live: Set<pid_t> = []
    }

    private static let registry = Registry()

    /// Spawns a group with `start` and lists it, both under the registry's lock, so that
    /// `terminateAll` sees every group either not yet started or listed.
    static func spawn(_ start: () throws(Errno) -> Spawned) throws(Errno) -> Spawned {
        registry.condition.lock()
        defer { registry.condition.unlock() }
        let spawned = try start()
        registry.live.insert(spawned.pid)
        return spawned
    }

    /// Unlists a group whose run has ended, before its leader is reaped.
    static func release(_ group: pid_t) {
        registry.condition.lock()
        registry.live.remove(group)
        registry.condition.broadcast()
        registry.condition.unlock()
    }

    static func terminateAll(grace: Double) {
        registry.condition.lock()
        defer { registry.condition.unlock() }
        let groups = registry.live
        for group in groups { kill(-group, SIGTERM) }
        let deadline = Date(timeIntervalSinceNow: grace)
        while !registry.live.isDisjoint(with: groups) && registry.condition.wait(until: deadline) {}
        for group in registry.live.intersection(groups) { kill(-group, SIGKILL) }
    }
}

extension ChildProcess {
    /// Ends every process group a `run()` started that is still running: SIGTERM to each, then
    /// SIGKILL to those whose run has not ended `grace` seconds later. For a command line that
    /// was interrupted: call it from a `DispatchSourceSignal` handler (it takes a lock, so not
    /// from a raw signal handler), then exit.
    public static func terminateAll(grace: Double = 2) {
        ProcessGroups.terminateAll(grace: grace)
    }
}
