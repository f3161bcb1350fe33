import Foundation
import Landscape

/// `build/<name>.lock.json`: what a build used and produced: tool version, parameters, seeds,
/// every computation's cache key, every value filled into the paper and every check.
/// `report verify` rebuilds from scratch and compares against it.
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

    public var tool: String
    /// The BLAS kernels and threads per call the build ran with ("OpenBLAS Haswell, 1 thread").
    public var blas: String?
    public var template: String
    public var seed: String
    public var params: [Parameter]
    public var directives: [Directive]
    public var values: [FilledValue]
    public var checks: [CheckOutcome]
    /// Absent in a paper that cites nothing.
    public var sources: [Source]?

    init(plan: Plan, document: Document) {
        tool = CacheKeys.toolVersion
        blas = "OpenBLAS \(BLASLibrary.coreName), \(BLASLibrary.threads) thread\(BLASLibrary.threads == 1 ? "" : "s")"
        template = plan.template.file
        seed = String(plan.template.frontMatter.seed)
        params = plan.params.fields.map { Parameter(name: $0.name, value: $0.value) }
        directives = plan.computations.map {
            Directive(label: $0.label, kind: $0.kind, at: $0.location.description, seed: String($0.seed), key: $0.key)
        }
        values = document.filled
        checks = document.checks
        sources = plan.citations.sources.isEmpty ? nil : plan.citations.sources
    }

    public func encoded() throws -> Data {
        try CanonicalJSON.encoder(pretty: true).encode(self) + Data("\n".utf8)
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

/// Compares the values of a fresh build with a lock file, as a reviewer checks a paper.
public enum Verification {
    /// One value that moved beyond the tolerance (or appeared, or vanished).
    public struct Drift: Sendable, CustomStringConvertible {
        public var at: String
        public var expression: String
        public var locked: String
        public var rebuilt: String

        public var description: String {
            "\(at): error: '\(expression)' moved: locked \(locked), rebuilt \(rebuilt)"
        }
    }

    /// Values compared by position and expression: integers (exact counts) must be equal, reals
    /// agree within `tolerance` (relative).
    public static func compare(locked: LockFile, rebuilt: LockFile, tolerance: Double) -> [Drift] {
        var drifts: [Drift] = []
        for index in 0..<max(locked.values.count, rebuilt.values.count) {
            let old = index < locked.values.count ? locked.values[index] : nil
            let new = index < rebuilt.values.count ? rebuilt.values[index] : nil
            guard let old, let new, old.expression == new.expression else {
                let reference = old ?? new!
                drifts.append(Drift(
                    at: reference.at, expression: reference.expression,
                    locked: old.map { "'\($0.text)'" } ?? "(absent)", rebuilt: new.map { "'\($0.text)'" } ?? "(absent)"))
                continue
            }
            if !agree(old.value, new.value, tolerance: tolerance) {
                drifts.append(Drift(at: new.at, expression: new.expression, locked: describe(old.value), rebuilt: describe(new.value)))
            }
        }
        return drifts
    }

    static func agree(_ a: Value, _ b: Value, tolerance: Double) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)):
            return x == y
        case (.list(let xs), .list(let ys)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { agree($0, $1, tolerance: tolerance) }
        default:
            if let x = a.number, let y = b.number {
                if x == y || (x.isNaN && y.isNaN) { return true }
                return (x - y).magnitude <= tolerance * max(x.magnitude, y.magnitude)
            }
            return a == b
        }
    }

    private static func describe(_ value: Value) -> String {
        if case .real(let x) = value { return x.description }
        return ValueFormat.plain(value)
    }
}
