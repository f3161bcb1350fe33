import Figures
import PaperHTML

/// The filled paper: its body as one document model (Markdown with every number in, numbered
/// headings, figures and tables), the figures to draw, and the record of every value filled in and
/// every check made (for the lock file). Both papers are written from it.
public struct Document: Sendable {
    /// Title, authors and abstract from the front matter.
    public var title: String?
    public var authors: [String]
    public var abstract: String?
    /// The paper's body, read by both writers.
    public var body: PaperBody
    public var figures: [FigureRequest]
    public var filled: [FilledValue]
    public var checks: [CheckOutcome]

    /// The Markdown paper: a title block, then the body.
    public var markdown: String {
        var head: [String] = []
        if let title { head.append("# \(MarkdownText.escape(title))") }
        if !authors.isEmpty { head.append(authors.map(MarkdownText.escape).joined(separator: ", ")) }
        // The abstract is the author's Markdown (it may hold math), like the body.
        if let abstract { head.append("**Abstract.** \(abstract)") }
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

/// The outcome of one claim of a `check` block.
public struct CheckOutcome: Codable, Sendable, Equatable {
    public var at: String
    public var claim: String
    public var holds: Bool
    /// The statistical tests the claim used, each with its statistic and p-value (nil: none).
    public var tests: [String]? = nil
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
