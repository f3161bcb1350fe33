/// Why a paper could not be written as HTML.
public enum HTMLPaperError: Error, Equatable, Sendable {
    /// The Markdown links an image whose path (exactly as written) has no `ImageAsset`.
    case missingImage(String)
    /// The page template is not valid Mustache.
    case invalidTemplate(String)
    /// A KaTeX file could not be read from the given path.
    case unreadableMathAsset(String)
}
