/// The page's furniture, read by the caller (the CLI reads `templates/paper.mustache` and
/// `templates/paper.css`; `MathAssets.load` reads KaTeX).
public struct PaperAssets: Sendable, Equatable {
    /// A Mustache page template; see `templates/paper.mustache` for the names it may use.
    public var template: String
    /// CSS inlined into the page.
    public var stylesheet: String
    /// KaTeX, inlined only into pages that have math; without it math stays as TeX source.
    public var math: MathAssets?

    public init(template: String, stylesheet: String, math: MathAssets? = nil) {
        self.template = template
        self.stylesheet = stylesheet
        self.math = math
    }
}
