import Foundation

/// Writes the Swift file of `SourceDigests` for the SourceDigests build-tool plugin.
///
///     digest-sources ROOT OUTPUT (--digest NAME FILE... | --directive TYPE FILE...)...
///
/// FILEs are paths relative to the package root ROOT. A group's digest is the SHA-256 of its
/// `sha256sum` listing: one line `<SHA-256 of the contents>  <relative path>` per file, in byte
/// order of the paths; `cd ROOT && sha256sum FILE... | LC_ALL=C sort -k2 | sha256sum` reproduces it.
/// Only relative paths and contents count, never the checkout's location or timestamps.
/// OUTPUT is rewritten only when its text changes, so an unchanged source compiles nothing again.

func digest(_ files: [String], root: URL) throws -> String {
    let listing = try files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
        "\(SHA256.hex([UInt8](try Data(contentsOf: root.appendingPathComponent(path)))))  \(path)\n"
    }.joined()
    return SHA256.hex(Array(listing.utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: digest-sources ROOT OUTPUT (--digest NAME FILE... | --directive TYPE FILE...)...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[0]), output = URL(fileURLWithPath: arguments[1])
var digests: [(name: String, value: String)] = []
var directives: [(name: String, value: String)] = []
var rest = arguments.dropFirst(2)
while let option = rest.popFirst() {
    guard option == "--digest" || option == "--directive", let name = rest.popFirst() else {
        FileHandle.standardError.write(Data("digest-sources: error: expected --digest NAME or --directive TYPE, got '\(option)'\n".utf8))
        exit(2)
    }
    let files = Array(rest.prefix { !$0.hasPrefix("--") })
    rest = rest.dropFirst(files.count)
    let value = try digest(files, root: root)
    if option == "--digest" { digests.append((name, value)) } else { directives.append((name, value)) }
}

let text = """
    // Generated at build time by the SourceDigests plugin (Plugins/SourceDigests); do not edit.

    /// SHA-256 digests of the sources that can change a cached result: the compute core's, each
    /// compute directive's own file's (by type name) and the figure library's.
    enum SourceDigests {
    \(digests.map { "    static let \($0.name) = \"\($0.value)\"" }.joined(separator: "\n"))
        static let directives: [String: String] = [
    \(directives.sorted { $0.name < $1.name }.map { "        \"\($0.name)\": \"\($0.value)\"," }.joined(separator: "\n"))
        ]
    }

    """
if (try? String(contentsOf: output, encoding: .utf8)) != text {
    try text.write(to: output, atomically: true, encoding: .utf8)
}
