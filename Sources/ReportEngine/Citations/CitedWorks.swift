import Foundation
import PaperHTML

/// The paper's citations, formatted: the text that replaces each citation, the reference list,
/// and the digests of the bibliography and the style for the lock file. Made when the template is
/// planned, so an unknown key or an unreadable `.bib` fails the build before anything computes.
struct CitedWorks: Sendable {
    /// Each citation's formatted text (inline Markdown), by where the citation was written.
    var texts: [SourceLocation: String] = [:]
    var references: [PaperReference] = []
    var sources: [LockFile.Source] = []

    /// Reads the front matter's `bibliography` (through `loadFile`, so inside the project) and
    /// `csl`, checks every cited key and has citeproc format `citations`, in document order.
    static func resolve(
        _ citations: [Citation], template: Template, labels: Set<String>, loadFile: (String) throws -> Data
    ) -> (CitedWorks, [Diagnostic]) {
        let front = template.frontMatter
        guard let bibliography = front.bibliography else {
            let bracketed = citations.filter { !$0.inText }
            return (CitedWorks(), bracketed.map {
                .error(at: $0.location, "'\($0.source)' cites a work, but the front matter names no bibliography (bibliography: refs.bib)")
            })
        }
        var works = CitedWorks()
        let bibFile = ((template.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(bibliography.value)
        let bib: Data, style: (name: String, xml: Data)
        do {
            bib = try read(bibliography, loadFile)
            style = try Self.style(front.csl, loadFile: loadFile, at: bibliography.location)
        } catch let diagnostic as Diagnostic {
            return (works, [diagnostic])
        } catch {
            return (works, [.error(at: bibliography.location, "\(error)")])
        }
        works.sources = [
            LockFile.Source(role: "bibliography", path: bibliography.value, sha256: CacheKeys.hex(bib)),
            LockFile.Source(role: "csl", path: style.name, sha256: CacheKeys.hex(style.xml)),
        ]
        let citeproc = Citeproc(bibliography: bib, style: style.xml)
        let keys: [String]
        do {
            keys = try citeproc.keys()
        } catch {
            guard let line = error.line else { return (works, [.error(at: bibliography.location, error.message)]) }
            return (works, [.error(at: SourceLocation(file: bibFile, line: line, column: error.column ?? 1), error.message)])
        }
        let known = Set(keys)
        var problems: [Diagnostic] = []
        for citation in citations {
            for key in citation.keys where !known.contains(key.value) {
                let nearest = keys.min { editDistance(key.value, $0) < editDistance(key.value, $1) }
                let label = labels.contains(key.value) ? "; '\(key.value)' is a label: cross-references are @fig-, @tbl-, @sec- and @eq-" : ""
                problems.append(.error(
                    at: key.location,
                    "unknown citation key '\(key.value)': not in \(bibliography.value)\(nearest.map { " (the nearest key is '\($0)')" } ?? ", which is empty")\(label)"))
            }
        }
        guard problems.isEmpty, !citations.isEmpty else { return (works, problems) }
        do {
            let formatted = try citeproc.format(citations.map(\.source))
            for (citation, text) in zip(citations, formatted.citations) { works.texts[citation.location] = text }
            works.references = formatted.references
        } catch {
            problems.append(.error(at: bibliography.location, error.message))
        }
        return (works, problems)
    }

    /// The CSL style: a file of the project (a path, or a name ending in `.csl`), else a style of
    /// Debian's `citation-style-language-styles` by name; the APS style when none is named.
    private static func style(
        _ named: Located<String>?, loadFile: (String) throws -> Data, at fallback: SourceLocation
    ) throws -> (name: String, xml: Data) {
        let name = named?.value ?? Citeproc.defaultStyle
        let xml: Data
        if name.hasSuffix(".csl") || name.contains("/"), let named {
            xml = try read(named, loadFile)
        } else {
            let path = "\(Citeproc.debianStyles)/\(name).csl"
            guard let data = FileManager.default.contents(atPath: path) else {
                let installed = (try? FileManager.default.contentsOfDirectory(atPath: Citeproc.debianStyles)) ?? []
                let hint = installed.isEmpty
                    ? " (apt-get install citation-style-language-styles)"
                    : suggestion(for: name, among: installed.filter { $0.hasSuffix(".csl") }.map { String($0.dropLast(4)) })
                throw Diagnostic.error(at: named?.location ?? fallback, "no CSL style '\(name)' in \(Citeproc.debianStyles)\(hint)")
            }
            xml = data
        }
        if String(decoding: xml, as: UTF8.self).contains("rel=\"independent-parent\"") {
            throw Diagnostic.error(at: named?.location ?? fallback, "'\(name)' is a dependent CSL style (it names a parent style to download); name its parent, an independent style")
        }
        return (name, xml)
    }

    private static func read(_ path: Located<String>, _ loadFile: (String) throws -> Data) throws -> Data {
        do {
            return try loadFile(path.value)
        } catch var diagnostic as Diagnostic {
            diagnostic.location = path.location
            throw diagnostic
        } catch {
            throw Diagnostic.error(at: path.location, "cannot read '\(path.value)': \(error.localizedDescription)")
        }
    }
}
