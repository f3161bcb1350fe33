/// Section numbers as both papers show them: numbering starts at the shallowest heading level
/// used (so `#` sections and `##` sections under a `#` title both count 1, 1.1, ...), a first `#`
/// heading that repeats the title is the title, and `{-}` / `{.unnumbered}` headings get none.
enum SectionNumbering {
    /// The number of each heading ("2.1"), by block index; nil for unnumbered headings.
    static func numbers(_ template: Template) -> [Int: String] {
        var headings = template.blocks.enumerated().compactMap { index, block -> (Int, Heading)? in
            if case .heading(let heading) = block { return (index, heading) }
            return nil
        }
        if let (index, first) = headings.first, first.level == 1, index == firstContentIndex(template),
           plainText(first.text) == template.frontMatter.title?.trimming(" \t") {
            headings.removeFirst()
        }
        guard let top = headings.map(\.1.level).min() else { return [:] }
        var counters: [Int] = []
        var numbers: [Int: String] = [:]
        for (index, heading) in headings where heading.numbered {
            let depth = heading.level - top + 1
            counters = Array(counters.prefix(depth)) + Array(repeating: 0, count: max(0, depth - counters.count))
            counters[depth - 1] += 1
            numbers[index] = counters.prefix(depth).map(String.init).joined(separator: ".")
        }
        return numbers
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
