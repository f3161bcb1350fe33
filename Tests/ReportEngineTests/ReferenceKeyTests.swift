import Foundation
import Testing
@testable import ReportEngine

/// A reference's cache key holds every input its path can read: the labels and parameters named
/// inside its indices too. Each template changes a result only through an index, and is built
/// cached after a first build and uncached: the two must print the same.
@Suite struct ReferenceKeyTests {
    /// The exact counts up to N = 3, and a small N = 1 census told `expected`.
    private static let index = "```{bps-index #index}\nmax-charge: 3\n```\n"
    private static func census(expected: String) -> String {
        "```{bps-minima #c}\nn: 1\nruns: 48\ncompletion: none\nexpected: \(expected)\n```\n"
    }

    /// The template of issue 27: the census's `expected` is `index.minima[params.k]`.
    private let indexedByParam = "---\nseed: 7\nparams:\n  k: 1\n---\n" + Self.index + Self.census(expected: "index.minima[params.k]")
        + "Found {{ c.distinct }}, expected {{ c.expected }}.\n"

    /// Builds `source` against `cache` and without reading any cache; both must print the same.
    private func cachedAndUncached(
        _ source: String, files: [String: String] = [:], overrides: [(String, String)] = [], cache: MemoryCache
    ) -> (cached: BuildProduct, uncached: BuildProduct) {
        let cached = build(source, files: files, cache: cache, overrides: overrides)
        let uncached = build(source, files: files, overrides: overrides, readCache: false)
        #expect(cached.errors.isEmpty, "\(cached.errors)")
        #expect(cached.markdown == uncached.markdown)
        return (cached, uncached)
    }

    @Test func anIndexParameterChangedWithParamIsInTheKey() {
        let cache = MemoryCache()
        let first = cachedAndUncached(indexedByParam, cache: cache)
        #expect(first.cached.markdown.contains("expected 12."))
        let k2 = cachedAndUncached(indexedByParam, overrides: [("k", "2")], cache: cache)
        #expect(k2.cached.markdown.contains("expected 56."))
        #expect(k2.cached.log.computed == ["c"])
        // Back to the default: the first entry is found again.
        let again = cachedAndUncached(indexedByParam, cache: cache)
        #expect(again.cached.log.computed.isEmpty)
        #expect(again.cached.markdown.contains("expected 12."))
    }

    /// The index is another directive's result (`count.n`, the rows of a data file), declared
    /// after the reader: it must run first, and a change to it must reach the reader's key.
    @Test func anIndexFromAnotherDirectivesResultIsADependencyAndInTheKey() throws {
        let source = "---\nseed: 7\n---\n" + Self.index + Self.census(expected: "index.minima[count.n]")
            + "```{data #obs file=obs.csv}\n```\n```{stats #count of=obs.columns.x}\n```\nExpected {{ c.expected }}.\n"
        let (template, _) = TemplateParser.parse(source, file: "t.md")
        let plan = try #require(Planner.plan(template) { _ in Data("x\n1\n".utf8) }.0)
        let order = plan.computations.map(\.label)
        #expect(plan.computations.first { $0.label == "c" }?.dependencies == ["count", "index"])
        #expect(try #require(order.firstIndex(of: "count")) < #require(order.firstIndex(of: "c")))

        let cache = MemoryCache()
        let one = cachedAndUncached(source, files: ["obs.csv": "x\n1\n"], cache: cache)
        #expect(one.cached.markdown.contains("Expected 12."))
        let two = cachedAndUncached(source, files: ["obs.csv": "x\n1\n2\n"], cache: cache)
        #expect(two.cached.markdown.contains("Expected 56."))
        #expect(two.cached.log.computed == ["c", "count", "obs"])
    }

    /// A path inside an index inside an index: `index.minima[obs.columns.x[params.k]]`.
    @Test func aNestedPathIsInTheKey() throws {
        let source = "---\nseed: 7\nparams:\n  k: 0\n---\n```{data #obs file=obs.csv}\n```\n"
            + Self.census(expected: "index.minima[obs.columns.x[params.k]]") + Self.index + "Expected {{ c.expected }}.\n"
        let (template, _) = TemplateParser.parse(source, file: "t.md")
        let plan = try #require(Planner.plan(template) { _ in Data("x\n1\n2\n".utf8) }.0)
        #expect(plan.computations.first { $0.label == "c" }?.dependencies == ["index", "obs"])

        let cache = MemoryCache()
        let files = ["obs.csv": "x\n1\n2\n"]
        #expect(cachedAndUncached(source, files: files, cache: cache).cached.markdown.contains("Expected 12."))
        // The parameter inside the inner index.
        let k1 = cachedAndUncached(source, files: files, overrides: [("k", "1")], cache: cache)
        #expect(k1.cached.markdown.contains("Expected 56."))
        #expect(k1.cached.log.computed == ["c"])
        // The result the inner path reads.
        let edited = cachedAndUncached(source, files: ["obs.csv": "x\n3\n2\n"], cache: cache)
        #expect(edited.cached.markdown.contains("Expected 208."))
        #expect(edited.cached.log.computed == ["c", "obs"])
    }

    /// Unknown labels and parameters inside an index are errors at their own location.
    @Test func labelsInsideIndicesAreChecked() {
        let source = "```{bps-index #index}\n```\n```{stats #s of=index.minima[nope.n]}\n```\n"
        let product = build(source)
        #expect(product.errors.contains { $0.contains("unknown label 'nope'") })
    }
}
