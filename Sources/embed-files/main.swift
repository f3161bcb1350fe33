import Foundation

/// Writes the Swift file of `EmbeddedFiles` for the EmbeddedFiles build-tool plugin.
///
///     embed-files OUTPUT (--text NAME FILE | --folder NAME FOLDER FILE...)...
///
/// `--text` gives `static let NAME: String`, the contents of FILE; `--folder` gives
/// `static let NAME: [(path: String, text: String)]`, each FILE (inside FOLDER) by its path relative
/// to FOLDER, in the order given. Files must be UTF-8 text; their bytes are kept exactly.
/// OUTPUT is rewritten only when its text changes, so an unchanged file compiles nothing again.

/// `text` as a Swift string literal: one line, with `\`, `"` and control characters escaped.
func literal(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": escaped += "\\\\"
        case "\"": escaped += "\\\""
        case "\n": escaped += "\\n"
        case "\t": escaped += "\\t"
        case "\r": escaped += "\\r"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\\u{\(String(scalar.value, radix: 16))}"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped + "\""
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("embed-files: error: \(message)\n".utf8))
    exit(2)
}

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    guard let text = String(data: data, encoding: .utf8) else { fail("\(path) is not UTF-8 text") }
    return text
}

var rest = CommandLine.arguments.dropFirst()
guard let output = rest.popFirst() else {
    fail("usage: embed-files OUTPUT (--text NAME FILE | --folder NAME FOLDER FILE...)...")
}
var declarations: [String] = []
while let option = rest.popFirst() {
    switch (option, rest.popFirst(), rest.popFirst()) {
    case ("--text", let name?, let file?):
        declarations.append("    static let \(name) = \(literal(read(file)))")
    case ("--folder", let name?, let folder?):
        let files = rest.prefix { !$0.hasPrefix("--") }
        rest = rest.dropFirst(files.count)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let entries = files.map { file in
            guard file.hasPrefix(prefix) else { fail("\(file) is not inside \(folder)") }
            return "        (\(literal(String(file.dropFirst(prefix.count)))), \(literal(read(file)))),"
        }
        declarations.append("    static let \(name): [(path: String, text: String)] = [\n\(entries.joined(separator: "\n"))\n    ]")
    default:
        fail("expected --text NAME FILE or --folder NAME FOLDER FILE..., got '\(option)'")
    }
}

let text = """
    // Generated at build time by the EmbeddedFiles plugin (Plugins/EmbeddedFiles); do not edit.

    /// Text files of the source tree compiled into the tool (see Plugins/EmbeddedFiles).
    enum EmbeddedFiles {
    \(declarations.joined(separator: "\n"))
    }

    """
if (try? String(contentsOfFile: output, encoding: .utf8)) != text {
    do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch { fail("cannot write \(output): \(error)") }
}
