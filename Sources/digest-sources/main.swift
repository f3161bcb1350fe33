import Foundation

/// Writes the Swift file of `SourceDigests` for the SourceDigests build-tool plugin.
///
///     digest-sources ROOT OUTPUT (--digest NAME FILE... | --directive TYPE FILE...)...
///
/// FILEs are paths relative to the package root ROOT. A group's digest is the SHA-256 of its
/// listing: one line `<SHA-256 of the file's code>  <relative path>` per file, in byte order of
/// the paths. A Swift file's code is its text without comment lines and blank lines (a line whose
/// first non-blank characters are `//`, outside a `"""` string), each line stripped of trailing
/// blanks, joined by newlines: editing a doc comment changes no digest. `Package.resolved` counts
/// by its pins' identities and versions only (its lines `"identity"` and `"version"`, trimmed):
/// its revisions are ids of the local package copies, which differ between machines that resolve
/// the same versions. Any other file counts whole. Only relative paths and code count, never the
/// checkout's location or timestamps.
/// OUTPUT is rewritten only when its text changes, so an unchanged source compiles nothing again.

/// The bytes of `data` that can change what the program computes: for Swift, no comment lines;
/// for `Package.resolved`, the pinned identities and versions.
func code(of data: Data, path: String) -> [UInt8] {
    if path == "Package.resolved" {
        let pins = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("\"identity\"") || $0.hasPrefix("\"version\"") }
        return Array(pins.joined(separator: "\n").utf8)
    }
    guard path.hasSuffix(".swift") else { return [UInt8](data) }
    var inString = false
    var kept: [Substring] = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let fences = line.components(separatedBy: "\"\"\"").count - 1
        defer { if fences % 2 == 1 { inString.toggle() } }
        if !inString && (trimmed.isEmpty || trimmed.hasPrefix("//")) { continue }
        var end = line.endIndex
        while end > line.startIndex, [" ", "\t", "\r"].contains(line[line.index(before: end)]) { end = line.index(before: end) }
        kept.append(line[..<end])
    }
    return Array(kept.joined(separator: "\n").utf8)
}

func digest(_ files: [String], root: URL) throws -> String {
    let listing = try files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
        "\(SHA256.hex(code(of: try Data(contentsOf: root.appendingPathComponent(path)), path: path)))  \(path)\n"
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
