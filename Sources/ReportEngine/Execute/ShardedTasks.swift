import Foundation
import Landscape

/// One of `count` equal parts of a build's sharded work (`report build --shard index/count`).
/// Task `t` of the sharded computation at `position` (counted from 0 among the plan's sharded
/// computations, in plan order) belongs to shard `(t + position) mod count + 1`: round robin
/// within each directive, rotated from one directive to the next so that small directives do
/// not all land on shard 1.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// From 1 to `count`.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/n`, such as `2/4`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether task `task` of the sharded computation at `position` belongs to this shard.
    func contains(task: Int, position: Int) -> Bool { owner(task: task, position: position) == index }

    /// The index of the shard of `count` that task `task` of the computation at `position` belongs to.
    func owner(task: Int, position: Int) -> Int { (task + position) % count + 1 }

    /// The shard of `count` with no tasks: a build with it merges what the cache allows and
    /// computes nothing sharded (it finds what the next round of `count` shards has to compute).
    static func none(of count: Int) -> Shard { Shard(unchecked: count) }

    private init(unchecked count: Int) {
        index = 0
        self.count = count
    }
}

/// Tasks of a sharded computation that a further round of shards has to compute: those of the
/// stage with key `stage` (of a directive that does not merge in stages, its cache key).
public struct PendingTasks: Sendable, Equatable {
    public let stage: String
    /// The shards they belong to, from 1.
    public let shards: [Int]
}

/// Task counts of one sharded computation in one build.
public struct TaskCounts: Sendable, Equatable {
    public var computed = 0
    public var cached = 0
    public init(computed: Int = 0, cached: Int = 0) { self.computed = computed; self.cached = cached }
}

/// Where a sharded computation's task results come from, and which tasks this process computes.
/// A task's record is stored in the cache as soon as it is computed, so a killed build keeps the
/// tasks it finished.
struct ShardedTasks: Sendable {
    /// Thrown once a shard's tasks are stored: the merge waits for a build that has them all.
    struct Deferred: Error {
        /// The stage some of whose tasks are missing and the shards they belong to; nil if none is.
        var waitingFor: PendingTasks?
    }

    /// Nil: tasks are computed in memory and not stored.
    var cache: ResultCache?
    var readCache: Bool
    /// The computation's cache key, from which its tasks' keys derive.
    var key: String
    var label: String
    var kind: String
    /// The shard this process computes the tasks of (then stops); nil: all of them, then the merge.
    var shard: Shard?
    /// The computation's position among the plan's sharded computations, plus its stage: task t
    /// belongs to shard `shard.owner(task: t, position: position)`.
    var position = 0
    /// Told how many tasks were computed and cached (after each `obtain`), and of tasks that
    /// could not be stored.
    var counted: @Sendable (TaskCounts) -> Void
    var storeFailed: @Sendable (_ message: String) -> Void

    static let inMemory = ShardedTasks(
        cache: nil, readCache: false, key: "", label: "", kind: "", shard: nil, counted: { _ in }, storeFailed: { _ in })

    /// Whether a task's key holds the task count (for replicates it does not: replicate r is the
    /// same computation however many others run beside it).
    var countInKey = true

    /// The cache key of task `index` of `count`.
    func key(task index: Int, of count: Int) -> String {
        CacheKeys.hex(Data(countInKey ? "\(key):task:\(index)/\(count)".utf8 : "\(key):replicate:\(index)".utf8))
    }

    /// What a shard throws when tasks `indices` of these are missing.
    func missing(_ indices: [Int]) -> Deferred {
        Deferred(waitingFor: PendingTasks(
            stage: key, shards: Set(indices.compactMap { shard?.owner(task: $0, position: position) }).sorted()))
    }

    /// Whether this process computes only some of the tasks (a `--shard` build).
    var selects: Bool { shard != nil }

    /// The tasks of stage `stage` (from 1) of a directive that merges in stages, whose input (the
    /// merged state after the stage before) has digest `input`: their keys derive from the
    /// computation's key and the digest, so a changed input gives new tasks. The shards' round
    /// robin turns by one from a stage to the next, so that stages of one task do not all land
    /// on the same shard.
    func stage(_ stage: Int, input: String) -> ShardedTasks {
        var tasks = self
        tasks.position = position + stage
        tasks.key = "\(key):stage:\(input)"
        tasks.label = "\(label) stage \(stage)"
        return tasks
    }

    /// The records of tasks `range` of `count`, in task order, each from the cache or from
    /// `compute` (the missing ones in parallel on `context.threads`). With a selection, computes
    /// only the selected missing tasks and stores them; the others come from the cache, nil where
    /// absent. A damaged entry is recomputed.
    func obtain(
        tasks range: Range<Int>, of count: Int, context: ComputeContext,
        compute: (_ index: Int, _ context: ComputeContext) throws -> Record
    ) throws -> [Record?] {
        let wanted = range.filter { shard?.contains(task: $0, position: position) ?? true }
        var records: [Int: Record] = [:]
        if readCache, let cache {
            for index in range {
                if case .hit(let record) = cache.load(key(task: index, of: count)) { records[index] = record }
            }
        }
        let missing = wanted.filter { records[$0] == nil }
        let done = Counter()
        let taskContext = ComputeContext(seed: context.seed, threads: context.threads, progress: ProgressReporter { _, _ in })
        let outcomes = deterministicMap(count: missing.count, threads: context.threads) { k in
            Result {
                let record = try compute(missing[k], taskContext)
                store(record, task: missing[k], of: count)
                let finished = done.increment()
                context.progress.report(Double(finished) / Double(missing.count), "\(finished)/\(missing.count) tasks computed")
                return record
            }
        }
        for (index, outcome) in zip(missing, outcomes) { records[index] = try outcome.get() }
        counted(TaskCounts(computed: missing.count, cached: wanted.count - missing.count))
        return range.map { records[$0] }
    }

    private func store(_ record: Record, task index: Int, of count: Int) {
        guard let cache else { return }
        do {
            try cache.store(record, key: key(task: index, of: count), label: "\(label)#\(index + 1)/\(count)", kind: kind)
        } catch {
            storeFailed("could not store task \(index + 1) of \(count) of '\(label)' in the cache: \(error.localizedDescription)")
        }
    }
}

/// A thread-safe count.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
