import CCmark
import Foundation

/// A numbered (or unnumbered) section heading of the paper, as listed in the table of contents.
struct Section: Equatable {
    var id: String
    /// "2", "2.1", ...; nil for a heading marked `{-}` or `{.unnumbered}`.
    var number: String?
    /// 1 for a top-level section, 2 for a subsection, ...
    var depth: Int
    /// The heading's text, HTML-escaped (math still as placeholders).
    var titleHTML: String
}

/// Gives the paper's top-level headings ids and section numbers.
///
/// A Pandoc attribute block ending a heading, `## Method {#sec-method}`, sets its id (`{-}` or
/// `{.unnumbered}` leaves it unnumbered); other headings get `sec-` plus a slug of their text.
/// Numbering starts at the shallowest heading level used, so papers written with `#` sections and
/// papers written with `##` sections (under a `#` title) both number 1, 1.1, ...; a first `#`
/// heading that repeats the paper's title is dropped, since the page prints the title itself.
enum Sections {
    static func number(_ document: MarkdownNode, title: String) -> [Section] {
        var headings = document.children.filter { $0.type == CMARK_NODE_HEADING }
        if let first = document.children.first, first == headings.first, first.headingLevel == 1,
           first.plainText.trimmed == title.trimmed {
            first.remove()
            headings.removeFirst()
        }
        guard let top = headings.map(\.headingLevel).min() else { return [] }
        var counters: [Int] = []
        var usedIDs: Set<String> = []
        return headings.map { heading in
            let attributes = HeadingAttributes.strip(from: heading)
            let depth = heading.headingLevel - top + 1
            var number: String?
            if attributes.numbered {
                counters = Array(counters.prefix(depth)) + Array(repeating: 0, count: max(0, depth - counters.count))
                counters[depth - 1] += 1
                number = counters.prefix(depth).map(String.init).joined(separator: ".")
            }
            let id = unique(attributes.id ?? "sec-" + slug(heading.plainText), in: &usedIDs)
            let section = Section(id: id, number: number, depth: depth, titleHTML: heading.plainText.trimmed.htmlEscaped)
            replace(heading, with: section)
            return section
        }
    }

    private static func replace(_ heading: MarkdownNode, with section: Section) {
        let level = heading.headingLevel
        let label = section.number.map { "<span class=\"section-number\">\($0)</span> " } ?? ""
        let block = MarkdownNode.custom(
            block: true, open: "<h\(level) id=\"\(section.id.htmlEscaped)\">\(label)", close: "</h\(level)>")
        block.adoptChildren(of: heading)
        heading.replace(with: block)
    }

    /// Lowercase letters and digits of `text`, words joined by hyphens.
    static func slug(_ text: String) -> String {
        let words = MathSpans.removingPlaceholders(from: text).lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? "section" : words.joined(separator: "-")
    }

    private static func unique(_ id: String, in used: inout Set<String>) -> String {
        var candidate = id
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(id)-\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }
}

/// The Pandoc attribute block `{#id .class -}` at the end of a heading's text.
struct HeadingAttributes: Equatable {
    var id: String?
    var numbered = true

    /// Reads the attribute block ending `heading` and removes it from the heading's text.
    static func strip(from heading: MarkdownNode) -> HeadingAttributes {
        guard let last = heading.children.last, last.type == CMARK_NODE_TEXT, let text = last.literal,
              let (attributes, rest) = parse(text)
        else { return HeadingAttributes() }
        last.setLiteral(rest)
        return attributes
    }

    /// The attributes and the text before them, if `text` ends in a well-formed attribute block.
    static func parse(_ text: String) -> (HeadingAttributes, String)? {
        let trimmed = text.trimmed
        guard trimmed.hasSuffix("}"), let open = trimmed.lastIndex(of: "{") else { return nil }
        var attributes = HeadingAttributes()
        for token in trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .split(separator: " ") {
            switch token.first {
            case "#" where token.count > 1: attributes.id = String(token.dropFirst())
            case "-" where token == "-", "." where token == ".unnumbered": attributes.numbered = false
            case ".": continue
            default: return nil
            }
        }
        return (attributes, String(trimmed[..<open]).trimmed)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
