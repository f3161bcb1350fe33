import Dispatch
import Foundation
import Landscape

/// The computed values of every directive, by label.
struct Results: Sendable {
    var values: [String: Record] = [:]
}

/// What the executor did, for the lock file, the progress display and the tests.
public struct ExecutionLog: Sendable {
    /// Labels computed this time, sorted (the order they finished in depends on timing).
    public var computed: [String] = []
    /// Labels taken from the cache.
    public var cached: [String] = []
    public var seconds: [String: Double] = [:]
    /// Tasks of the sharded computations that ran, computed and taken from the cache, by label.
    public var tasks: [String: TaskCounts] = [:]
    /// Sharded computations whose tasks of this shard were computed, left unmerged (`--shard`).
    public var unmerged: [String] = []
    /// The unmerged sharded computations that lack tasks of a stage whose input is merged, by
    /// label: what another round of shards computes.
    public var waiting: [String: PendingTasks] = [:]
}

/// Receives the executor's events: the command line draws progress from them.
public struct ExecutionObserver: Sendable {
    public var started: @Sendable (_ label: String, _ kind: String) -> Void = { _, _ in }
    public var progress: @Sendable (_ label: String, _ fraction: Double?, _ message: String) -> Void = { _, _, _ in }
    public var finished: @Sendable (_ label: String, _ seconds: Double, _ cached: Bool) -> Void = { _, _, _ in }

    public init() {}
    public static let silent = ExecutionObserver()
}

/// Runs a plan's computations, each as soon as the ones it reads are done, taking results from the
/// cache when the key matches. All of them share one budget of `jobs` threads: a running
/// computation holds one, and the parallel loops inside it borrow more only while some are free.
enum Executor {
    struct Options: Sendable {
        /// Threads shared by every computation and the parallel loops inside them.
        var jobs: Int
        /// When false, every computation runs (results are still stored in the cache).
        var readCache: Bool
        /// When set, only this shard's tasks of the sharded computations run, and what they read.
        var shard: Shard?
        init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, readCache: Bool = true, shard: Shard? = nil) {
            self.jobs = max(1, jobs)
            self.readCache = readCache
            self.shard = shard
        }
    }

    /// The code of a computation's kind: bound arguments and context in, stored results out.
    typealias Compute = @Sendable (BoundArguments, ComputeContext) throws -> Record

    static func run(
        _ plan: Plan, cache: ResultCache?, options: Options = Options(), registry: DirectiveRegistry = .standard,
        observer: ExecutionObserver = .silent
    ) -> (Results, ExecutionLog, [Diagnostic]) {
        run(plan, cache: cache, options: options, observer: observer, loadFirst: CachedInputs.filesOf(plan, registry: registry),
            sharded: { registry.computation(named: $0) is any ShardedDirective.Type }) { kind in
            registry.computation(named: kind).map { directive in { arguments, context in try directive.run(arguments, context: context) } }
        }
    }

    /// Runs `plan` with the code `compute` finds for each kind (tests supply stand-ins). Cached
    /// results nothing reads are left in the cache: a cached rebuild loads what the paper reads
    /// (and `loadFirst`), and the inputs of what it recomputes. With a shard, runs only the
    /// sharded computations (those whose kind `sharded` names) and what they read.
    static func run(
        _ plan: Plan, cache: ResultCache?, options: Options, observer: ExecutionObserver, loadFirst: Set<String> = [],
        sharded: (_ kind: String) -> Bool = { _ in false }, compute: @escaping @Sendable (_ kind: String) -> Compute?
    ) -> (Results, ExecutionLog, [Diagnostic]) {
        let threads = ThreadBudget(threads: options.jobs)
        let state = ExecutionState()
        let positions = Dictionary(uniqueKeysWithValues: plan.computations.filter { sharded($0.kind) || $0.replicates > 1 }.enumerated().map { ($1.label, $0) })
        var plan = plan, loadFirst = loadFirst
        if let shard = options.shard {
            let (shardPlan, problems) = ShardPlan.restrict(plan, to: Set(positions.keys), cache: options.readCache ? cache : nil, shard: shard)
            plan = shardPlan
            loadFirst = []
            problems.forEach(state.add)
        }
        let inputs = CachedInputs(plan, cache: options.readCache ? cache : nil, alsoNeeded: loadFirst)
        let ended = DispatchSemaphore(value: 0)
        var pending = PendingComputations(plan.computations.filter { inputs.mustRun($0.label) })
        for label in inputs.leftInCache {
            pending.settle(label, succeeded: true)
            state.finish(label, nil, seconds: 0, cached: true)
        }
        let runner = Runner(
            plan: plan, cache: cache, options: options, observer: observer, state: state, threads: threads, shardPositions: positions,
            compute: compute)
        var running = 0
        while true {
            for (label, succeeded) in state.takeEnded() { pending.settle(label, succeeded: succeeded) }
            // Computations whose inputs failed are skipped, with a note.
            for (c, failedInputs) in pending.takeSkipped() {
                state.add(Diagnostic(.note, at: c.location, "'\(c.label)' was not computed because \(failedInputs.joined(separator: ", ")) failed"))
            }
            if let computation = pending.takeReady() {
                threads.acquire()
                running += 1
                Thread {
                    let succeeded = runner.obtain(computation)
                    state.end(computation.label, succeeded: succeeded)
                    threads.release()
                    ended.signal()
                }.start()
            } else if running > 0 {
                ended.wait()
                running -= 1
            } else {
                break
            }
        }
        return state.snapshot()
    }
}

