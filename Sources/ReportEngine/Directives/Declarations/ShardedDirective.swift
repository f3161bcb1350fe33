/// A compute directive whose work splits into independent tasks, each a pure function of the
/// arguments, the directive's derived seed and the task's index, whose results one merge turns
/// into the directive's results.
///
/// Each task's record is cached under its own key (the directive's key, the task's index and the
/// task count), so the tasks may run in one process on the shared thread budget, in several
/// processes (`report build --shard i/n`) or on several machines, in any order: the merge sees the
/// same records in the same order and gives the same results, byte for byte.
///
/// A directive that merges in stages (`mergesInStages`) obtains further tasks inside its merge,
/// stage after stage, each stage's tasks known only once the stage before is merged
/// (`context.tasks.stage(_:input:)`). A shard build merges such a directive as far as the cached
/// tasks reach, computing its own tasks of each stage it gets to, and leaves the last merge to a
/// plain build.
public protocol ShardedDirective: ComputeDirective {
    /// The number of tasks: a function of the arguments alone, never of threads or shards.
    static func taskCount(_ arguments: Arguments<Parameters>) -> Int
    /// Task `index` (from 0). Its randomness comes from `context.seed` (the directive's) and
    /// `index` only; `context.threads` is the budget its parallel loops may borrow from.
    static func computeTask(_ arguments: Arguments<Parameters>, index: Int, context: ComputeContext) throws -> Record
    /// The directive's results from the records of all its tasks, in task order.
    static func merge(_ arguments: Arguments<Parameters>, tasks: [Record], context: ComputeContext) throws -> ResultRecord<Results>
    /// Whether the merge obtains further stages of tasks (false unless the directive says so).
    static var mergesInStages: Bool { get }
}

extension ShardedDirective {
    public static var mergesInStages: Bool { false }

    /// Takes every task from the cache or computes it (the missing ones in parallel on the
    /// thread budget), then merges. A shard stops after its own tasks, or for a directive that
    /// merges in stages, once a stage lacks tasks of other shards or the last stage is done.
    public static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let count = taskCount(arguments)
        let records = try context.tasks.obtain(tasks: 0..<count, of: count, context: context) { index, taskContext in
            try computeTask(arguments, index: index, context: taskContext)
        }
        let tasks = records.compactMap { $0 }
        guard tasks.count == count else { throw context.tasks.missing(records.indices.filter { records[$0] == nil }) }
        guard mergesInStages || !context.tasks.selects else { throw ShardedTasks.Deferred() }
        let results = try merge(arguments, tasks: tasks, context: context)
        if context.tasks.selects { throw ShardedTasks.Deferred() }
        return results
    }
}
