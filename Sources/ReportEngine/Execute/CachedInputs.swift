/// Which cached results a build must load. A cached rebuild loads only the results the paper reads
/// (and those that produce files), and the inputs of what it recomputes; everything else stays in
/// the cache. Whether an entry is there is a cheap look; whether it is sound is checked when loaded
/// (a damaged entry is recomputed, its inputs then loaded on demand).
struct CachedInputs {
    /// Computations to run (load or compute), by label.
    private let run: Set<String>
    /// Cached computations nothing needs, in plan order.
    let leftInCache: [String]

    /// - Parameters:
    ///   - cache: where results are looked up; nil when the cache is not read (everything runs).
    ///   - alsoNeeded: labels to load whether or not the paper reads them.
    init(_ plan: Plan, cache: ResultCache?, alsoNeeded: Set<String> = []) {
        let missing = Set(plan.computations.filter { cache?.contains($0.key) != true }.map(\.label))
        let readByMissing = plan.computations.filter { missing.contains($0.label) }.flatMap(\.dependencies)
        let needed = plan.readByDocument.union(alsoNeeded).union(readByMissing)
        let run = missing.union(needed)
        self.run = run
        leftInCache = plan.computations.map(\.label).filter { !run.contains($0) }
    }

    func mustRun(_ label: String) -> Bool { run.contains(label) }

    /// Computations whose directive writes a file beside the paper: loaded on every build.
    static func filesOf(_ plan: Plan, registry: DirectiveRegistry) -> Set<String> {
        Set(plan.computations.filter { computation in
            registry.schema(named: computation.kind)?.outputs.contains { $0.type == .file } == true
        }.map(\.label))
    }
}
