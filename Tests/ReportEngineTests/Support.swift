import Foundation
import PaperHTML
@testable import ReportEngine

/// An in-memory result cache whose entries a test can inspect and damage.
final class MemoryCache: ResultCache, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Record] = [:]
    private var damaged: Set<String> = []
    private var artifacts: [String: Data] = [:]

    func loadArtifact(_ key: String) -> Data? { lock.withLock { artifacts[key] } }
    func storeArtifact(_ data: Data, key: String) throws { lock.withLock { artifacts[key] = data } }
    var artifactCount: Int { lock.withLock { artifacts.count } }

    func contains(_ key: String) -> Bool { lock.withLock { entries[key] != nil } }

    /// How many entries `load` has been asked for.
    var loads: Int { lock.withLock { loadCount } }
    private var loadCount = 0

    func load(_ key: String) -> CacheLookup {
        lock.withLock {
            loadCount += 1
            if damaged.contains(key) { return .corrupt("damaged by the test") }
            return entries[key].map(CacheLookup.hit) ?? .miss
        }
    }

    func store(_ results: Record, key: String, label: String, kind: String) throws {
        lock.withLock {
            entries[key] = results
            damaged.remove(key)
        }
    }

    func damageAll() { lock.withLock { damaged = Set(entries.keys) } }

    /// Damages the entries whose results have a field named `field`.
    func damage(holding field: String) {
        lock.withLock { damaged = Set(entries.filter { $0.value[field] != nil }.keys) }
    }
    var count: Int { lock.withLock { entries.count } }
}

/// Builds `source` as `reports/test.md` with in-memory data files.
func build(
    _ source: String, files: [String: String] = [:], cache: ResultCache? = nil,
    overrides: [(String, String)] = [], readCache: Bool = true, jobs: Int = 2,
    formats: [OutputFormat] = [.md], page: PaperAssets? = nil, allowExec: Bool = false
) -> BuildProduct {
    var request = BuildRequest(source: source, templatePath: "reports/test.md")
    request.allowExec = allowExec
    request.formats = formats
    request.page = page
    request.overrides = overrides
    request.readCache = readCache
    request.jobs = jobs
    return ReportBuild.run(request, loadFile: { path in
        guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return Data(text.utf8)
    }, cache: cache)
}

extension BuildProduct {
    /// The Markdown paper's text, or "" when the build failed.
    var markdown: String { document.map(\.markdown) ?? "" }
    var errors: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
    var warnings: [String] { diagnostics.filter { $0.severity == .warning }.map(\.description) }
}

/// The project's own page template and stylesheet, without math assets.
func projectPage() throws -> PaperAssets {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return PaperAssets(
        template: try String(contentsOf: root.appendingPathComponent("templates/paper.mustache"), encoding: .utf8),
        stylesheet: try String(contentsOf: root.appendingPathComponent("templates/paper.css"), encoding: .utf8))
}

/// Parses a template and returns only the diagnostics of parsing and planning.
func problems(_ source: String, files: [String: String] = [:], overrides: [(String, String)] = []) -> [String] {
    let (template, parseProblems) = TemplateParser.parse(source, file: "t.md")
    let (_, planProblems) = Planner.plan(template, overrides: overrides) { path in
        guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return Data(text.utf8)
    }
    return (parseProblems + planProblems).map(\.description)
}
