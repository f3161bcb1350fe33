import CCmark

/// Empty anchors `<a id="eq-1"></a>` written in the paper's Markdown. cmark's safe mode would drop
/// them as raw HTML, so they are recognised and re-added as trusted markup.
enum Anchors {
    /// The id of the anchor whose opening tag is `node`, if `node` is `<a id="...">` followed by `</a>`.
    static func id(at node: MarkdownNode, closedBy next: MarkdownNode?) -> String? {
        guard node.type == CMARK_NODE_HTML_INLINE, let next, next.type == CMARK_NODE_HTML_INLINE,
              next.literal == "</a>", let tag = node.literal,
              tag.hasPrefix("<a id=\""), tag.hasSuffix("\">")
        else { return nil }
        let id = tag.dropFirst("<a id=\"".count).dropLast(2)
        return id.isEmpty || id.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" }) ? nil : String(id)
    }

    /// Replaces every anchor pair left in `document` with the same anchor as trusted markup.
    static func keep(in document: MarkdownNode) {
        let anchors = document.descendants.compactMap { node -> (MarkdownNode, MarkdownNode, String)? in
            guard let next = MarkdownNode(next: node), let id = id(at: node, closedBy: next) else { return nil }
            return (node, next, id)
        }
        for (open, close, id) in anchors {
            close.remove()
            open.replace(with: .custom(block: false, open: "<a id=\"\(id.htmlEscaped)\"></a>"))
        }
    }
}
