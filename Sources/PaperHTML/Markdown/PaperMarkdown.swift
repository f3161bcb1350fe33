import CCmark

/// A piece of the paper's Markdown rendered to HTML, math restored.
struct RenderedMarkdown {
    var html: String
    var sections: [Section] = []
    var hasMath: Bool

    /// The paper's body: math protected, sections numbered, floats grouped, images inlined.
    static func body(_ markdown: String, title: String, images: [String: ImageAsset]) throws -> RenderedMarkdown {
        var sections: [Section] = []
        var rendered = try render(markdown) { document, math in
            sections = Sections.number(document, title: title).map { section in
                var section = section
                section.titleHTML = math.restore(in: section.titleHTML)
                return section
            }
            Floats.group(in: document)
            try Images.inline(in: document, images: images, math: math)
            Anchors.keep(in: document)
        }
        rendered.sections = sections
        return rendered
    }

    /// Markdown rendered as blocks (an abstract), images inlined.
    static func blocks(_ markdown: String, images: [String: ImageAsset]) throws -> RenderedMarkdown {
        try render(markdown) { document, math in try Images.inline(in: document, images: images, math: math) }
    }

    /// One paragraph of Markdown rendered without its `<p>` (a reference entry).
    static func inline(_ markdown: String) throws -> RenderedMarkdown {
        var rendered = try render(markdown) { document, math in
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

    private static func render(
        _ markdown: String, transform: (MarkdownNode, MathSpans) throws -> Void
    ) throws -> RenderedMarkdown {
        let math = MathSpans(protecting: markdown)
        let html = try CommonMark.render(math.markdown) { document in
            keepSourceInCode(document, math: math)
            try transform(document, math)
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
