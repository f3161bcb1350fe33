import Dispatch
import Foundation

/// The computed values of every directive, by label.
public struct Results: Sendable {
    public var values: [String: Record] = [:]
}

/// What the executor did, for the lock file, the progress display and the tests.
public struct ExecutionLog: Sendable {
    /// Labels computed this time, in the order they finished.
    public var computed: [String] = []
    /// Labels taken from the cache.
    public var cached: [String] = []
    public var seconds: [String: Double] = [:]
}

/// Receives the executor's events: the command line draws progress from them.
public struct ExecutionObserver: Sendable {
    public var started: @Sendable (_ label: String, _ kind: String) -> Void = { _, _ in }
    public var progress: @Sendable (_ label: String, _ fraction: Double?, _ message: String) -> Void = { _, _, _ in }
    public var finished: @Sendable (_ label: String, _ seconds: Double, _ cached: Bool) -> Void = { _, _, _ in }

    public init() {}
    public static let silent = ExecutionObserver()
}

/// Runs a plan's computations: independent ones concurrently (up to `jobs` at once), each after
/// the ones it reads, taking results from the cache when the key matches.
public enum Executor {
    public struct Options: Sendable {
        public var jobs: Int
        /// When false, every computation runs (results are still stored in the cache).
        public var readCache: Bool
        public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, readCache: Bool = true) {
            self.jobs = max(1, jobs)
            self.readCache = readCache
        }
    }

    public static func run(
        _ plan: Plan, cache: ResultCache?, options: Options = Options(), registry: DirectiveRegistry = .standard,
        observer: ExecutionObserver = .silent
    ) -> (Results, ExecutionLog, [Diagnostic]) {
        let state = ExecutionState()
        var remaining = plan.computations
        while !remaining.isEmpty {
            let failed = state.failedLabels
            // Computations whose inputs failed are skipped, with a note.
            let blocked = remaining.filter { !Set($0.dependencies).isDisjoint(with: failed) }
            for c in blocked {
                state.add(.error(at: c.location, "'\(c.label)' was not computed because \(c.dependencies.filter(failed.contains).joined(separator: ", ")) failed"), failed: c.label)
            }
            remaining.removeAll { c in blocked.contains { $0.label == c.label } }
            let done = state.doneLabels
            let wave = remaining.filter { $0.dependencies.allSatisfy(done.contains) }
            guard !wave.isEmpty else { break }
            remaining.removeAll { c in wave.contains { $0.label == c.label } }
            forEachConcurrently(wave.count, jobs: options.jobs) { index in
                runOne(wave[index], plan: plan, cache: cache, options: options, registry: registry, observer: observer, state: state)
            }
        }
        return state.snapshot()
    }

    private static func runOne(
        _ computation: Computation, plan: Plan, cache: ResultCache?, options: Options, registry: DirectiveRegistry,
        observer: ExecutionObserver, state: ExecutionState
    ) {
        let label = computation.label
        if options.readCache, let cache {
            switch cache.load(computation.key) {
            case .hit(let record):
                state.finish(label, record, seconds: 0, cached: true)
                observer.finished(label, 0, true)
                return
            case .corrupt(let reason):
                state.add(.warning(at: computation.location, "cache entry for '\(label)' was corrupt (\(reason)); recomputing"))
            case .miss:
                break
            }
        }
        observer.started(label, computation.kind)
        let start = DispatchTime.now()
        do {
            guard let directive = registry.computation(named: computation.kind) else {
                throw DirectiveFailure("no compute directive named '\(computation.kind)'")
            }
            var arguments = computation.arguments
            let evaluator = Evaluator(params: plan.params, results: state.values)
            for (name, path) in computation.references {
                arguments.values[name] = try evaluator.resolve(path)
            }
            let context = ComputeContext(
                seed: computation.seed, threads: options.jobs,
                progress: ProgressReporter { fraction, message in observer.progress(label, fraction, message) })
            let record = try directive.run(arguments, context: context)
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
        } catch let diagnostic as Diagnostic {
            state.add(diagnostic, failed: label)
        } catch let failure as DirectiveFailure {
            state.add(.error(at: computation.location, "\(computation.kind) '\(label)' failed: \(failure.message)"), failed: label)
        } catch {
            state.add(.error(at: computation.location, "\(computation.kind) '\(label)' failed: \(error)"), failed: label)
        }
    }
}

/// The executor's shared, lock-protected state while a wave runs.
private final class ExecutionState: @unchecked Sendable {
    private let lock = NSLock()
    private var results = Results()
    private var log = ExecutionLog()
    private var diagnostics: [Diagnostic] = []
    private var failed = Set<String>()

    var values: [String: Record] { lock.withLock { results.values } }
    var failedLabels: Set<String> { lock.withLock { failed } }
    var doneLabels: Set<String> { lock.withLock { Set(results.values.keys) } }

    func finish(_ label: String, _ record: Record, seconds: Double, cached: Bool) {
        lock.withLock {
            results.values[label] = record
            if cached { log.cached.append(label) } else { log.computed.append(label) }
            log.seconds[label] = seconds
        }
    }

    func add(_ diagnostic: Diagnostic, failed label: String? = nil) {
        lock.withLock {
            diagnostics.append(diagnostic)
            if let label { failed.insert(label) }
        }
    }

    func snapshot() -> (Results, ExecutionLog, [Diagnostic]) {
        lock.withLock {
            // Sorted so that messages and logs do not depend on thread timing.
            log.computed.sort()
            log.cached.sort()
            return (results, log, diagnostics.sorted { ($0.location?.line ?? 0, $0.message) < ($1.location?.line ?? 0, $1.message) })
        }
    }
}
