import CCmark

/// The blocks of a Markdown text that a literate template is built from, exactly as cmark-gfm
/// (with the HTML paper's extensions and options) reads them: headings at the top level, and
/// code blocks and HTML comment blocks at any depth (in list items and block quotes too). A fence
/// inside an HTML comment or an indented code block is text of that block, not a block of its own.
public enum MarkdownOutline {
    /// The outline of `markdown` and the raw HTML in it (which the papers leave out), each in
    /// document order, from one parse.
    public static func read(_ markdown: String) -> (blocks: [Block], rawHTML: [RawHTML]) {
        CommonMark.parse(markdown) { root, _ in
            let nodes = root.descendants
            return (nodes.compactMap(Block.init), nodes.compactMap(RawHTML.init))
        } ?? ([], [])
    }

    /// Raw HTML: an HTML block that is not a comment, or an inline tag other than an empty anchor
    /// `<a id="..."></a>` (which the HTML paper keeps). The papers leave it out.
    public struct RawHTML: Sendable, Equatable {
        public var markup: String
        /// 1-based line and byte column where it starts.
        public var line: Int
        public var column: Int
    }
}

extension MarkdownOutline.RawHTML {
    init?(_ node: MarkdownNode) {
        switch node.type {
        case CMARK_NODE_HTML_BLOCK where node.literal?.drop(while: { $0 == " " }).hasPrefix("<!--") == false:
            break
        case CMARK_NODE_HTML_INLINE:
            let previous = cmark_node_previous(node.raw).map(MarkdownNode.init)
            guard Anchors.id(at: node, closedBy: MarkdownNode(next: node)) == nil,
                  previous.flatMap({ Anchors.id(at: $0, closedBy: node) }) == nil else { return nil }
        default:
            return nil
        }
        self.init(markup: node.literal ?? "", line: Int(cmark_node_get_start_line(node.raw)), column: Int(cmark_node_get_start_column(node.raw)))
    }
}

extension MarkdownOutline {
    public struct Block: Sendable, Equatable {
        public var kind: Kind
        /// 1-based lines of the block's first and last line (for a fenced block, its fences; a
        /// setext heading's range may end on the line after its underline, as cmark reports it).
        public var startLine: Int
        public var endLine: Int
        /// The 1-based byte column where the block starts (a fence's first character).
        public var startColumn: Int
    }

    public enum Kind: Sendable, Equatable {
        /// An ATX or setext heading of the document's top level.
        case heading(level: Int)
        /// A fenced code block: its fence (```` ``` ````, `~~~~`) and its content, as CommonMark
        /// defines it (container prefixes and the fence's indentation removed).
        case fencedCode(fence: String, content: String)
        case indentedCode
        /// An HTML block that is a comment, `<!-- ... -->`.
        case htmlComment
    }
}

extension MarkdownOutline.Block {
    init?(_ node: MarkdownNode) {
        let kind: MarkdownOutline.Kind
        switch node.type {
        case CMARK_NODE_HEADING:
            guard let parent = cmark_node_parent(node.raw), cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT
            else { return nil }
            kind = .heading(level: node.headingLevel)
        case CMARK_NODE_CODE_BLOCK:
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            if cmark_node_get_fenced(node.raw, &length, &offset, &character) != 0 {
                let fence = String(repeating: Character(Unicode.Scalar(UInt8(bitPattern: character))), count: Int(length))
                kind = .fencedCode(fence: fence, content: node.literal ?? "")
            } else {
                kind = .indentedCode
            }
        case CMARK_NODE_HTML_BLOCK where node.literal?.drop(while: { $0 == " " }).hasPrefix("<!--") == true:
            kind = .htmlComment
        default:
            return nil
        }
        let startLine = Int(cmark_node_get_start_line(node.raw))
        var endLine = Int(cmark_node_get_end_line(node.raw))
        if kind == .indentedCode || kind == .htmlComment {
            // cmark reports where it closed these blocks (for indented code, past the blank lines
            // after it); their content holds exactly their lines.
            endLine = startLine + max(0, Self.lineCount(node.literal ?? "") - 1)
        }
        self.init(kind: kind, startLine: startLine, endLine: endLine, startColumn: Int(cmark_node_get_start_column(node.raw)))
    }

    private static func lineCount(_ text: String) -> Int {
        let newlines = text.utf8.filter { $0 == UInt8(ascii: "\n") }.count
        return text.hasSuffix("\n") ? newlines : newlines + 1
    }
}
