/// Every number the two papers show, given once from the template: sections numbered from the
/// shallowest heading level used (so `#` sections and `##` sections under a `#` title both count
/// 1, 1.1, ...), with a first `#` heading that repeats the title taken as the title and `{-}` /
/// `{.unnumbered}` headings left without a number; figures, tables and labelled display equations
/// (`$$ ... $$ {#eq-x}`) in order of appearance; the reference list a section after the last.
/// Both papers print these numbers, so "Section 2" in the prose is the section the HTML numbers 2.
/// They come from the template alone, before any directive is checked, so that a broken figure
/// or table does not also break every reference to it.
struct Numbering: Sendable {
    /// Each section heading's number and depth, by the index of its block in `template.blocks`.
    var sections: [Int: SectionNumber] = [:]
    /// The block index of a first `#` heading that repeats the title: the title, not a section.
    var title: Int?
    /// Figure and table numbers by block index.
    var figures: [Int: Int] = [:]
    var tables: [Int: Int] = [:]
    /// Equation numbers by label.
    var equations: [String: Int] = [:]
    /// Cross-reference targets by label: "Section 2", "Figure 1", "Table 3", "Eq. (4)".
    var references: [String: String] = [:]
    /// The reference list's heading, after the last section: at the level of the top sections
    /// (`##` in a paper without headings), never numbered (a journal's references are no section).
    var referenceList = (level: 2, section: SectionNumber(depth: 1, number: nil))

    init(_ template: Template) {
        var headings: [(index: Int, heading: Heading)] = []
        for (index, block) in template.blocks.enumerated() {
            switch block {
            case .heading(let heading):
                headings.append((index, heading))
            case .prose(let prose):
                for case .equationLabel(let label) in prose.segments where equations[label.label] == nil {
                    equations[label.label] = equations.count + 1
                    references[label.label] = "Eq. (\(equations.count))"
                }
            case .directive(let call) where call.kind == "figure":
                figures[index] = figures.count + 1
                if let label = call.label { references[label] = "Figure \(figures.count)" }
            case .directive(let call) where call.kind == "table":
                tables[index] = tables.count + 1
                if let label = call.label { references[label] = "Table \(tables.count)" }
            default:
                break
            }
        }
        if let (index, first) = headings.first, first.level == 1, index == Self.firstContentIndex(template),
           Self.plainText(first.text) == template.frontMatter.title?.trimming(" \t") {
            title = index
            headings.removeFirst()
            if let anchor = first.anchor { references[anchor] = "Section" }
        }
        guard let top = headings.map(\.heading.level).min() else { return }
        var counters: [Int] = []
        for (index, heading) in headings {
            let depth = heading.level - top + 1
            var number: String?
            if heading.numbered {
                counters = Array(counters.prefix(depth)) + Array(repeating: 0, count: max(0, depth - counters.count))
                counters[depth - 1] += 1
                number = counters.prefix(depth).map(String.init).joined(separator: ".")
            }
            sections[index] = SectionNumber(depth: depth, number: number)
            if let anchor = heading.anchor { references[anchor] = number.map { "Section \($0)" } ?? "Section" }
        }
        referenceList = (top, SectionNumber(depth: 1, number: nil))
    }

    /// The first block that is not blank prose.
    private static func firstContentIndex(_ template: Template) -> Int? {
        template.blocks.firstIndex { block in
            if case .prose(let prose) = block { return !plainText(prose).isEmpty }
            return true
        }
    }

    private static func plainText(_ prose: Prose) -> String {
        prose.segments.map { if case .text(let t) = $0 { return t } else { return "" } }.joined().trimming(" \t\n")
    }
}

/// A section heading's place in the paper.
struct SectionNumber: Sendable {
    /// 1 for the shallowest heading level used, 2 below it, ...
    var depth: Int
    /// "2.1"; nil for an unnumbered heading.
    var number: String?
}
