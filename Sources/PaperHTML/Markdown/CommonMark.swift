import CCmark
import Foundation

/// The cmark-gfm parser and HTML renderer, configured once for the paper: GitHub tables, autolinks,
/// strikethrough, the tag filter and footnotes, in cmark's safe mode (raw HTML and `javascript:`
/// URLs are dropped; the writer's own markup enters the tree as custom nodes). The template's
/// outline is read by the same parser, so the engine and the HTML paper see the same blocks.
enum CommonMark {
    private static let extensionNames = ["table", "autolink", "strikethrough", "tagfilter"]
    private static let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8

    /// cmark-gfm's extension registry is a global without a lock: fill it once, thread-safely.
    private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Parses `markdown` and hands the tree's root (and the parser, for rendering) to `body`.
    static func parse<T>(_ markdown: String, _ body: (MarkdownNode, OpaquePointer) throws -> T) rethrows -> T? {
        _ = extensionsRegistered
        let parser = cmark_parser_new(options)
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        guard let parser, let root = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(root) }
        return try body(MarkdownNode(root), parser)
    }

    /// Parses `markdown`, lets `transform` rewrite the tree, and renders it as HTML.
    static func render(_ markdown: String, transform: (MarkdownNode) throws -> Void) rethrows -> String {
        try parse(markdown) { root, parser -> String in
            cmark_consolidate_text_nodes(root.raw)
            // An inline's text points into its paragraph's buffer until read once; reading copies
            // it, so that moving inlines out of a paragraph and freeing the paragraph leaves them intact.
            for node in root.descendants { _ = cmark_node_get_literal(node.raw) }
            try transform(root)
            guard let html = cmark_render_html(root.raw, options, cmark_parser_get_syntax_extensions(parser))
            else { return "" }
            defer { free(html) }
            return String(cString: html)
        } ?? ""
    }
}
