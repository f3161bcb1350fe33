import Foundation
import Testing
@testable import ReportEngine

/// The digests the SourceDigests plugin generated at build time are those of the sources on disk,
/// recomputed here independently (with swift-crypto, by walking the folders, comment lines left
/// out): a build that left them stale, or a plugin that digests the wrong files, fails here.
@Suite struct SourceDigestTests {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files under `folder`, as paths relative to the package root.
    private func swiftFiles(under folder: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".swift") }.map { folder + "/" + $0 }
    }

    /// A Swift file's code: its lines but comment lines and blank ones (outside `"""` strings),
    /// trailing blanks removed, joined by newlines; `Package.resolved`'s identity and version lines;
    /// any other file whole.
    static func code(_ data: Data, path: String) -> Data {
        if path == "Package.resolved" {
            let pins = String(decoding: data, as: UTF8.self).components(separatedBy: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("\"identity\"") || trimmed.hasPrefix("\"version\"") ? trimmed : nil
            }
            return Data(pins.joined(separator: "\n").utf8)
        }
        guard path.hasSuffix(".swift") else { return data }
        var inString = false
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n").compactMap { line -> String? in
            let wasInString = inString
            if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inString.toggle() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !wasInString && (trimmed.isEmpty || trimmed.hasPrefix("//")) { return nil }
            return String(line.reversed().drop { " \t\r".contains($0) }.reversed())
        }
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// SHA-256 of the listing `<SHA-256 of the file's code>  <path>` of `files`, sorted by path.
    private func digest(_ files: [String]) throws -> String {
        let listing = try files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
            "\(CacheKeys.hex(Self.code(try Data(contentsOf: root.appendingPathComponent(path)), path: path)))  \(path)\n"
        }.joined()
        return CacheKeys.hex(Data(listing.utf8))
    }

    @Test func builtDigestsAreThoseOfTheSourcesOnDisk() throws {
        let engine = "Sources/ReportEngine"
        let core = try swiftFiles(under: "Sources/Landscape") + swiftFiles(under: engine + "/Cache")
            + swiftFiles(under: engine + "/Directives/Declarations") + swiftFiles(under: engine + "/Directives/Shared")
            + ["Package.resolved"]
            + ["Model/Value.swift", "Model/ValueCoding.swift", "Model/ValueType.swift", "Model/ValueJSON.swift", "Model/ValueCSV.swift",
               "Model/CanonicalJSON.swift"].map { engine + "/" + $0 }
        #expect(SourceDigests.computeCore == (try digest(core)))
        #expect(SourceDigests.figures == (try digest(swiftFiles(under: "Sources/Figures"))))
        let directives = try swiftFiles(under: engine + "/Directives").filter { $0.split(separator: "/").count == 4 }.map { file in
            (URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, try digest([file]))
        }
        #expect(SourceDigests.directives == Dictionary(uniqueKeysWithValues: directives))
    }

    /// What a digest ignores: comment lines, blank lines and trailing blanks, never code, and never
    /// a line of a multi-line string that looks like a comment.
    @Test func commentsAreNotCode() {
        let plain = Self.code(Data("let x = 1\nlet y = 2\n".utf8), path: "a.swift")
        let commented = Self.code(Data("/// The x.\nlet x = 1   \n\n    // why y\nlet y = 2\n".utf8), path: "a.swift")
        #expect(plain == commented)
        #expect(Self.code(Data("let x = 2\nlet y = 2\n".utf8), path: "a.swift") != plain)
        let string = Self.code(Data("let s = \"\"\"\n    // kept\n    \"\"\"\n".utf8), path: "a.swift")
        #expect(String(decoding: string, as: UTF8.self).contains("// kept"))
        #expect(Self.code(Data("// all\n".utf8), path: "README.md") == Data("// all\n".utf8))
    }

    /// `Package.resolved` keys the pinned versions, not the local copies' revisions: two machines
    /// that resolve the same versions share keys; another version of a dependency changes them.
    @Test func resolvedPinsAreVersionsNotRevisions() {
        func resolved(revision: String, version: String) -> Data {
            Data("{\n  \"pins\" : [\n    {\n      \"identity\" : \"bigint\",\n      \"state\" : {\n        \"revision\" : \"\(revision)\",\n        \"version\" : \"\(version)\"\n      }\n    }\n  ]\n}\n".utf8)
        }
        let here = Self.code(resolved(revision: "a94b3e", version: "6.0.1"), path: "Package.resolved")
        #expect(here == Self.code(resolved(revision: "0c1d2e", version: "6.0.1"), path: "Package.resolved"))
        #expect(here != Self.code(resolved(revision: "a94b3e", version: "6.0.2"), path: "Package.resolved"))
    }

    @Test func everyDirectiveHasASourceDigest() {
        for directive in DirectiveRegistry.standard.computeDirectives {
            #expect(CacheKeys.CodeDigests.built.digest(of: directive) != nil, "no file named \(directive).swift in Directives/")
        }
    }
}
