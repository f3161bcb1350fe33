import Foundation
import Testing
@testable import ReportEngine

/// The digests the SourceDigests plugin generated at build time are those of the sources on disk,
/// recomputed here independently (with swift-crypto, by walking the folders): a build that left
/// them stale, or a plugin that digests the wrong files, fails here.
@Suite struct SourceDigestTests {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files under `folder`, as paths relative to the package root.
    private func swiftFiles(under folder: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".swift") }.map { folder + "/" + $0 }
    }

    /// SHA-256 of the `sha256sum` listing of `files`, sorted by path.
    private func digest(_ files: [String]) throws -> String {
        let listing = try files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
            "\(CacheKeys.hex(try Data(contentsOf: root.appendingPathComponent(path))))  \(path)\n"
        }.joined()
        return CacheKeys.hex(Data(listing.utf8))
    }

    @Test func builtDigestsAreThoseOfTheSourcesOnDisk() throws {
        let engine = "Sources/ReportEngine"
        let core = try swiftFiles(under: "Sources/Landscape") + swiftFiles(under: engine + "/Cache")
            + swiftFiles(under: engine + "/Directives/Declarations") + ["Package.swift"]
            + ["Model/Value.swift", "Model/ValueCoding.swift", "Model/ValueType.swift", "Model/ValueJSON.swift", "Model/ValueCSV.swift",
               "Model/CanonicalJSON.swift",
               "Plan/DirectiveSchema.swift"].map { engine + "/" + $0 }
        #expect(SourceDigests.computeCore == (try digest(core)))
        #expect(SourceDigests.figures == (try digest(swiftFiles(under: "Sources/Figures"))))
        let directives = try swiftFiles(under: engine + "/Directives").filter { $0.split(separator: "/").count == 4 }.map { file in
            (URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, try digest([file]))
        }
        #expect(SourceDigests.directives == Dictionary(uniqueKeysWithValues: directives))
    }

    @Test func everyDirectiveHasASourceDigest() {
        for directive in DirectiveRegistry.standard.computeDirectives {
            #expect(CacheKeys.CodeDigests.built.digest(of: directive) != nil, "no file named \(directive).swift in Directives/")
        }
    }
}
