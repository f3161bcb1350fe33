import Figures
import PaperHTML

/// The filled paper: its body as one document model (Markdown with every number in, numbered
/// headings, figures and tables), the figures to draw, and the record of every value filled in,
/// every table cell printed and every check made (for the lock file). Both papers are written from it.
public struct Document: Sendable {
    /// Title, authors, abstract and keywords from the front matter.
    public var title: String?
    public var authors: [String]
    public var abstract: String?
    public var keywords: [String] = []
    /// The paper's body, read by both writers.
    public var body: PaperBody
    public var figures: [FigureRequest]
    public var filled: [FilledValue]
    public var tables: [FilledTable]
    public var checks: [CheckOutcome]

    /// The Markdown paper: a title block, then the body.
    public var markdown: String {
        var head: [String] = []
        if let title { head.append("# \(MarkdownText.escape(title))") }
        if !authors.isEmpty { head.append(authors.map(MarkdownText.escape).joined(separator: ", ")) }
        // The abstract is the author's Markdown (it may hold math), like the body.
        if let abstract { head.append("**Abstract.** \(abstract)") }
        if !keywords.isEmpty { head.append("**Keywords:** " + keywords.map(MarkdownText.escape).joined(separator: ", ")) }
        let top = head.isEmpty ? "" : head.joined(separator: "\n\n") + "\n\n"
        return top + body.markdown + "\n"
    }
}

/// A figure placed in the paper: what to draw and where its files go.
public struct FigureRequest: Sendable {
    /// What a figure shows: a figure the build draws (SVG, PNG and PDF), or an image a program
    /// wrote, placed as it is in its own format.
    public enum Artwork: Sendable {
        case drawn(Figure)
        case image(Image)
    }

    /// File name without extension: the label, or `figure-N`.
    public var stem: String
    public var number: Int
    public var artwork: Artwork
    public var location: SourceLocation

    /// The figure file the Markdown paper links: the PNG of a drawn figure, an image's own file.
    public var linkedFile: String {
        switch artwork {
        case .drawn: return stem + ".png"
        case .image(let image): return stem + "." + image.format.rawValue
        }
    }
}

/// One value written into the paper, as the lock file records it.
public struct FilledValue: Codable, Sendable, Equatable {
    public var at: String
    public var expression: String
    public var text: String
    public var value: Value
}

/// A table placed in the paper: every cell as printed and as computed, as the lock file records it.
public struct FilledTable: Codable, Sendable, Equatable {
    public struct Cell: Codable, Sendable, Equatable {
        public var text: String
        public var value: Value
    }

    public var at: String
    /// "Table 2".
    public var table: String
    public var label: String?
    public var columns: [String]
    public var rows: [[Cell]]

    /// "Table 2 (tbl-index)", as drifts name it.
    public var name: String { label.map { "\(table) (\($0))" } ?? table }
}

/// The outcome of one claim of a `check` block, and what it compared: the paper prints the claim
/// with these values (`census2.distinct == index.minima[2]: 56 = 56`), the lock file records them.
public struct CheckOutcome: Codable, Sendable, Equatable {
    public var at: String
    public var claim: String
    public var holds: Bool
    /// The claim's terms in reading order: each comparison, each other truth value.
    public var compared: [ComparedTerm]
    /// The statistical tests the claim used, each with its statistic and p-value (nil: none).
    public var tests: [String]? = nil

    /// The compared values as printed: "56 = 56", terms joined by "; ".
    public var shown: String { compared.map(\.text).joined(separator: "; ") }
}

/// One term of a claim: its expression, the values it compared (the two sides of a comparison, or
/// the one value of any other term) and how the paper prints them.
public struct ComparedTerm: Codable, Sendable, Equatable {
    public var expression: String
    public var values: [Value]
    public var text: String

    public init(expression: String, values: [Value], text: String) {
        self.expression = expression
        self.values = values
        self.text = text
    }
}

/// Escaping of text inserted into Markdown, so that a value is always shown as text and never
/// read as markup (`<script>` stays visible text in both papers).
public enum MarkdownText {
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "$", "~", "!", "{", "}":
                out += "\\" + String(c)
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
