import Foundation
import Landscape
import Testing
@testable import ReportEngine

/// The executor's scheduling, with stand-in directives: each computation's kind is its label, and
/// the executor's code lookup maps it to a closure.
@Suite struct SchedulerTests {
    /// A plan of computations given as (label, the labels it reads), in plan order.
    func plan(_ computations: [(String, [String])]) -> Plan {
        Plan(
            template: TemplateParser.parse("", file: "t.md").0, params: Record(),
            computations: computations.enumerated().map { line, computation in
                Computation(
                    label: computation.0, kind: computation.0, location: SourceLocation(file: "t.md", line: line + 1, column: 1),
                    arguments: BoundArguments(), seed: UInt64(line), key: computation.0, dependencies: computation.1)
            },
            presentations: [:], numbering: Numbering(TemplateParser.parse("", file: "t.md").0), readByDocument: [])
    }

    func run(_ plan: Plan, jobs: Int, observer: ExecutionObserver = .silent,
             _ compute: @escaping @Sendable (_ label: String, ComputeContext) throws -> Record) -> (Results, ExecutionLog, [Diagnostic]) {
        Executor.run(plan, cache: nil, options: .init(jobs: jobs, readCache: false), observer: observer) { label in
            { _, context in try compute(label, context) }
        }
    }

    /// A is slow, B fast, C reads B: C runs beside A and ends first. A ends only once C has ended
    /// (or after a minute, when a scheduler made C wait for A), so the order of the observer's
    /// events decides, not the clock.
    @Test func aComputationStartsWhenWhatItReadsIsDone() {
        let finished = Events(), cEnded = DispatchSemaphore(value: 0)
        var observer = ExecutionObserver()
        observer.finished = { label, _, _ in
            finished.append(label)
            if label == "c" { cEnded.signal() }
        }
        let (_, log, diagnostics) = run(plan([("a", []), ("b", []), ("c", ["b"])]), jobs: 2, observer: observer) { label, _ in
            if label == "a" { _ = cEnded.wait(timeout: .now() + 60) }
            return Record([("label", .text(label))])
        }
        #expect(diagnostics.isEmpty)
        #expect(log.computed == ["a", "b", "c"])
        #expect(finished.all == ["b", "c", "a"])
    }

    /// Computations and the loops inside them share the budget: counted inside the loops' items,
    /// never more threads at work than `jobs`, while several computations run loops at once.
    @Test(arguments: [1, 2, 3])
    func threadsAtWorkNeverExceedTheBudget(jobs: Int) {
        let busy = BusyThreads()
        let (results, _, diagnostics) = run(plan([("a", []), ("b", []), ("c", []), ("d", ["a"])]), jobs: jobs) { label, context in
            let items = deterministicMap(count: 24, threads: context.threads) { index -> Int in
                busy.enter()
                defer { busy.leave() }
                usleep(2_000)
                return index
            }
            return Record([("items", .int(items.count))])
        }
        #expect(diagnostics.isEmpty)
        #expect(results.values.count == 4)
        #expect(busy.peak <= jobs)
        #expect(busy.peak >= min(jobs, 2))
    }

    /// Results depend on the seeds alone, not on the budget or the order computations ran in.
    @Test func resultsDoNotDependOnTheBudget() {
        let computations = plan([("a", []), ("b", ["a"]), ("c", []), ("d", ["b", "c"])])
        func results(_ jobs: Int) -> [String: Record] {
            run(computations, jobs: jobs) { label, context in
                let root = SeededGenerator(seed: context.seed)
                let draws = deterministicMap(count: 64, threads: context.threads) { index in
                    var generator = root.child(index)
                    return Value.int(Int(generator.next() % 1000))
                }
                return Record([("draws", .list(draws))])
            }.0.values
        }
        let one = results(1)
        #expect(one.count == 4)
        #expect(results(2) == one)
        #expect(results(4) == one)
    }

    /// The whole pipeline with real directives: a paper's numbers do not depend on `--jobs`.
    @Test func paperDoesNotDependOnJobs() {
        let source = """
        ---
        seed: 7
        ---
        ```{bps-minima #census1}
        n: 1
        runs: 48
        ```

        ```{bps-minima #census2}
        n: 1
        runs: 24
        completion: none
        ```

        ```{mode-path #paths}
        minima: census1.minima_set
        bands: 1
        iterations: 200
        ```

        {{ census1.distinct }}, {{ census2.descent_distinct }}, {{ max(census2.hits) }}, {{ census2.median_steps }},
        {{ paths.linear_median | sig:15 }}, {{ paths.band_min | sig:15 }}, {{ paths.random_median | sig:15 }}.
        """
        let one = build(source, jobs: 1)
        #expect(one.errors == [])
        #expect(one.markdown.contains("12, "))
        for jobs in [2, 4] {
            #expect(build(source, jobs: jobs).markdown == one.markdown)
        }
    }

    /// A failure skips what reads it, and what reads that, naming the inputs that failed; the
    /// rest still runs.
    @Test func failuresSkipTheirDependents() {
        let computations = plan([("a", []), ("b", ["a"]), ("c", ["b"]), ("e", []), ("d", ["a", "e"])])
        let (results, _, diagnostics) = run(computations, jobs: 2) { label, _ in
            if label == "a" { throw DirectiveFailure("no minima") }
            return Record()
        }
        #expect(results.values.keys.sorted() == ["e"])
        #expect(diagnostics.map(\.message) == [
            "a 'a' failed: no minima",
            "'b' was not computed because a failed",
            "'c' was not computed because b failed",
            "'d' was not computed because a failed",
        ])
        // One error per cause: the skipped ones are notes.
        #expect(diagnostics.map(\.severity) == [.error, .note, .note, .note])
    }
}

/// Labels in the order the observer saw them, from several threads.
private final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var labels: [String] = []
    var all: [String] { lock.withLock { labels } }
    func append(_ label: String) { lock.withLock { labels.append(label) } }
}

/// How many threads are inside a work item now, and the most there ever were.
private final class BusyThreads: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0, most = 0
    var peak: Int { lock.withLock { most } }
    func enter() { lock.withLock { now += 1; most = max(most, now) } }
    func leave() { lock.withLock { now -= 1 } }
}