/// Takes computations from the cache or computes them, on whichever thread asks.
private struct Runner: Sendable {
    let plan: Plan
    let cache: ResultCache?
    let options: Executor.Options
    let observer: ExecutionObserver
    let state: ExecutionState
    let threads: ThreadBudget
    /// The position of each sharded computation among the plan's sharded computations.
    let shardPositions: [String: Int]
    let compute: @Sendable (_ kind: String) -> Executor.Compute?

    /// Takes one computation from the cache or computes it; returns whether it succeeded.
    func obtain(_ computation: Computation) -> Bool {
        let label = computation.label
        if options.readCache, let cache {
            switch cache.load(computation.key) {
            case .hit(let record):
                state.finish(label, record, seconds: 0, cached: true)
                observer.finished(label, 0, true)
                return true
            case .corrupt(let reason):
                state.add(.warning(at: computation.location, "cache entry for '\(label)' was corrupt (\(reason)); recomputing"))
            case .miss:
                break
            }
        }
        observer.started(label, computation.kind)
        let start = DispatchTime.now()
        do {
            guard let code = compute(computation.kind) else {
                throw DirectiveFailure("no compute directive named '\(computation.kind)'")
            }
            let evaluator = Evaluator(params: plan.params, results: try inputs(of: computation))
            var read: [String: Value] = [:]
            for (name, path) in computation.references { read[name] = try evaluator.resolve(path) }
            let context = ComputeContext(
                seed: computation.seed, threads: threads,
                progress: ProgressReporter { fraction, message in observer.progress(label, fraction, message) },
                tasks: tasks(of: computation))
            let record = computation.replicates > 1
                ? try Replicates.run(computation, reading: read, paperSeed: plan.template.frontMatter.seed, context: context, code: code)
                : try code(Replicates.arguments(computation.arguments, reading: read), context)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            if let cache {
                do {
                    try cache.store(record, key: computation.key, label: label, kind: computation.kind)
                } catch {
                    state.add(.warning(at: computation.location, "could not store '\(label)' in the cache: \(error.localizedDescription)"))
                }
            }
            state.finish(label, record, seconds: seconds, cached: false)
            observer.finished(label, seconds, false)
            return true
        } catch let deferred as ShardedTasks.Deferred {
            state.leaveUnmerged(label, waitingFor: deferred.waitingFor)
            observer.finished(label, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, false)
            return true
        } catch let diagnostic as Diagnostic {
            state.add(diagnostic)
        } catch let failure as DirectiveFailure {
            state.add(.error(at: computation.location, "\(computation.kind) '\(label)' failed: \(failure.message)"))
        } catch {
            state.add(.error(at: computation.location, "\(computation.kind) '\(label)' failed: \(error)"))
        }
        return false
    }

