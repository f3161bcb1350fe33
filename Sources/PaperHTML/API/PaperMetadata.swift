/// What the page prints around the paper's body.
public struct PaperMetadata: Sendable, Equatable {
    /// Plain text; also the page's `<title>`.
    public var title: String
    public var authors: [String]
    /// Markdown (math and images allowed), printed above the table of contents.
    public var abstract: String?
    /// Printed after the abstract.
    public var keywords: [String]
    public var date: String?
    /// Whether the page lists the sections before the body.
    public var contents: Bool
    /// The printed page: the print stylesheet's page size (`<body class="paper-letter">`).
    public var paperSize: PaperSize

    public init(
        title: String, authors: [String] = [], abstract: String? = nil, keywords: [String] = [], date: String? = nil,
        contents: Bool = true, paperSize: PaperSize = .a4
    ) {
        self.keywords = keywords
        self.contents = contents
        self.title = title
        self.authors = authors
        self.abstract = abstract
        self.date = date
        self.paperSize = paperSize
    }
}

/// The size of a printed page.
public enum PaperSize: String, Sendable, CaseIterable {
    case a4, letter
}
