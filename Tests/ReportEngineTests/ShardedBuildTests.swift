import Foundation
import Testing
@testable import ReportEngine

/// Sharded work, one result: a census built from shards run in separate builds, in any order,
/// gives the same values and figure bytes as a build in one process, and a later plain build
/// computes only the tasks no shard computed.
@Suite struct ShardedBuildTests {
    /// Two censuses: 3 tasks (250 runs) and 2 tasks (120 runs, 2 slices, no completion), with a figure of each.
    private let source = """
        ---
        seed: 5
        ---
        ```{bps-index #index max-charge=1}
        ```
        ```{bps-minima #census n=1 runs=250}
        expected: index.minima[1]
        ```
        ```{bps-minima #plain n=1 runs=120 completion=none}
        slices: [1, 2]
        ```
        The census found {{ census.distinct }} of {{ census.expected }}; plain descent {{ plain.distinct }}.

        ```{figure #fig-discovery}
        show: census.discovery_figure
        ```

        ```{figure #fig-plain}
        show: plain.plane_figure
        ```
        """

    private func temporaryCache() -> DirectoryCache {
        DirectoryCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("report-shards-\(UUID().uuidString)"))
    }

    /// Networks: 2 batch sizes × 3 replicas, 6 rows in 2 tasks of up to 4 replicas, with a figure.
    private static let ensembleSource = """
        ---
        seed: 9
        ---
        ```{nn-ensemble #nets synthetic=mixture samples=120 dimension=4 classes=3 width=5 epochs=3 replicas=3}
        batch-sizes: [8, 30]
        ```
        Mean test accuracy {{ nets.test_accuracy[1] }}, steps {{ nets.steps[5] }}.

        ```{figure #fig-curves}
        show: nets.learning_curves
        ```
        """

    /// A Langevin sweep: 3 replicates of one dataset size × 2 temperatures in 3 tasks (one per replicate), with figures.
    private static let sweepSource = """
        ---
        seed: 4
        ---
        ```{langevin-sweep #sweep dimension=3 width=4 window=20 burn-in=10 records=40 repeats=3 valid-step=10}
        points: [12]
        temperatures: [1e-4, 1e-3]
        ```
        D_mean {{ sweep.d_mean[0] }} and {{ sweep.d_mean[1] }}, λ_max slope {{ sweep.lambda_slope[0] }}.

        ```{figure #fig-fluctuations}
        show: sweep.fluctuation_figure
        ```

        ```{figure #fig-windows}
        show: sweep.window_figure
        ```
        """

    private func shard(_ index: Int, of count: Int, cache: ResultCache, source: String? = nil) -> BuildProduct {
        var request = BuildRequest(source: source ?? self.source, templatePath: "reports/test.md")
        request.jobs = 2
        return ReportBuild.runShard(
            request, shard: Shard(index: index, count: count)!, loadFile: { _ in throw CocoaError(.fileNoSuchFile) }, cache: cache)
    }

    private func paths(_ product: BuildProduct) -> [String] { product.outputs.map(\.path) }

    @Test func shardsInAnyOrderThenAPlainBuildGiveTheOneProcessBytes() throws {
        let reference = build(source, cache: nil, jobs: 1, formats: [.md])
        #expect(reference.errors.isEmpty)
        #expect(paths(reference).contains("figures/test/fig-discovery.png"))
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        var computed: [String: Int] = [:]
        for index in [3, 1, 2] {
            let product = shard(index, of: 3, cache: cache)
            #expect(product.errors.isEmpty)
            #expect(product.outputs.isEmpty)
            #expect(product.log.unmerged == ["census", "plain"])
            for (label, counts) in product.log.tasks {
                #expect(counts.cached == 0)
                computed[label, default: 0] += counts.computed
            }
        }
        // Every task computed by exactly one shard: 3 of the census, 2 of the plain descents.
        #expect(computed == ["census": 3, "plain": 2])
        let merged = build(source, cache: cache, jobs: 2, formats: [.md])
        #expect(merged.errors.isEmpty)
        #expect(merged.log.tasks == ["census": TaskCounts(computed: 0, cached: 3), "plain": TaskCounts(computed: 0, cached: 2)])
        #expect(paths(merged) == paths(reference))
        #expect(merged.outputs.map(\.contents) == reference.outputs.map(\.contents))
        #expect(merged.lock == reference.lock)
    }

    /// The ensemble's 2 tasks and the sweep's 3, each computed by its own shard build in a
    /// scrambled order, merge to the lock file, Markdown, HTML and figures of one process.
    @Test(arguments: [(ensembleSource, "nets", [2, 1]), (sweepSource, "sweep", [3, 1, 2])])
    func shardedDirectivesMergeToTheOneProcessBytes(source: String, label: String, order: [Int]) throws {
        let page = try projectPage()
        let reference = build(source, cache: nil, jobs: 1, formats: [.md, .html], page: page)
        #expect(reference.errors.isEmpty)
        #expect(paths(reference).contains { $0.hasSuffix(".html") } && paths(reference).contains { $0.hasSuffix(".png") }, "\(paths(reference))")
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        for index in order {
            let product = shard(index, of: order.count, cache: cache, source: source)
            #expect(product.errors.isEmpty)
            #expect(product.log.tasks == [label: TaskCounts(computed: 1, cached: 0)])
        }
        let merged = build(source, cache: cache, jobs: 2, formats: [.md, .html], page: page)
        #expect(merged.errors.isEmpty)
        #expect(merged.log.tasks == [label: TaskCounts(computed: 0, cached: order.count)])
        #expect(paths(merged) == paths(reference))
        #expect(merged.outputs.map(\.contents) == reference.outputs.map(\.contents))
        #expect(merged.lock == reference.lock)
    }

    @Test func aMissingShardIsComputedByThePlainBuildAlone() throws {
        let reference = build(source, cache: nil, jobs: 2, formats: [.md])
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        for index in [1, 3] { #expect(shard(index, of: 3, cache: cache).errors.isEmpty) }
        // Shard 2 of 3 holds task 2 of the census and task 1 of the plain descents (rotated by one).
        let merged = build(source, cache: cache, jobs: 2, formats: [.md])
        #expect(merged.log.tasks == ["census": TaskCounts(computed: 1, cached: 2), "plain": TaskCounts(computed: 1, cached: 1)])
        #expect(merged.outputs.map(\.contents) == reference.outputs.map(\.contents))
        // A shard after the merge has nothing left to do.
        let late = shard(2, of: 3, cache: cache)
        #expect(late.log.unmerged.isEmpty && late.log.computed.isEmpty && late.log.tasks.isEmpty)
    }

    @Test func aShardedDirectiveReadingAnUnmergedOneWaitsForTheMerge() throws {
        let chained = """
            ```{bps-minima #first n=1 runs=150 completion=none}
            ```
            ```{bps-minima #second n=1 runs=150}
            expected: first.distinct
            ```
            {{ second.distinct }}
            """
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        var request = BuildRequest(source: chained, templatePath: "reports/test.md")
        request.jobs = 2
        let product = ReportBuild.runShard(request, shard: Shard(index: 1, count: 1)!, loadFile: { _ in Data() }, cache: cache)
        #expect(product.errors.isEmpty)
        #expect(product.log.unmerged == ["first"])
        #expect(product.warnings.count == 1)
        #expect(product.warnings.first?.contains("shard 1/1 skips 'second': it reads 'first'") == true)
        let merged = build(chained, cache: cache, formats: [.md])
        #expect(merged.log.tasks == ["first": TaskCounts(computed: 0, cached: 2), "second": TaskCounts(computed: 2, cached: 0)])
        #expect(merged.markdown == build(chained, cache: nil, formats: [.md]).markdown)
    }

    @Test func shardsParseAndPartitionTheTasks() {
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        for bad in ["0/3", "4/3", "1/0", "1", "a/b", "1/2/3", "-1/2"] { #expect(Shard(bad) == nil) }
        // Each task of each sharded directive belongs to exactly one shard.
        for count in 1...5 {
            let shards = (1...count).map { Shard(index: $0, count: count)! }
            for position in 0..<3 {
                for task in 0..<11 { #expect(shards.filter { $0.contains(task: task, position: position) }.count == 1) }
            }
        }
    }
}

/// The census's completion rounds as stages of tasks: shards in a scrambled order, run until a
/// pass of all of them computes nothing, then a plain build, give the bytes of one process.
@Suite struct StagedCensusTests {
    /// N = 2 from 8 descents in 1 task: images and rounds of monodromy loops complete the 56.
    private let source = """
        ---
        seed: 3
        ---
        ```{bps-index #index max-charge=2}
        ```
        ```{bps-minima #census n=2 runs=8}
        expected: index.minima[2]
        ```
        {{ census.distinct }} minima, {{ census.descent_distinct }} by descent, {{ census.completion_runs }} completion runs.

        ```{figure #fig-plane}
        show: census.plane_figure
        ```
        """

    @Test func shardsCarryTheStagesAndAPlainBuildMergesThem() throws {
        let reference = build(source, cache: nil, jobs: 1, formats: [.md])
        #expect(reference.errors.isEmpty)
        let cache = DirectoryCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("report-stages-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        var request = BuildRequest(source: source, templatePath: "reports/test.md")
        request.jobs = 2
        var computed = 0, passes = 0, awaited: [String?] = []
        while true {
            passes += 1
            let (pending, problems) = ReportBuild.pendingShardedWork(request, shards: 3, loadFile: { _ in Data() }, cache: cache)
            #expect(problems.isEmpty)
            awaited.append(pending["census"]?.stage)
            var pass = 0, computing: Set<Int> = []
            for index in [2, 3, 1] {
                let product = ReportBuild.runShard(request, shard: Shard(index: index, count: 3)!, loadFile: { _ in Data() }, cache: cache)
                #expect(product.errors.isEmpty && product.outputs.isEmpty)
                pass += product.log.tasks["census"]?.computed ?? 0
                if (product.log.tasks["census"]?.computed ?? 0) > 0 { computing.insert(index) }
            }
            // The shards said to have missing tasks are among those that computed some (later
            // shards of a pass may go on to the next stage).
            let named = pending["census"]?.shards ?? []
            #expect(Set(named).isSubset(of: computing) && named.isEmpty == (pass == 0))
            computed += pass
            if pass == 0 || passes > 20 { break }
        }
        // The task of descents and the chunks of at least two rounds (stages), each computed once,
        // by different shards (the round robin turns from stage to stage).
        #expect(passes > 2 && computed > 2)
        // What a cluster executor would submit before each pass: the descents (the census's own
        // key), then a new stage each time, then nothing.
        #expect(awaited.first == reference.lock?.directives.first { $0.label == "census" }?.key)
        #expect(awaited.last == .some(nil) && Set(awaited.dropLast()).count == passes - 1)
        let merged = build(source, cache: cache, jobs: 2, formats: [.md])
        #expect(merged.errors.isEmpty)
        // The plain build takes every task it applies from the cache (the shards may have computed
        // chunks of the last round that it does not need).
        #expect(merged.log.tasks["census"]?.computed == 0)
        #expect((merged.log.tasks["census"]?.cached ?? 0) > 1 && (merged.log.tasks["census"]?.cached ?? 0) <= computed)
        #expect(merged.outputs.map(\.path) == reference.outputs.map(\.path))
        #expect(merged.outputs.map(\.contents) == reference.outputs.map(\.contents))
        #expect(merged.lock == reference.lock)
    }

    /// A plain build with half the shards' work done computes the rest, with the same bytes.
    @Test func aPlainBuildCompletesWhatTheShardsLeft() throws {
        let reference = build(source, cache: nil, jobs: 2, formats: [.md])
        let cache = DirectoryCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("report-stages-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        var request = BuildRequest(source: source, templatePath: "reports/test.md")
        request.jobs = 2
        for index in [1, 2, 1] {
            #expect(ReportBuild.runShard(request, shard: Shard(index: index, count: 2)!, loadFile: { _ in Data() }, cache: cache).errors.isEmpty)
        }
        let merged = build(source, cache: cache, jobs: 2, formats: [.md])
        #expect((merged.log.tasks["census"]?.cached ?? 0) > 1)
        #expect(merged.outputs.map(\.contents) == reference.outputs.map(\.contents))
        #expect(merged.lock == reference.lock)
    }
}
