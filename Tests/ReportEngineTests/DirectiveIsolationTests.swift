import Foundation
import Testing

/// A directive's cache key digests its own file and the shared code (the compute core,
/// `Directives/Declarations/`, `Directives/Shared/`), so a directive file must use no declaration
/// of another directive file: editing that file would change the user's results without changing
/// its key. Code two directives share lives in `Directives/Shared/`.
@Suite struct DirectiveIsolationTests {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ReportEngine/Directives")

    /// The names a Swift file declares for other files: its top-level types (not private), and the
    /// non-private members of its top-level extensions, each with the text a use of it contains.
    static func declarations(in text: String) -> [(name: String, use: Regex<AnyRegexOutput>)] {
        // Simple word boundaries: under Unicode's, `DistanceMatrixFile.read` would be one word.
        func use(_ pattern: String) -> Regex<AnyRegexOutput> { try! Regex(pattern).wordBoundaryKind(.simple) }
        var found: [(String, Regex<AnyRegexOutput>)] = []
        var extended: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("}") { extended = nil; continue }
            if let match = line.wholeMatch(of: #/(?:public |internal |final )*(?:struct|enum|class|protocol|typealias|actor) (\w+).*/#) {
                found.append((String(match.1), use("\\b\(match.1)\\b")))
            } else if let match = line.wholeMatch(of: #/(?:public |internal )?extension (\w+).*/#) {
                extended = String(match.1)
            } else if let type = extended, !line.contains("private") {
                if let match = line.wholeMatch(of: #/    (?:public )?(?:convenience )?init\((\w+)[ :].*/#) {
                    found.append(("\(type)(\(match.1):)", use("\\b\(type)\\(\(match.1):|\\.init\\(\(match.1):")))
                } else if let match = line.wholeMatch(of: #/    (?:public )?(?:static )?(?:func|var|let) (\w+).*/#) {
                    found.append(("\(type).\(match.1)", use("\\.\(match.1)\\b")))
                }
            }
        }
        return found
    }

    /// The files directly in `Directives/` (one per directive, and the registry).
    private func directiveFiles() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".swift") }.sorted().map { name in
            (name, try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    @Test func noDirectiveFileUsesAnotherDirectiveFilesDeclarations() throws {
        let files = try directiveFiles().filter { $0.name != "DirectiveRegistry.swift" }
        #expect(files.count >= 10)
        var uses: [String] = []
        for file in files {
            for declaration in Self.declarations(in: file.text) {
                for other in files where other.name != file.name {
                    let code = other.text.split(separator: "\n").filter { !$0.trimmingPrefix(while: \.isWhitespace).hasPrefix("//") }.joined(separator: "\n")
                    if code.contains(declaration.use) { uses.append("\(other.name) uses \(declaration.name) of \(file.name)") }
                }
            }
        }
        #expect(uses.isEmpty, "move what several directives use to Directives/Shared/, whose digest is in every directive's key: \(uses)")
    }

    /// The scanner finds what the test relies on, including the shape of the old `Table(merges:)`.
    @Test func theScannerFindsTypesAndExtensionMembers() throws {
        let source = """
            struct ClusteringDirective: ComputeDirective {
                func run() {}
            }

            extension Table {
                /// A dendrogram's merges.
                init(merges tree: Dendrogram) {}
                static func blank() -> Table { Table() }
                private func hidden() {}
            }

            private struct Helper {}
            enum DistanceMatrixFile {}
            """
        let found = Self.declarations(in: source)
        #expect(found.map(\.name) == ["ClusteringDirective", "Table(merges:)", "Table.blank", "DistanceMatrixFile"])
        let user = "let table = Table(merges: tree)\nlet m = DistanceMatrixFile.read(file)"
        #expect(found.filter { user.contains($0.use) }.map(\.name) == ["Table(merges:)", "DistanceMatrixFile"])
    }
}
