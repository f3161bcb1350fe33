import BigInt
import Foundation
import Landscape
import Testing
@testable import ReportEngine

/// The cache of DESIGN.md, measured by what the executor computed, never by time.
@Suite struct CacheTests {
    private let csv = "run,loss\n1,0.5\n2,0.25\n3,0.125\n"

    private func template(prose: String = "Intro.", charge: Int = 3) -> String {
        """
        ---
        seed: 11
        ---
        \(prose)

        ```{bps-index #index max-charge=\(charge)}
        ```
        ```{data #obs file=obs.csv}
        ```
        ```{stats #loss of=obs.columns.loss}
        ```
        N = 3 has {{ index.minima[3] }} minima; mean loss {{ loss.mean | fixed:4 }} over {{ loss.n }} runs.
        """
    }

    @Test func firstBuildComputesEverythingSecondNothing() {
        let cache = MemoryCache()
        let first = build(template(), files: ["obs.csv": csv], cache: cache)
        #expect(first.errors.isEmpty)
        #expect(first.log.computed == ["index", "loss", "obs"])
        let second = build(template(), files: ["obs.csv": csv], cache: cache)
        #expect(second.log.computed.isEmpty)
        #expect(second.log.cached == ["index", "loss", "obs"])
        #expect(second.markdown == first.markdown)
    }

    @Test func editingProseRecomputesNothing() {
        let cache = MemoryCache()
        _ = build(template(), files: ["obs.csv": csv], cache: cache)
        let edited = build(template(prose: "A rewritten introduction with {{ index.minima[1] }}."), files: ["obs.csv": csv], cache: cache)
        #expect(edited.errors.isEmpty)
        #expect(edited.log.computed.isEmpty)
        #expect(edited.markdown.contains("A rewritten introduction with 12."))
    }

    @Test func editingOneDirectiveRecomputesItAndWhatReadsIt() {
        let cache = MemoryCache()
        _ = build(template(), files: ["obs.csv": csv], cache: cache)
        let index = build(template(charge: 4), files: ["obs.csv": csv], cache: cache)
        #expect(index.log.computed == ["index"])
        let data = build(template(), files: ["obs.csv": csv + "4,0.0625\n"], cache: cache)
        #expect(data.log.computed == ["loss", "obs"])
        #expect(data.markdown.contains("mean loss 0.2344 over 4 runs"))
    }

    @Test func fileContentNotItsTimestampIsTheKey() throws {
        let cache = MemoryCache()
        _ = build(template(), files: ["obs.csv": csv], cache: cache)
        // The same bytes from a freshly written file hash the same.
        let same = build(template(), files: ["obs.csv": String(csv)], cache: cache)
        #expect(same.log.computed.isEmpty)
    }

    @Test func noCacheRecomputesAll() {
        let cache = MemoryCache()
        _ = build(template(), files: ["obs.csv": csv], cache: cache)
        let fresh = build(template(), files: ["obs.csv": csv], cache: cache, readCache: false)
        #expect(fresh.log.computed == ["index", "loss", "obs"])
    }

    @Test func corruptEntriesAreRecomputedWithAWarning() {
        let cache = MemoryCache()
        let first = build(template(), files: ["obs.csv": csv], cache: cache)
        cache.damageAll()
        let again = build(template(), files: ["obs.csv": csv], cache: cache)
        #expect(again.log.computed == ["index", "loss", "obs"])
        #expect(again.warnings.count == 3)
        #expect(again.warnings.allSatisfy { $0.contains("was corrupt") })
        #expect(again.markdown == first.markdown)
    }

    @Test func directoryCacheDetectsDamagedFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = DirectoryCache(directory: directory)
        let record = Record([("x", .real(0.1)), ("n", .int(3)), ("t", .table(Table(columns: ["a"], rows: [[.text("b")]])))])
        try cache.store(record, key: "k1", label: "l", kind: "stats")
        guard case .hit(let loaded) = cache.load("k1") else {
            Issue.record("expected a hit")
            return
        }
        #expect(loaded == record)
        let file = directory.appendingPathComponent("k1.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "0.1", with: "0.2")
        try text.write(to: file, atomically: true, encoding: .utf8)
        guard case .corrupt = cache.load("k1") else {
            Issue.record("a tampered entry must not be trusted")
            return
        }
        try "{ not json".write(to: file, atomically: true, encoding: .utf8)
        guard case .corrupt = cache.load("k1") else {
            Issue.record("a truncated entry must not be trusted")
            return
        }
        guard case .miss = cache.load("absent") else {
            Issue.record("expected a miss")
            return
        }
    }

