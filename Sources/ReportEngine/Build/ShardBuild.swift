import Foundation

/// `report build --shard i/n`: one shard of a build's sharded work.
extension ReportBuild {
    /// Computes shard `shard`'s tasks of every sharded directive into `cache`, with the
    /// computations they read; renders nothing. The product has no outputs; its log tells which
    /// computations ran (`computed`, `unmerged`) and how many tasks (`tasks`). A plain build
    /// after every shard merges from the cache.
    public static func runShard(
        _ request: BuildRequest, shard: Shard, loadFile: @escaping (String) throws -> Data, cache: ResultCache,
        observer: ExecutionObserver = .silent
    ) -> BuildProduct {
        var product = BuildProduct()
        guard let plan = ReportBuild.plan(request, loadFile: loadFile, diagnostics: &product.diagnostics) else { return product }
        let (_, log, problems) = Executor.run(
            plan, cache: cache, options: .init(jobs: request.jobs, readCache: request.readCache, shard: shard),
            registry: request.registry, observer: observer)
        product.log = log
        product.diagnostics += problems
        return product
    }

    /// The checked plan of `request`, or nil when parsing or planning found an error; appends
    /// their diagnostics.
    static func plan(_ request: BuildRequest, loadFile: @escaping (String) throws -> Data, diagnostics: inout [Diagnostic]) -> Plan? {
        let (template, parseProblems) = TemplateParser.parse(request.source, file: request.templatePath)
        let (plan, planProblems) = Planner.plan(template, overrides: request.overrides, registry: request.registry, loadFile: loadFile)
        diagnostics += parseProblems + (request.allowExec ? [] : execRefusals(template)) + planProblems
        return diagnostics.hasErrors ? nil : plan
    }
}

extension ReportBuild {
    /// The next round of `shards` shards of `request`: by label, the sharded computations that
    /// `cache` holds no merged results for and that lack tasks, with the stage whose tasks are
    /// missing (for most directives, their only stage; a directive that merges in stages is
    /// merged from the cache as far as its tasks reach, here, computing none) and the shards
    /// they belong to. Empty when every remaining merge can be done by a plain build, or when
    /// planning failed (see the diagnostics).
    public static func pendingShardedWork(
        _ request: BuildRequest, shards: Int, loadFile: @escaping (String) throws -> Data, cache: ResultCache
    ) -> (work: [String: PendingTasks], diagnostics: [Diagnostic]) {
        let product = runShard(request, shard: .none(of: shards), loadFile: loadFile, cache: cache)
        return (product.log.waiting, product.diagnostics.filter { $0.severity == .error })
    }
}
