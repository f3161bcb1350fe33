import Foundation
import Landscape

/// `build/<name>.lock.json`: what a build used and produced: tool version, parameters, seeds,
/// every computation's cache key, every value filled into the paper, every table cell, every check
/// with the values it compared, and a digest of each figure's data. `report verify` rebuilds from
/// scratch and compares against it (`Verification`).
public struct LockFile: Codable, Sendable, Equatable {
    public struct Parameter: Codable, Sendable, Equatable {
        public var name: String
        public var value: Value
    }

    public struct Directive: Codable, Sendable, Equatable {
        public var label: String
        public var kind: String
        public var at: String
        public var seed: String
        public var key: String
    }

    /// A file the paper's text depends on besides the template and the data files (whose
    /// digests are in the cache keys): the bibliography and the CSL style.
    public struct Source: Codable, Sendable, Equatable {
        public var role: String
        public var path: String
        public var sha256: String
    }

    /// A figure of the paper and the digest of what it shows (`FigureData`).
    public struct LockedFigure: Codable, Sendable, Equatable {
        public var at: String
        /// "Figure 2 (fig-discovery)".
        public var figure: String
        public var data: String
    }

    public var tool: String
    /// The BLAS kernels and threads per call the build ran with ("OpenBLAS Haswell, 1 thread").
    public var blas: String?
    public var template: String
    /// SHA-256 of the template's text: `report verify` says when the lock (and the papers of the
    /// same build) are stale against the template as it is now.
    public var templateDigest: String
    public var seed: String
    public var params: [Parameter]
    public var directives: [Directive]
    public var values: [FilledValue]
    public var tables: [FilledTable]
    public var checks: [CheckOutcome]
    public var figures: [LockedFigure]
    /// Absent in a paper that cites nothing.
    public var sources: [Source]?

    init(plan: Plan, document: Document, source: String) throws {
        tool = CacheKeys.toolVersion
        blas = "OpenBLAS \(BLASLibrary.coreName), \(BLASLibrary.threads) thread\(BLASLibrary.threads == 1 ? "" : "s")"
        template = plan.template.file
        templateDigest = CacheKeys.hex(Data(source.utf8))
        seed = String(plan.template.frontMatter.seed)
        params = plan.params.fields.map { Parameter(name: $0.name, value: $0.value) }
        directives = plan.computations.map {
            Directive(label: $0.label, kind: $0.kind, at: $0.location.description, seed: String($0.seed), key: $0.key)
        }
        values = document.filled
        tables = document.tables
        checks = document.checks
        figures = try document.figures.map { request in
            LockedFigure(
                at: request.location.description, figure: "Figure \(request.number) (\(request.stem))",
                data: try FigureData.digest(of: request.artwork))
        }
        sources = plan.citations.sources.isEmpty ? nil : plan.citations.sources
    }

    public func encoded() throws -> Data {
        try CanonicalJSON.encoder(pretty: true).encode(self) + Data("\n".utf8)
    }

    /// What in `rebuilt` says this lock is stale against the source: the template changed, or a
    /// computation's key (its parameters, data files, inputs or code) did.
    public func staleness(against rebuilt: LockFile) -> [String] {
        var reasons: [String] = []
        if templateDigest != rebuilt.templateDigest { reasons.append("\(template) changed") }
        let keys = Dictionary(directives.map { ($0.label, $0.key) }, uniquingKeysWith: { a, _ in a })
        let moved = rebuilt.directives.filter { keys[$0.label] != nil && keys[$0.label] != $0.key }.map(\.label)
        if !moved.isEmpty {
            reasons.append("the inputs or code of \(moved.map { "'\($0)'" }.joined(separator: ", ")) changed (cache keys differ)")
        }
        let added = rebuilt.directives.map(\.label).filter { keys[$0] == nil }
        if !added.isEmpty { reasons.append("\(added.map { "'\($0)'" }.joined(separator: ", ")) are new") }
        return reasons
    }

    public static func decode(_ data: Data) throws -> LockFile {
        try CanonicalJSON.decoder().decode(LockFile.self, from: data)
    }

    /// The parameters as `--param` overrides, so a rebuild uses exactly what this build used.
    public var overrides: [(String, String)] {
        params.compactMap { param in
            switch param.value {
            case .list(let items): return (param.name, items.map { ValueFormat.plain($0) }.joined(separator: ","))
            case .real(let x): return (param.name, x.description)
            default: return (param.name, ValueFormat.plain(param.value))
            }
        }
    }
}
