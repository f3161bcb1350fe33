import CCmark
import Foundation

/// A section heading of the paper, as listed in the table of contents.
struct Section: Equatable {
    var id: String
    /// "2", "2.1", ...; nil for an unnumbered heading.
    var number: String?
    /// 1 for a top-level section, 2 for a subsection, ...
    var depth: Int
    /// The heading's text, HTML-escaped, math restored.
    var titleHTML: String
}

/// Puts a heading block in place with the number and id the engine gave it. A heading without an
/// anchor gets `sec-` plus a slug of its text, unique in the paper.
enum Sections {
    /// Replaces `node`, the heading read from `heading`'s text, with `<hN id>` and its number.
    static func place(_ heading: PaperHeading, at node: MarkdownNode, id: String, math: MathSpans) -> Section {
        let section = Section(
            id: id, number: heading.number, depth: heading.depth,
            titleHTML: math.restore(in: node.plainText.trimmed.htmlEscaped))
        let level = heading.level
        let label = section.number.map { "<span class=\"section-number\">\($0)</span> " } ?? ""
        let block = MarkdownNode.custom(
            block: true, open: "<h\(level) id=\"\(section.id.htmlEscaped)\">\(label)", close: "</h\(level)>")
        block.adoptChildren(of: node)
        node.replace(with: block)
        return section
    }

    /// `sec-` and a slug of `text`, made unique among `used` (which it joins).
    static func uniqueID(for text: String, among used: inout Set<String>) -> String {
        let id = "sec-" + slug(text)
        var candidate = id
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(id)-\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Lowercase letters and digits of `text`, words joined by hyphens.
    static func slug(_ text: String) -> String {
        let words = MathSpans.removingPlaceholders(from: text).lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? "section" : words.joined(separator: "-")
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
