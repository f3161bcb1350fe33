import CCmark

/// A piece of the paper rendered to HTML, math restored.
struct RenderedMarkdown {
    var html: String
    var sections: [Section] = []
    var hasMath: Bool

    /// The paper's body: its blocks parsed as one Markdown document (so footnotes and link
    /// definitions reach across blocks), then each heading, figure and table block put in place
    /// with the number and id it was given; images inlined.
    static func body(_ body: PaperBody, images: [String: ImageAsset]) throws -> RenderedMarkdown {
        let math = MathSpans(protectingEach: body.blocks.map(\.htmlSource))
        // Blocks are separated by one blank line: block i starts on line starts[i].
        var starts: [Int] = []
        var line = 1
        for piece in math.pieces {
            starts.append(line)
            line += piece.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 2
        }
        var sections: [Section] = []
        var rendered = try render(math) { document in
            let topLevel = document.children
            func node(startingOn line: Int) -> MarkdownNode? {
                topLevel.first { cmark_node_get_start_line($0.raw) == Int32(line) }
            }
            var usedIDs = Set(body.blocks.compactMap { block -> String? in
                if case .heading(let heading) = block { return heading.id }
                return nil
            })
            for (block, start) in zip(body.blocks, starts) {
                switch block {
                case .markdown:
                    continue
                case .heading(let heading):
                    guard let node = node(startingOn: start), node.type == CMARK_NODE_HEADING else { continue }
                    let id = heading.id ?? Sections.uniqueID(for: node.plainText, among: &usedIDs)
                    sections.append(Sections.place(heading, at: node, id: id, math: math))
                case .figure(let figure):
                    guard let asset = images[figure.image] else { throw HTMLPaperError.missingImage(figure.image) }
                    guard let caption = node(startingOn: start) else { continue }
                    Floats.place(figure, image: asset, caption: caption)
                case .table(let table):
                    guard let caption = node(startingOn: start), let grid = MarkdownNode(next: caption),
                          grid.typeName == "table" else { continue }
                    Floats.place(table, caption: caption, grid: grid)
                case .references(let entries):
                    guard let first = node(startingOn: start) else { continue }
                    Floats.place(entries, first: first)
                }
            }
            try Images.inline(in: document, images: images, math: math)
            Anchors.keep(in: document)
        }
        rendered.sections = sections
        return rendered
    }

    /// Markdown rendered as blocks (an abstract), images inlined.
    static func blocks(_ markdown: String, images: [String: ImageAsset]) throws -> RenderedMarkdown {
        let math = MathSpans(protecting: markdown)
        return try render(math) { document in try Images.inline(in: document, images: images, math: math) }
    }

    /// One paragraph of Markdown rendered without its `<p>` (a reference entry).
    static func inline(_ markdown: String) throws -> RenderedMarkdown {
        let math = MathSpans(protecting: markdown)
        var rendered = try render(math) { document in
            try Images.inline(in: document, images: [:], math: math)
            let children = document.children
            guard children.count == 1, let paragraph = children.first, paragraph.type == CMARK_NODE_PARAGRAPH
            else { return }
            let bare = MarkdownNode.custom(block: true, open: "")
            bare.adoptChildren(of: paragraph)
            paragraph.replace(with: bare)
        }
        rendered.html = rendered.html.trimmed
        return rendered
    }

    private static func render(_ math: MathSpans, transform: (MarkdownNode) throws -> Void) throws -> RenderedMarkdown {
        let html = try CommonMark.render(math.markdown) { document in
            keepSourceInCode(document, math: math)
            try transform(document)
        }
        return RenderedMarkdown(html: math.restore(in: html), hasMath: html.unicodeScalars.contains("\u{E000}"))
    }

    /// Code shows TeX as written: math found in code the scanner cannot tell from prose (an
    /// indented code block) goes back to its source before rendering.
    private static func keepSourceInCode(_ document: MarkdownNode, math: MathSpans) {
        for node in document.descendants where node.type == CMARK_NODE_CODE || node.type == CMARK_NODE_CODE_BLOCK {
            if let literal = node.literal { node.setLiteral(math.source(of: literal)) }
        }
    }
}

extension PaperBlock {
    /// The Markdown the HTML paper parses for this block: a heading without its attribute block,
    /// a figure's or table's caption line ("Figure 2: caption") as a paragraph, a table's cells
    /// as a pipe table, reference entries as paragraphs; the writer then replaces them with their markup.
    var htmlSource: String {
        switch self {
        case .markdown(let text): return text
        case .heading(let heading): return heading.atxLine
        case .figure(let figure): return captionLine(figure.name, figure.caption)
        case .table(let table): return captionLine(table.name, table.caption) + "\n\n" + table.pipeTable
        case .references: return markdown
        }
    }
}
