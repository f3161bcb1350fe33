import Crypto
import Foundation

/// Seeds and cache keys. A computation's key hashes its kind, its schema version, the compute
/// core's version, its canonical parameters, its derived seed, the digests of the files it reads
/// and the keys of the computations it reads: editing prose changes no key, editing a directive
/// changes its key and those downstream.
public enum CacheKeys {
    /// Version of the compute core and engine; bumping it invalidates every cache entry.
    public static let coreVersion = "report-0.1.0"

    /// The seed of the directive labelled `label` in a template whose seed is `seed`: independent
    /// of the directive's position, the other directives and the thread count.
    public static func derivedSeed(_ seed: UInt64, label: String) -> UInt64 {
        let digest = Array(SHA256.hash(data: Data("report-seed:\(seed):\(label)".utf8)))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private struct KeyMaterial: Encodable {
        var core: String
        var build: String
        var kind: String
        var version: Int
        /// The declared results: adding or renaming one invalidates old entries by itself.
        var outputs: [String]
        var seed: String
        var parameters: [String: Value]
        var files: [String: String]
        var reads: [String: String]
    }

    /// Fills in seeds and keys; `computations` must already be in dependency order. `build`
    /// identifies the tool's build, so that a rebuilt tool never trusts results of the old one.
    static func assign(_ computations: [Computation], seed: UInt64, build: String, registry: DirectiveRegistry) -> [Computation] {
        var keys: [String: String] = [:]
        let encoder = CanonicalJSON.encoder()
        return computations.map { computation in
            var c = computation
            c.seed = derivedSeed(seed, label: c.label)
            let schema = registry.schema(named: c.kind)
            let material = KeyMaterial(
                core: coreVersion, build: build, kind: c.kind,
                version: schema?.version ?? 0,
                outputs: schema?.outputs.filter { !$0.isPresentation }.map(\.name) ?? [],
                seed: String(c.seed),
                parameters: c.arguments.values.filter { c.references[$0.key] == nil },
                files: c.arguments.files.mapValues(\.digest),
                reads: c.references.mapValues { path in
                    "\(keys[path.root] ?? ""):\(path.display)"
                })
            // Encoding plain values cannot fail.
            c.key = hex(try! encoder.encode(material))
            keys[c.label] = c.key
            return c
        }
    }
}
