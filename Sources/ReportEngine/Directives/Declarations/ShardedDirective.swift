/// A compute directive whose work splits into independent tasks, each a pure function of the
/// arguments, the directive's derived seed and the task's index, whose results one merge turns
/// into the directive's results.
///
/// Each task's record is cached under its own key (the directive's key, the task's index and the
/// task count), so the tasks may run in one process on the shared thread budget, in several
/// processes (`report build --shard i/n`) or on several machines, in any order: the merge sees the
/// same records in the same order and gives the same results, byte for byte.
public protocol ShardedDirective: ComputeDirective {
    /// The number of tasks: a function of the arguments alone, never of threads or shards.
    static func taskCount(_ arguments: Arguments<Parameters>) -> Int
    /// Task `index` (from 0). Its randomness comes from `context.seed` (the directive's) and
    /// `index` only; `context.threads` is the budget its parallel loops may borrow from.
    static func computeTask(_ arguments: Arguments<Parameters>, index: Int, context: ComputeContext) throws -> Record
    /// The directive's results from the records of all its tasks, in task order.
    static func merge(_ arguments: Arguments<Parameters>, tasks: [Record], context: ComputeContext) throws -> ResultRecord<Results>
}

extension ShardedDirective {
    /// Takes every task from the cache or computes it (the missing ones in parallel on the
    /// thread budget), then merges.
    public static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let tasks = try context.tasks.obtain(count: taskCount(arguments), context: context) { index, taskContext in
            try computeTask(arguments, index: index, context: taskContext)
        }
        return try merge(arguments, tasks: tasks, context: context)
    }
}
