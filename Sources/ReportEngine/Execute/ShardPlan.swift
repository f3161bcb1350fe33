/// The part of a plan a `--shard` build runs: the sharded computations not yet in the cache and
/// everything they read (each shard computes or loads those inputs itself; they are ordinary
/// cached computations, so the shards store identical entries).
enum ShardPlan {
    /// `plan` cut down to the sharded computations (labels in `sharded`) that `cache` lacks and
    /// their inputs, with nothing read by the document. A sharded computation that reads another
    /// one not yet merged is left out with a warning: its tasks need that one's results, which
    /// only a plain build that merges can give; that build then computes its tasks itself.
    static func restrict(_ plan: Plan, to sharded: Set<String>, cache: ResultCache?, shard: Shard) -> (Plan, [Diagnostic]) {
        let byLabel = Dictionary(uniqueKeysWithValues: plan.computations.map { ($0.label, $0) })
        func isMerged(_ label: String) -> Bool { cache?.contains(byLabel[label]!.key) == true }
        var upstream: [String: Set<String>] = [:]
        for computation in plan.computations {
            upstream[computation.label] = computation.dependencies.reduce(into: Set(computation.dependencies)) { all, label in
                all.formUnion(upstream[label] ?? [])
            }
        }
        var kept: Set<String> = []
        var problems: [Diagnostic] = []
        for computation in plan.computations where sharded.contains(computation.label) && !isMerged(computation.label) {
            let inputs = upstream[computation.label] ?? []
            if let unmerged = plan.computations.first(where: { inputs.contains($0.label) && sharded.contains($0.label) && !isMerged($0.label) }) {
                problems.append(.warning(
                    at: computation.location,
                    "shard \(shard) skips '\(computation.label)': it reads '\(unmerged.label)', whose tasks are sharded too and not yet merged; a plain build merges '\(unmerged.label)', after which '\(computation.label)' can be sharded (or the plain build computes its tasks)"))
                continue
            }
            kept.insert(computation.label)
            kept.formUnion(inputs)
        }
        let restricted = Plan(
            template: plan.template, params: plan.params, computations: plan.computations.filter { kept.contains($0.label) },
            presentations: [:], numbering: plan.numbering, readByDocument: [])
        return (restricted, problems)
    }
}
