import Mustache

/// Writes the paper's body as one self-contained HTML page.
public enum HTMLPaper {
    /// The paper as HTML: `body`'s Markdown (GitHub-flavoured, with `$`/`$$` math) rendered by
    /// cmark-gfm into `assets.template`, its headings with the numbers and ids they were given and
    /// a table of contents, its figures and tables as `<figure>`s with their captions, every image
    /// inlined as a `data:` URI, the stylesheet (and KaTeX, only if the paper has math) inlined,
    /// and a Content-Security-Policy that forbids every network request.
    ///
    /// - Parameter images: each image path exactly as the body names it, to its bytes.
    /// - Throws: `HTMLPaperError.missingImage` for an image not in `images`,
    ///   `.invalidTemplate` if `assets.template` is not valid Mustache.
    public static func render(
        body: PaperBody, metadata: PaperMetadata, images: [String: ImageAsset], assets: PaperAssets
    ) throws -> String {
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: assets.template) } catch {
            throw HTMLPaperError.invalidTemplate(String(describing: error))
        }
        let body = try RenderedMarkdown.body(body, images: images)
        let abstract = try metadata.abstract.map { try RenderedMarkdown.blocks($0, images: images) }
        let hasMath = ([body] + [abstract].compactMap { $0 }).contains(where: \.hasMath)
        let math = hasMath ? assets.math.map(PageContext.Math.init) : nil
        let context = PageContext(
            title: metadata.title,
            authors: metadata.authors,
            date: metadata.date,
            abstract: abstract?.html,
            keywords: metadata.keywords.isEmpty ? nil : metadata.keywords.joined(separator: ", "),
            contents: metadata.contents ? body.sections.map {
                .init(id: $0.id, number: $0.number, title: $0.titleHTML, depth: $0.depth)
            } : [],
            body: body.html,
            stylesheet: assets.stylesheet,
            paperSize: metadata.paperSize.rawValue,
            contentSecurityPolicy: PageContext.contentSecurityPolicy(allowingScripts: math != nil),
            math: math)
        return template.render(context)
    }
}
