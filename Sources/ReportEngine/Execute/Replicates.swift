import Foundation

/// The replicates of a computation with `replicates: k`: k runs of its code, replicate r with the
/// seed derived from (paper seed, label, r), each a task with its own cache entry whose key does
/// not hold k (so adding replicates computes only the new ones), run in parallel on the thread
/// budget or spread over shards like any sharded work; their records merge into one whose
/// numeric results hold their k values (`Value.replicated`).
enum Replicates {
    /// `arguments` with the values it reads from other computations filled in. A computation that
    /// is not replicated reads a replicated value as the list of its values.
    static func arguments(_ arguments: BoundArguments, reading read: [String: Value]) -> BoundArguments {
        var filled = arguments
        for (name, value) in read { filled.values[name] = value.replicates.map(Value.list) ?? value }
        return filled
    }

    /// Obtains every replicate (from the cache, or by `code`) and merges them. Replicate r reads
    /// replicate r of a replicated input (paired), and the whole of an input that is not.
    static func run(
        _ computation: Computation, reading read: [String: Value], paperSeed: UInt64, context: ComputeContext,
        code: Executor.Compute
    ) throws -> Record {
        let count = computation.replicates
        for (name, value) in read.sorted(by: { $0.key < $1.key }) {
            if let items = value.replicates, items.count != count {
                throw DirectiveFailure("'\(name)' reads \(computation.references[name]?.display ?? name), which holds \(items.count) replicates, but '\(computation.label)' runs \(count); replicate r reads replicate r, so the counts must agree")
            }
        }
        var tasks = context.tasks
        tasks.key = computation.replicateBase
        tasks.countInKey = false
        let replicateTasks = tasks
        let records = try tasks.obtain(tasks: 0..<count, of: count, context: context) { index, taskContext in
            var arguments = computation.arguments
            for (name, value) in read { arguments.values[name] = value.replicates?[index] ?? value }
            // A sharded directive's own tasks, inside one replicate: all of them, cached under the replicate's key.
            var inner = replicateTasks
            inner.key = replicateTasks.key(task: index, of: count)
            inner.countInKey = true
            inner.shard = nil
            inner.label = "\(computation.label) replicate \(index + 1)"
            inner.counted = { _ in }
            let replicateContext = ComputeContext(
                seed: CacheKeys.derivedSeed(paperSeed, label: computation.label, replicate: index + 1),
                threads: taskContext.threads, progress: taskContext.progress, tasks: inner)
            return try code(arguments, replicateContext)
        }
        let obtained = records.compactMap { $0 }
        guard obtained.count == count else { throw tasks.missing(records.indices.filter { records[$0] == nil }) }
        if tasks.selects { throw ShardedTasks.Deferred() }
        return merge(obtained)
    }

    /// One record from the records of the replicates, field by field (`merge(_:)` of values).
    static func merge(_ records: [Record]) -> Record {
        guard let first = records.first, records.allSatisfy({ $0.names == first.names }) else {
            // Replicates that disagree on their fields (a researcher's program) keep each record whole.
            return Record(records.first?.names.map { name in (name, Value.replicated(records.map { $0[name] ?? .text("") })) } ?? [])
        }
        return Record(first.names.map { name in (name, merge(records.map { $0[name]! })) })
    }

    /// One value from a value per replicate: numbers and equally long vectors become replicated
    /// values; records, equally shaped tables and equally long lists merge item by item (so a
    /// table's numeric cells are replicated and column formats such as `pm` print them, except
    /// cells equal in every replicate, such as a column of temperatures: coordinates, not
    /// outcomes); anything else equal in every replicate stays as it is, and what differs is kept
    /// per replicate.
    static func merge(_ values: [Value], inTable: Bool = false) -> Value {
        let first = values[0]
        if inTable, values.allSatisfy({ $0 == first }) { return first }
        if values.allSatisfy({ $0.number != nil }) { return .replicated(values) }
        switch first {
        case .vector(let xs) where values.allSatisfy({ if case .vector(let ys) = $0 { return ys.count == xs.count } else { return false } }):
            return .replicated(values)
        case .record:
            let records = values.compactMap { if case .record(let r) = $0 { return r } else { return nil } }
            if records.count == values.count { return .record(merge(records)) }
        case .list(let items):
            let lists = values.compactMap { if case .list(let l) = $0, l.count == items.count { return l } else { return nil } }
            if lists.count == values.count { return .list(items.indices.map { i in merge(lists.map { $0[i] }, inTable: inTable) }) }
        case .table(let table):
            let tables = values.compactMap { if case .table(let t) = $0, t.columns == table.columns, t.rowCount == table.rowCount { return t } else { return nil } }
            if tables.count == values.count {
                let columns = table.data.indices.map { c in
                    TableColumn((0..<table.rowCount).map { row in merge(tables.map { $0.data[c][row] }, inTable: true) })
                }
                return .table(Table(columns: table.columns, data: columns))
            }
        default: break
        }
        return values.allSatisfy({ $0 == first }) ? first : .replicated(values)
    }
}
