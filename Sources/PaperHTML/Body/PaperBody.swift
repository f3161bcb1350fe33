/// The paper's body as one document model, read by both writers: the Markdown paper
/// (`PaperBody.markdown`) and the HTML paper (`HTMLPaper.render`). Numbers and ids are given,
/// never recovered from the text: the two papers cannot disagree about "Section 2" or "Figure 1".
public struct PaperBody: Sendable, Equatable {
    public var blocks: [PaperBlock]

    public init(_ blocks: [PaperBlock]) {
        self.blocks = blocks
    }
}

public enum PaperBlock: Sendable, Equatable {
    /// GitHub-flavoured Markdown (prose, lists, code, math), copied into both papers as it is.
    case markdown(String)
    case heading(PaperHeading)
    case figure(PaperFigure)
    case table(PaperTable)
    /// The works cited, under their own heading, as the citation processor formatted them.
    case references([PaperReference])
}

/// A section heading with the number and id it has in both papers.
public struct PaperHeading: Sendable, Equatable {
    /// The Markdown level, 1 for `#`.
    public var level: Int
    /// 1 for the shallowest level the paper uses, 2 below it, ... (the table of contents' nesting).
    public var depth: Int
    /// "2", "2.1", ...; nil for an unnumbered heading.
    public var number: String?
    /// The anchor (`sec-method`); the HTML paper gives a heading without one an id of its own.
    public var id: String?
    /// The heading's text: one line of inline Markdown.
    public var text: String
    /// The Pandoc attribute block as written (`{#sec-x .unnumbered}`), kept in the Markdown paper.
    public var attributes: String?

    public init(level: Int, depth: Int, number: String?, id: String?, text: String, attributes: String? = nil) {
        self.level = level
        self.depth = depth
        self.number = number
        self.id = id
        self.text = text
        self.attributes = attributes
    }
}

/// A numbered figure: one image and its caption.
public struct PaperFigure: Sendable, Equatable {
    public var id: String
    public var number: Int
    /// Inline Markdown; may be empty.
    public var caption: String
    /// The image's path as the Markdown paper links it; the HTML paper looks its bytes up by it.
    public var image: String

    public init(id: String, number: Int, caption: String, image: String) {
        self.id = id
        self.number = number
        self.caption = caption
        self.image = image
    }

    /// "Figure 2".
    public var name: String { "Figure \(number)" }
}

/// A numbered table: a caption above a header row and rows of cells.
public struct PaperTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    public var id: String?
    public var number: Int
    /// Inline Markdown; may be empty.
    public var caption: String
    /// Column names and cells as inline Markdown (already escaped where they hold values).
    public var columns: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]

    public init(id: String?, number: Int, caption: String, columns: [String], alignments: [Alignment], rows: [[String]]) {
        self.id = id
        self.number = number
        self.caption = caption
        self.columns = columns
        self.alignments = alignments
        self.rows = rows
    }

    /// "Table 3".
    public var name: String { "Table \(number)" }

    /// The characters of the widest line a table may hold to fit an A4 page's text column at the
    /// printed table size (about 95 characters of 9.7 pt type in 16 cm, less the cell padding).
    static let pageWidth = 80

    /// The table's width in characters: the longest cell of each column (Markdown markup and
    /// escapes count, so this errs wide), plus two for the padding between columns.
    var printedWidth: Int {
        columns.indices.reduce(0) { total, c in
            total + 2 + ([columns[c]] + rows.compactMap { c < $0.count ? $0[c] : nil }).map(\.count).max()!
        }
    }
}

/// One entry of the reference list: the anchor the citations link to (`ref-kumar2023`), the
/// label of a numeric style (`\[1\]`) and the entry, both inline Markdown.
public struct PaperReference: Sendable, Equatable {
    public var id: String
    public var label: String?
    public var entry: String

    public init(id: String, label: String?, entry: String) {
        self.id = id
        self.label = label
        self.entry = entry
    }

    /// The entry as a paragraph, its anchor first.
    var paragraph: String {
        "<a id=\"\(id)\"></a>" + (label.map { $0 + " " } ?? "") + entry
    }
}