    /// The task source of `computation` if it is sharded: this build's cache, and with a shard its tasks.
    private func tasks(of computation: Computation) -> ShardedTasks {
        guard let position = shardPositions[computation.label] else { return .inMemory }
        let shard = options.shard
        return ShardedTasks(
            cache: cache, readCache: options.readCache, key: computation.key, label: computation.label, kind: computation.kind,
            shard: shard, position: position,
            counted: { [state] counts in state.count(counts, of: computation.label) },
            storeFailed: { [state] message in state.add(.warning(at: computation.location, message)) })
    }

    /// The results `computation` reads. An input left in the cache (only when a damaged entry
    /// is being recomputed) is taken from the cache now, or recomputed, on this thread.
    private func inputs(of computation: Computation) throws -> [String: Record] {
        for label in computation.dependencies where state.isLeftInCache(label) {
            let input = plan.computations.first { $0.label == label }!
            state.materialize(label) { _ = obtain(input) }
        }
        return state.values
    }
}

/// The executor's shared, lock-protected state while computations run.
private final class ExecutionState: @unchecked Sendable {
    private let lock = NSLock()
    /// Serialises taking inputs out of the cache on demand (recursive: an input's own inputs).
    private let materializing = NSRecursiveLock()
    private var results = Results()
    private var log = ExecutionLog()
    private var diagnostics: [Diagnostic] = []
    /// Computations that ended since the scheduler last looked, and whether they succeeded.
    private var ended: [(label: String, succeeded: Bool)] = []
    /// Cached computations whose results nothing has loaded.
    private var leftInCache: Set<String> = []

    var values: [String: Record] { lock.withLock { results.values } }

    /// Records a computation's results (nil: cached, left in the cache until something reads it).
    func finish(_ label: String, _ record: Record?, seconds: Double, cached: Bool) {
        lock.withLock {
            if let record {
                results.values[label] = record
                leftInCache.remove(label)
            } else {
                leftInCache.insert(label)
            }
            if cached {
                if !log.cached.contains(label) { log.cached.append(label) }
            } else {
                log.cached.removeAll { $0 == label }
                log.computed.append(label)
            }
            log.seconds[label] = seconds
        }
    }

    func count(_ counts: TaskCounts, of label: String) {
        lock.withLock {
            let sum = log.tasks[label] ?? TaskCounts()
            log.tasks[label] = TaskCounts(computed: sum.computed + counts.computed, cached: sum.cached + counts.cached)
        }
    }

    /// Records that a sharded computation's tasks of this shard are done and its merge left for later.
    func leaveUnmerged(_ label: String, waitingFor stage: PendingTasks?) {
        lock.withLock {
            log.unmerged.append(label)
            log.waiting[label] = stage
        }
    }

    func isLeftInCache(_ label: String) -> Bool { lock.withLock { leftInCache.contains(label) } }

    /// Runs `load` for `label` unless another thread took it out of the cache meanwhile.
    func materialize(_ label: String, _ load: () -> Void) {
        materializing.withLock {
            if isLeftInCache(label) { load() }
        }
    }

    func add(_ diagnostic: Diagnostic) {
        lock.withLock { diagnostics.append(diagnostic) }
    }

    /// Records that a computation ended, after its results, diagnostics and observer events.
    func end(_ label: String, succeeded: Bool) {
        lock.withLock { ended.append((label, succeeded)) }
    }

    func takeEnded() -> [(label: String, succeeded: Bool)] {
        lock.withLock {
            defer { ended = [] }
            return ended
        }
    }

    func snapshot() -> (Results, ExecutionLog, [Diagnostic]) {
        lock.withLock {
            // Sorted so that messages and logs do not depend on thread timing.
            log.computed.sort()
            log.cached.sort()
            log.unmerged.sort()
            return (results, log, diagnostics.sorted { ($0.location?.line ?? 0, $0.message) < ($1.location?.line ?? 0, $1.message) })
        }
    }
}
