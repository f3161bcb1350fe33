import CCmark

/// A borrowed handle on one node of a cmark tree, valid inside `CommonMark.render`'s transform.
struct MarkdownNode: Equatable {
    let raw: OpaquePointer

    init(_ raw: OpaquePointer) { self.raw = raw }

    /// The sibling after `node`, if any.
    init?(next node: MarkdownNode) {
        guard let raw = cmark_node_next(node.raw) else { return nil }
        self.raw = raw
    }

    /// A new node whose HTML is `open`, then its children, then `close` (cmark's custom nodes:
    /// the one way to add trusted markup to a tree rendered in safe mode).
    static func custom(block: Bool, open: String, close: String = "") -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE))
        cmark_node_set_on_enter(node.raw, open)
        cmark_node_set_on_exit(node.raw, close)
        return node
    }

    var type: cmark_node_type { cmark_node_get_type(raw) }
    /// cmark's name for the type; extension nodes such as `table` are known only by it.
    var typeName: String { String(cString: cmark_node_get_type_string(raw)) }
    var literal: String? { cmark_node_get_literal(raw).map { String(cString: $0) } }
    var url: String { cmark_node_get_url(raw).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(raw)) }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(raw)
        while let node = child {
            result.append(MarkdownNode(node))
            child = cmark_node_next(node)
        }
        return result
    }

    /// This node and all its descendants, in document order.
    var descendants: [MarkdownNode] { [self] + children.flatMap(\.descendants) }

    /// The text a reader sees: literals of text and code, spaces for line breaks.
    var plainText: String {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE: return literal ?? ""
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return " "
        default: return children.map(\.plainText).joined()
        }
    }

    func setLiteral(_ text: String) { cmark_node_set_literal(raw, text) }
    func append(_ child: MarkdownNode) { cmark_node_append_child(raw, child.raw) }
    func insertBefore(_ sibling: MarkdownNode) { cmark_node_insert_before(raw, sibling.raw) }

    /// Moves every child of `other` to the end of this node.
    func adoptChildren(of other: MarkdownNode) { other.children.forEach(append) }

    /// Puts `replacement` where this node is and frees this node.
    func replace(with replacement: MarkdownNode) {
        cmark_node_insert_before(raw, replacement.raw)
        remove()
    }

    /// Unlinks this node from the tree and frees it with its remaining children.
    func remove() {
        cmark_node_unlink(raw)
        cmark_node_free(raw)
    }
}
