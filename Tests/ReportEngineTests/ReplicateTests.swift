import Foundation
import Testing
@testable import ReportEngine

/// Replicates as an engine feature: `replicates: k` runs a seeded directive k times with seeds
/// from (paper seed, label, r), each replicate a cached task; the merged values pair replicate r
/// with replicate r; the same bytes whatever the thread count or executor.
@Suite struct ReplicateTests {
    /// Two seeded computations of 5 replicates each, a paired ratio, a figure of a replicated series.
    static func source(replicates: Int = 5) -> String {
        """
        ---
        seed: 11
        ---
        ```{discovery-model #a minima=6 censuses=30 runs=40 replicates=\(replicates)}
        ```
        ```{discovery-model #b minima=9 censuses=30 runs=40 replicates=\(replicates)}
        ```
        Paired ratio {{ a.simulated_mean / b.simulated_mean | pm:4 }}; values {{ values(a.simulated_mean) }}.
        Ratio of means {{ mean(a.simulated_mean) / mean(b.simulated_mean) }}; spread {{ a.z | pm-sd }}; interval {{ a.simulated_mean | ci:95 }}.
        """
    }

    private func temporaryCache() -> DirectoryCache {
        DirectoryCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("report-replicates-\(UUID().uuidString)"))
    }

    /// The replicated values of `field` of `label` in a build's lock file (as `values(...)` printed them).
    private func lockedValues(_ product: BuildProduct, _ expression: String) -> [Double] {
        guard case .list(let items)? = product.lock?.values.first(where: { $0.expression == expression })?.value else { return [] }
        return items.compactMap(\.number)
    }

    /// Replicate r is the directive run alone with the seed derived from (paper seed, label, r).
    @Test func replicateRIsTheDirectiveRunWithItsOwnSeed() throws {
        let product = build(Self.source(), cache: nil)
        #expect(product.errors.isEmpty, "\(product.errors)")
        let values = lockedValues(product, "values(a.simulated_mean)")
        #expect(values.count == 5 && Set(values).count == 5, "\(values)")
        let template = TemplateParser.parse(Self.source(), file: "t.md").0
        let (plan, _) = Planner.plan(template) { _ in Data() }
        let a = try #require(plan?.computations.first { $0.label == "a" })
        for r in [1, 4] {
            let context = ComputeContext(
                seed: CacheKeys.derivedSeed(11, label: "a", replicate: r), threads: .serial, progress: ProgressReporter { _, _ in })
            let alone = try DiscoveryModelDirective.run(a.arguments, context: context)
            #expect(alone["simulated_mean"]?.number == values[r - 1])
        }
    }

    /// `a / b | pm` is the mean ± standard error of the per-replicate ratios: computed here from the
    /// locked values, and not the ratio of the means (printed beside it).
    @Test func arithmeticPairsReplicates() throws {
        let product = build(Self.source() + "\nb: {{ values(b.simulated_mean) }}\n", cache: nil)
        #expect(product.errors.isEmpty, "\(product.errors)")
        let a = lockedValues(product, "values(a.simulated_mean)"), b = lockedValues(product, "values(b.simulated_mean)")
        let ratios = zip(a, b).map { $0 / $1 }
        let mean = ratios.reduce(0, +) / 5
        let sd = (ratios.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        let expected = String(format: "%.4f ± %.4f", mean, sd / sqrt(5.0))
        #expect(product.markdown.contains("Paired ratio \(expected);"), "\(product.markdown)")
        let ofMeans = (a.reduce(0, +) / 5) / (b.reduce(0, +) / 5)
        #expect(abs(ofMeans - mean) > 1e-4 * mean, "the paired ratio should differ from the ratio of means here")
        #expect(product.markdown.contains("±"))
    }

    @Test func jobsAndShardsGiveTheSameBytes() throws {
        let one = build(Self.source(), cache: nil, jobs: 1, formats: [.md])
        let two = build(Self.source(), cache: nil, jobs: 2, formats: [.md])
        #expect(one.errors.isEmpty && !one.outputs.isEmpty)
        #expect(one.outputs.map(\.contents) == two.outputs.map(\.contents))
        #expect(one.lock == two.lock)
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        var computed: [String: Int] = [:]
        for index in [2, 3, 1] {
            var request = BuildRequest(source: Self.source(), templatePath: "reports/test.md")
            request.jobs = 2
            let shard = ReportBuild.runShard(request, shard: Shard(index: index, count: 3)!, loadFile: { _ in Data() }, cache: cache)
            #expect(shard.errors.isEmpty && shard.outputs.isEmpty)
            #expect(shard.log.unmerged == ["a", "b"])
            for (label, counts) in shard.log.tasks { computed[label, default: 0] += counts.computed }
        }
        // Each replicate computed by exactly one shard.
        #expect(computed == ["a": 5, "b": 5])
        let merged = build(Self.source(), cache: cache, jobs: 2, formats: [.md])
        #expect(merged.log.tasks == ["a": TaskCounts(computed: 0, cached: 5), "b": TaskCounts(computed: 0, cached: 5)])
        #expect(merged.outputs.map(\.contents) == one.outputs.map(\.contents))
        #expect(merged.lock == one.lock)
    }

    /// Replicates 6-10 added to 5 cached ones: only the 5 new ones run, and the first 5 values stay.
    @Test func addingReplicatesComputesOnlyTheNewOnes() throws {
        let cache = MemoryCache()
        let five = build(Self.source(replicates: 5), cache: cache)
        #expect(five.log.tasks == ["a": TaskCounts(computed: 5, cached: 0), "b": TaskCounts(computed: 5, cached: 0)])
        let ten = build(Self.source(replicates: 10), cache: cache)
        #expect(ten.errors.isEmpty)
        #expect(ten.log.tasks == ["a": TaskCounts(computed: 5, cached: 5), "b": TaskCounts(computed: 5, cached: 5)])
        #expect(Array(lockedValues(ten, "values(a.simulated_mean)").prefix(5)) == lockedValues(five, "values(a.simulated_mean)"))
        #expect(lockedValues(ten, "values(a.simulated_mean)") == lockedValues(build(Self.source(replicates: 10), cache: nil), "values(a.simulated_mean)"))
    }

    @Test func aReplicatedValueWithoutAnUncertaintyFormatIsAnError() {
        let source = Self.source() + "\nThe mean is {{ a.simulated_mean }} and {{ a.z | fixed:2 }}.\n"
        let errors = build(source, cache: nil).errors
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.first?.hasPrefix("reports/test.md:10:13: error: 'replicated number' holds 5 values") == true, "\(errors)")
        #expect(errors.allSatisfy { $0.contains("pm, pm:N, pm-sd, ci:95") })
    }

    /// Two directives that differ only in their label draw from one distribution: a test of a
    /// difference must fail, saying which test and p; a real difference passes.
    @Test func aStatisticalCheckFailsOnNoiseAndSaysWhichTest() {
        let noise = """
            ---
            seed: 3
            ---
            ```{discovery-model #a minima=6 censuses=30 runs=40 replicates=6}
            ```
            ```{discovery-model #b minima=6 censuses=30 runs=40 replicates=6}
            ```
            ```{discovery-model #c minima=12 censuses=30 runs=40 replicates=6}
            ```
            ```{check}
            ttest_p(a.simulated_mean, c.simulated_mean) < 0.001
            ttest_p(a.simulated_mean, b.simulated_mean) < 0.05
            ```
            """
        let product = build(noise, cache: nil)
        #expect(product.errors.count == 1, "\(product.errors)")
        let error = product.errors.first ?? ""
        #expect(error.hasPrefix("reports/test.md:12:1: error: check failed: ttest_p(a.simulated_mean, b.simulated_mean) < 0.05"), "\(error)")
        #expect(error.contains("Welch's t test of a.simulated_mean against b.simulated_mean: t = ") && error.contains(", p = "), "\(error)")
        let passing = product.document?.checks.first
        #expect(passing?.holds == true && passing?.tests?.first?.hasPrefix("Welch's t test of a.simulated_mean against c.simulated_mean") == true)
    }

    @Test func replicatesAreCheckedWhenPlanned() {
        #expect(problems("```{bps-index #i max-charge=2 replicates=3}\n```\n").first?.contains("bps-index does not depend on a seed") == true)
        #expect(problems("```{discovery-model #m replicates=0}\n```\n").first?.contains("'replicates' must be an integer in 1...10000") == true)
        #expect(problems("---\nreplicates: 2.5\n---\n").first?.contains("'replicates' must be an integer") == true)
        // The front-matter default applies to seeded directives only, and a $param sets it too.
        let source = "---\nreplicates: 4\nparams:\n  k: 3\n---\n```{bps-index #i}\n```\n```{discovery-model #m replicates=$k}\n```\n```{discovery-model #n}\n```\n"
        let (plan, diagnostics) = Planner.plan(TemplateParser.parse(source, file: "t.md").0, overrides: [("k", "7")]) { _ in Data() }
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(plan?.computations.map(\.replicates) == [1, 7, 4])
    }

    /// With stand-in directives: a replicated computation reading a replicated one reads its own
    /// replicate (r with r, paired); one that is not replicated reads the list of all k values;
    /// counts that disagree are an error at the reader. Each replicate sees its own derived seed.
    @Test func aReplicatedReaderReadsItsOwnReplicate() {
        let location = SourceLocation(file: "t.md", line: 1, column: 1)
        func computation(_ label: String, replicates: Int, reads: String? = nil) -> Computation {
            var arguments = BoundArguments()
            if let reads { arguments.paths["input"] = ResultPath(root: reads, components: [.field("x")], location: location) }
            var c = Computation(label: label, kind: label, location: location, arguments: arguments, seed: 0, key: label,
                                dependencies: reads.map { [$0] } ?? [], replicates: replicates)
            c.replicateBase = label + "-base"
            return c
        }
        let template = TemplateParser.parse("---\nseed: 21\n---\n", file: "t.md").0
        let plan = Plan(
            template: template, params: Record(),
            computations: [computation("up", replicates: 3), computation("paired", replicates: 3, reads: "up"),
                           computation("whole", replicates: 1, reads: "up"), computation("odd", replicates: 2, reads: "up")],
            presentations: [:], numbering: Numbering(template), readByDocument: [])
        let (results, _, diagnostics) = Executor.run(plan, cache: nil, options: .init(jobs: 2, readCache: false), observer: .silent) { kind in
            { arguments, context in
                kind == "up" ? Record([("x", .int(Int(context.seed % 1000)))]) : Record([("x", arguments.values["input"] ?? .text("none"))])
            }
        }
        let up = (1...3).map { Value.int(Int(CacheKeys.derivedSeed(21, label: "up", replicate: $0) % 1000)) }
        #expect(results.values["up"]?["x"] == .replicated(up))
        #expect(results.values["paired"]?["x"] == .replicated(up))
        #expect(results.values["whole"]?["x"] == .list(up))
        #expect(results.values["odd"] == nil)
        #expect(diagnostics.count == 1 && diagnostics[0].message.contains("holds 3 replicates, but 'odd' runs 2"), "\(diagnostics)")
    }
}
