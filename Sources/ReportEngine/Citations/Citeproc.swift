import ChildProcess
import Foundation
import PaperHTML

/// The paper's citations formatted by Pandoc's citeproc (Debian `pandoc`), run as a subprocess:
/// every citation of the template, in document order (a numeric style numbers by first citation),
/// and the reference list of the works cited. We read only the structure of Pandoc's output (one
/// paragraph per citation, one `csl-entry` per work); every word, number and mark of punctuation
/// in them is the CSL style's. No network is used: Pandoc runs in its sandbox on local copies of
/// the bibliography and the style, and a dependent style (which names a parent to download) is
/// refused before it runs.
struct Citeproc: Sendable {
    /// The style used when the front matter names none.
    static let defaultStyle = "american-physics-society"
    /// Where Debian's `citation-style-language-styles` puts its independent styles.
    static let debianStyles = "/usr/share/citation-style-language/styles"

    /// The BibTeX source and where it was named.
    let bibliography: Data
    /// The CSL style's XML.
    let style: Data

    /// What Pandoc made of the citations.
    struct Formatted: Sendable {
        /// Each citation's text as inline Markdown (`\[[1](#ref-kumar2023)\]`), in the order given.
        var citations: [String]
        /// The entries of the works cited, in the style's order.
        var references: [PaperReference]
    }

    /// A failure of Pandoc, with its message and, for an unreadable `.bib`, the line and column.
    struct Failure: Error {
        var message: String
        var line: Int?
        var column: Int?
    }

    /// The keys the bibliography defines, in its order.
    func keys() throws(Failure) -> [String] {
        let output = try pandoc(["--sandbox", "--from=bibtex", "--to=csljson", "refs.bib"])
        guard let entries = (try? JSONSerialization.jsonObject(with: output)) as? [[String: Any]] else {
            throw Failure(message: "pandoc did not read the bibliography as a list of entries")
        }
        return entries.compactMap { $0["id"] as? String }
    }

    /// Formats `citations` (Pandoc Markdown citations such as `[@a; @b, sec. 3]`) in order.
    func format(_ citations: [String]) throws(Failure) -> Formatted {
        let input = citations.joined(separator: "\n\n") + "\n"
        let output = String(decoding: try pandoc([
            "--sandbox", "--from=markdown", "--to=gfm", "--wrap=none", "--citeproc", "--bibliography=refs.bib",
            "--csl=style.csl", "--metadata=link-citations:true",
        ], input: Data(input.utf8)), as: UTF8.self)
        let (body, references) = Self.split(output)
        let paragraphs = body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard paragraphs.count == citations.count else {
            throw Failure(message: "pandoc formatted \(paragraphs.count) citations, not \(citations.count)")
        }
        return Formatted(citations: paragraphs, references: references)
    }

    /// Pandoc's GitHub Markdown split into the citation paragraphs and the entries of its
    /// `<div id="refs">`: `<div id="ref-KEY" class="csl-entry">`, holding a left-margin label
    /// (`\[1\]`) and the entry, or the entry alone.
    static func split(_ output: String) -> (String, [PaperReference]) {
        guard let refs = output.range(of: "<div id=\"refs\"") else { return (output, []) }
        var references: [PaperReference] = []
        var rest = output[refs.upperBound...]
        while let open = rest.range(of: "<div id=\"ref-") {
            guard let idEnd = rest[open.upperBound...].firstIndex(of: "\""), let tagEnd = rest[idEnd...].range(of: ">"),
                  let close = rest[tagEnd.upperBound...].range(of: "</div>") else { break }
            let id = "ref-" + rest[open.upperBound..<idEnd]
            var entry = rest[tagEnd.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            var label: String?
            if let margin = Self.span("csl-left-margin", in: entry) {
                label = margin.trimmingCharacters(in: .whitespaces)
                entry = Self.span("csl-right-inline", in: entry) ?? entry
            }
            references.append(PaperReference(id: id, label: label, entry: entry))
            rest = rest[close.upperBound...]
        }
        return (String(output[..<refs.lowerBound]), references)
    }

    /// The contents of `<span class="name">…</span>` in `text` (CSL spans do not nest).
    private static func span(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<span class=\"\(name)\">"),
              let close = text[open.upperBound...].range(of: "</span>") else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// Runs Pandoc in a scratch directory holding `refs.bib` and `style.csl`.
    private func pandoc(_ arguments: [String], input: Data? = nil) throws(Failure) -> Data {
        do {
            return try ScratchDirectory.with("citeproc") { directory in
                try bibliography.write(to: directory.appendingPathComponent("refs.bib"))
                try style.write(to: directory.appendingPathComponent("style.csl"))
                return try ChildProcess("pandoc", arguments, directory: directory.path, input: input, timeout: 120).run().standardOutput
            }
        } catch let failure as ChildProcess.Failure {
            if failure.reason == .notFound {
                throw Failure(message: "pandoc not found: citations are formatted by Pandoc's citeproc (apt-get install pandoc)")
            }
            throw Self.located(failure.standardErrorTail)
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    /// Pandoc's `Error at "refs.bib" (line 10, column 1):` message, as a located failure.
    static func located(_ message: String) -> Failure {
        let lines = message.split(separator: "\n").map(String.init)
        guard let first = lines.first, let at = first.range(of: "(line ") else { return Failure(message: message) }
        let numbers = first[at.upperBound...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let detail = lines.dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "cannot be read"
        return Failure(message: "bad BibTeX: \(detail)", line: numbers.first, column: numbers.dropFirst().first)
    }
}
