import CCmark

/// Groups each figure and captioned table with its anchor and caption into a `<figure>`.
///
/// The engine writes a figure as an anchor, an image and an italic caption, on consecutive lines
/// or in consecutive paragraphs:
///
///     <a id="fig-x"></a>
///     ![Figure 2](../figures/bps/fig-x.png)
///     *Figure 2: caption text*
///
/// and a table as an anchor, then a GFM table with an italic caption line before or after it.
/// The result is `<figure id="fig-x" class="figure">` holding the image and a `<figcaption>` whose
/// leading label ("Figure 2:") is set apart; table captions are placed above their tables.
enum Floats {
    static func group(in document: MarkdownNode) {
        let blocks = document.children
        var index = 0
        while index < blocks.count {
            let longest = (1...min(3, blocks.count - index)).reversed().lazy.compactMap { count in
                FloatParts(blocks: blocks[index..<index + count]).map { (count, $0) }
            }.first
            guard let (count, parts) = longest else {
                index += 1
                continue
            }
            wrap(blocks[index..<index + count], parts)
            index += count
        }
    }

    private static func wrap(_ blocks: ArraySlice<MarkdownNode>, _ parts: FloatParts) {
        let kind = parts.content.type == CMARK_NODE_IMAGE ? "figure" : "table"
        let id = parts.anchorID.map { " id=\"\($0.htmlEscaped)\"" } ?? ""
        let figure = MarkdownNode.custom(block: true, open: "<figure class=\"\(kind)\"\(id)>", close: "</figure>")
        blocks.first?.insertBefore(figure)
        let caption = parts.caption.map(figcaption)
        if kind == "table", let caption { figure.append(caption) }
        figure.append(parts.content)
        if kind == "figure", let caption { figure.append(caption) }
        for block in blocks where block != parts.content { block.remove() }
    }

    /// A `<figcaption>` holding the caption's inlines, its "Figure 2:" label in its own span.
    private static func figcaption(_ emphasis: MarkdownNode) -> MarkdownNode {
        let caption = MarkdownNode.custom(block: false, open: "\n<figcaption>", close: "</figcaption>")
        if let first = emphasis.children.first, first.type == CMARK_NODE_TEXT, let text = first.literal,
           let colon = text.firstIndex(of: ":"),
           text.hasPrefix("Figure") || text.hasPrefix("Table") {
            let label = text[...colon]
            first.setLiteral(String(text[text.index(after: colon)...]))
            caption.append(.custom(block: false, open: "<span class=\"caption-label\">\(label.htmlEscaped)</span>"))
        }
        caption.adoptChildren(of: emphasis)
        return caption
    }
}

/// The pieces of one float found in consecutive blocks: `anchor? image caption?` or
/// `anchor? caption? table caption?` (one caption at most), nothing else in those blocks.
private struct FloatParts {
    var anchorID: String?
    var content: MarkdownNode
    var caption: MarkdownNode?

    init?(blocks: ArraySlice<MarkdownNode>) {
        var anchorID: String?
        var content: MarkdownNode?
        var caption: MarkdownNode?
        for block in blocks {
            guard let pieces = Self.pieces(of: block) else { return nil }
            for piece in pieces {
                switch piece {
                case .anchor(let id):
                    guard anchorID == nil, content == nil, caption == nil else { return nil }
                    anchorID = id
                case .content(let node):
                    guard content == nil, node.type != CMARK_NODE_IMAGE || caption == nil else { return nil }
                    content = node
                case .caption(let node):
                    guard caption == nil else { return nil }
                    caption = node
                }
            }
        }
        guard let content, content.type == CMARK_NODE_IMAGE || anchorID != nil else { return nil }
        self.anchorID = anchorID
        self.content = content
        self.caption = caption
    }

    private enum Piece {
        case anchor(String)
        case content(MarkdownNode)
        case caption(MarkdownNode)
    }

    /// The float pieces making up `block`, or nil if it holds anything else.
    private static func pieces(of block: MarkdownNode) -> [Piece]? {
        if block.typeName == "table" { return [.content(block)] }
        guard block.type == CMARK_NODE_PARAGRAPH else { return nil }
        let inlines = block.children.filter { !$0.isBlankInline }
        var pieces: [Piece] = []
        var index = 0
        while index < inlines.count {
            let node = inlines[index]
            if let id = Anchors.id(at: node, closedBy: inlines.dropFirst(index + 1).first) {
                pieces.append(.anchor(id))
                index += 2
                continue
            }
            switch node.type {
            case CMARK_NODE_IMAGE: pieces.append(.content(node))
            case CMARK_NODE_EMPH: pieces.append(.caption(node))
            default: return nil
            }
            index += 1
        }
        return pieces
    }
}

private extension MarkdownNode {
    var isBlankInline: Bool {
        switch type {
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return true
        case CMARK_NODE_TEXT: return (literal ?? "").allSatisfy(\.isWhitespace)
        default: return false
        }
    }
}
