import CCmark

/// Replaces every image of the paper by an `<img>` whose source is a `data:` URI of its bytes.
enum Images {
    /// - Throws: `HTMLPaperError.missingImage` for an image path not in `images`.
    static func inline(in document: MarkdownNode, images: [String: ImageAsset], math: MathSpans) throws {
        for image in document.descendants where image.type == CMARK_NODE_IMAGE {
            guard let asset = images[image.url] else { throw HTMLPaperError.missingImage(image.url) }
            image.replace(with: element(asset, alt: math.source(of: image.plainText)))
        }
    }

    /// `<img>` showing `asset`, with `alt` as its text.
    static func element(_ asset: ImageAsset, alt: String) -> MarkdownNode {
        .custom(block: false, open: "<img src=\"\(asset.dataURI)\" alt=\"\(alt.htmlEscaped)\">")
    }
}