    /// Numeric arrays go to a binary side file and come back bit for bit (NaN, infinities, −0,
    /// subnormals included); a damaged or missing side file is a corrupt entry, never a hit.
    @Test func arraysAreStoredAsCheckedBinarySideData() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = DirectoryCache(directory: directory)
        let awkward: [Double] = [0.1, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, 1e308, 3]
        let record = Record([
            ("v", .vector(awkward)),
            ("m", .matrix(Matrix(rows: 2, columns: 4, elements: awkward))),
            ("c", .complexMatrix(ComplexMatrix(rows: 1, cols: 2, entries: [Complex(1, -2), Complex(0.5, .pi)]))),
            ("t", .table(Table(columns: ["i", "x", "s"], data: [.integers([1, -2, Int.max]), .reals([0.5, 1, 2]), .values([.text("a"), .int(1), .boolean(true)])]))),
            ("nested", .list([.vector([1, 2]), .record(Record([("w", .vector([]))]))])),
        ])
        try cache.store(record, key: "k2", label: "l", kind: "data")
        guard case .hit(let loaded) = cache.load("k2") else {
            Issue.record("expected a hit")
            return
        }
        guard case .vector(let back)? = loaded["v"] else {
            Issue.record("the vector came back as \(loaded["v"]?.typeName ?? "nothing")")
            return
        }
        #expect(back.map(\.bitPattern) == awkward.map(\.bitPattern))
        #expect(loaded["t"] == record["t"] && loaded["c"] == record["c"] && loaded["nested"] == record["nested"])
        let json = try String(contentsOf: directory.appendingPathComponent("k2.json"), encoding: .utf8)
        #expect(!json.contains("1e+308") && !json.contains("\\\"0.1\\\""), "arrays must not be stored as text")
        let side = directory.appendingPathComponent("k2.bin")
        var bytes = try Data(contentsOf: side)
        #expect(bytes.count == 8 * (8 + 8 + 4 + 3 + 3 + 2))
        bytes[3] ^= 0x10
        try bytes.write(to: side)
        guard case .corrupt = cache.load("k2") else {
            Issue.record("a damaged side file must not be trusted")
            return
        }
        try FileManager.default.removeItem(at: side)
        guard case .corrupt = cache.load("k2") else {
            Issue.record("a missing side file must not be trusted")
            return
        }
    }

    /// Long lists of machine integers (a `data` file's integer columns) go to the side file too;
    /// short lists, and lists holding a larger integer or another value, stay in the JSON.
    @Test func longIntegerListsAreStoredAsBinarySideData() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = DirectoryCache(directory: directory)
        let long = (0..<100).map { $0 * 1_000_003 - 7 } + [Int.max, Int.min]
        let record = Record([
            ("long", .ints(long)),
            ("short", .ints([1, 2, 3])),
            ("big", .list(long.map(Value.int) + [.integer(BigInt(Int.max) * 4)])),
            ("mixed", .list(long.map(Value.int) + [.text("x")])),
        ])
        try cache.store(record, key: "k3", label: "l", kind: "data")
        guard case .hit(let loaded) = cache.load("k3") else {
            Issue.record("expected a hit")
            return
        }
        #expect(loaded == record)
        #expect(try Data(contentsOf: directory.appendingPathComponent("k3.bin")).count == 8 * long.count)
        let json = try String(contentsOf: directory.appendingPathComponent("k3.json"), encoding: .utf8)
        #expect(json.components(separatedBy: "99000290").count == 3, "only the two lists that cannot be words hold the text")
    }

    /// A cached rebuild loads only what the paper reads: the mean of a column, not the table
    /// behind it. A damaged entry is recomputed, and its input then loaded on demand.
    @Test func aCachedRebuildLoadsOnlyWhatThePaperReads() {
        let source = "```{data #obs file=runs.csv}\n```\n```{stats #s of=obs.columns.loss}\n```\nMean {{ s.mean }}.\n"
        let files = ["runs.csv": "step,loss\n1,0.5\n2,0.25\n3,0.75\n"]
        let cache = MemoryCache()
        let first = build(source, files: files, cache: cache)
        #expect(first.log.computed == ["obs", "s"])
        let loadsBefore = cache.loads
        let second = build(source, files: files, cache: cache)
        #expect(second.log.computed.isEmpty && second.log.cached == ["obs", "s"])
        #expect(cache.loads - loadsBefore == 1, "only the stats the paper prints are loaded")
        #expect(second.markdown == first.markdown)

        cache.damage(holding: "sd")
        let third = build(source, files: files, cache: cache)
        #expect(third.log.computed == ["s"])
        #expect(third.warnings.count == 1 && third.warnings[0].contains("was corrupt"))
        #expect(third.markdown == first.markdown)
    }

    @Test func renderedFiguresAreCachedAndDamagedOnesIgnored() throws {
        let source = "```{bps-index #index max-charge=3}\n```\n```{figure #fig-a}\nshow: index.figure\n```\n"
        let cache = MemoryCache()
        let first = build(source, cache: cache)
        #expect(cache.artifactCount == 3)
        let second = build(source, cache: cache)
        #expect(second.outputs.map(\.contents) == first.outputs.map(\.contents))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-artifacts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let disk = DirectoryCache(directory: directory)
        try disk.storeArtifact(Data("figure bytes".utf8), key: "k")
        #expect(disk.loadArtifact("k") == Data("figure bytes".utf8))
        let file = directory.appendingPathComponent("artifacts/k")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 1] ^= 1
        try bytes.write(to: file)
        #expect(disk.loadArtifact("k") == nil)
    }

    @Test func keysFollowTheCodeThatComputesThem() throws {
        let (template, _) = TemplateParser.parse("```{bps-index #index}\n```\n```{stats #loss of=index.minima}\n```\n", file: "t.md")
        let computations = try #require(Planner.plan(template) { _ in Data() }.0?.computations)
        let code = CacheKeys.CodeDigests(core: "core", directives: ["HelicityIndexDirective": "index", "StatsDirective": "stats"])
        func keys(_ code: CacheKeys.CodeDigests) -> [String: String] {
            Dictionary(uniqueKeysWithValues: CacheKeys.assign(computations, seed: 1, registry: .standard, code: code).map { ($0.label, $0.key) })
        }
        func changed(_ edit: (inout CacheKeys.CodeDigests) -> Void) -> [String] {
            var edited = code
            edit(&edited)
            return keys(edited).filter { keys(code)[$0.key] != $0.value }.map(\.key).sorted()
        }
        // A rebuild of unchanged code keeps every key.
        #expect(changed { _ in } == [])
        #expect(changed { $0.core = "edited core" } == ["index", "loss"])
        // A directive's own file changes its key and those of the computations that read it.
        #expect(changed { $0.directives["HelicityIndexDirective"] = "edited" } == ["index", "loss"])
        #expect(changed { $0.directives["StatsDirective"] = "edited" } == ["loss"])
        #expect(changed { $0.directives["MinimaCensusDirective"] = "edited" } == [])
    }

    @Test func seedsDependOnLabelNotOrderOrNeighbours() throws {
        let a = "---\nseed: 5\n---\n```{bps-index #one}\n```\n```{bps-index #two}\n```\n"
        let b = "---\nseed: 5\n---\nNew text.\n```{bps-index #zero}\n```\n```{bps-index #two}\n```\n```{bps-index #one}\n```\n"
        func computations(_ source: String) -> [String: Computation] {
            let (template, _) = TemplateParser.parse(source, file: "t.md")
            let (plan, _) = Planner.plan(template) { _ in Data() }
            return Dictionary(uniqueKeysWithValues: (plan?.computations ?? []).map { ($0.label, $0) })
        }
        let first = computations(a), second = computations(b)
        #expect(first["one"]?.seed == second["one"]?.seed)
        #expect(first["one"]?.key == second["one"]?.key)
        #expect(first["one"]?.seed != first["two"]?.seed)
        #expect(first["one"]?.seed == CacheKeys.derivedSeed(5, label: "one"))
    }

    @Test func resultsDoNotDependOnThreadCount() {
        let one = build(template(), files: ["obs.csv": csv], jobs: 1)
        let many = build(template(), files: ["obs.csv": csv], jobs: 4)
        #expect(one.markdown == many.markdown)
        #expect(one.lock == many.lock)
    }
}
