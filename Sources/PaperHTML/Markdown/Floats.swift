import CCmark

/// Puts figure and table blocks in place as `<figure class="figure|table" id>`, holding the image
/// or table and a `<figcaption>` whose label ("Figure 2:") is set apart. Table captions go above
/// their tables, figure captions below their images. The reference list is one `<div>`.
enum Floats {
    /// Replaces `caption`, the paragraph read from the figure's caption line, with the figure.
    static func place(_ figure: PaperFigure, image: ImageAsset, caption: MarkdownNode) {
        let float = MarkdownNode.custom(
            block: true, open: "<figure class=\"figure\" id=\"\(figure.id.htmlEscaped)\">", close: "</figure>")
        caption.insertBefore(float)
        float.append(Images.element(image, alt: figure.name))
        float.append(figcaption(captionLabel(figure.name, figure.caption), from: caption))
        caption.remove()
    }

    /// Groups `caption`, the paragraph read from the table's caption line, and `grid`, the table
    /// read from its cells, into one figure; a table wider than a printed page's column is marked
    /// `wide` (the print stylesheet sets it smaller).
    static func place(_ table: PaperTable, caption: MarkdownNode, grid: MarkdownNode) {
        let id = table.id.map { " id=\"\($0.htmlEscaped)\"" } ?? ""
        let kind = table.printedWidth > PaperTable.pageWidth ? "table wide" : "table"
        let float = MarkdownNode.custom(block: true, open: "<figure class=\"\(kind)\"\(id)>", close: "</figure>")
        caption.insertBefore(float)
        float.append(figcaption(captionLabel(table.name, table.caption), from: caption))
        float.append(grid)
        caption.remove()
    }

    /// Groups the paragraphs of the reference list, from `first` on, into `<div class="references">`.
    static func place(_ entries: [PaperReference], first: MarkdownNode) {
        let list = MarkdownNode.custom(block: true, open: "<div class=\"references\">", close: "</div>")
        first.insertBefore(list)
        var next: MarkdownNode? = first
        for _ in entries {
            guard let paragraph = next else { break }
            next = MarkdownNode(next: paragraph)
            list.append(paragraph)
        }
    }

    /// A `<figcaption>` holding the paragraph's inlines, the label it starts with in its own span.
    private static func figcaption(_ label: String, from paragraph: MarkdownNode) -> MarkdownNode {
        let caption = MarkdownNode.custom(block: false, open: "\n<figcaption>", close: "</figcaption>")
        if let first = paragraph.children.first, first.type == CMARK_NODE_TEXT, let text = first.literal,
           text.hasPrefix(label) {
            first.setLiteral(String(text.dropFirst(label.count)))
        }
        caption.append(.custom(block: false, open: "<span class=\"caption-label\">\(label.htmlEscaped)</span>"))
        caption.adoptChildren(of: paragraph)
        return caption
    }
}
