/// The Markdown paper: each block of the body as GitHub-flavoured Markdown, blocks separated by
/// one blank line. Figures, tables and reference entries keep an anchor (`<a id="fig-x"></a>`)
/// so that the paper's `[Figure 2](#fig-x)` and `[1](#ref-x)` links work wherever it is shown.
extension PaperBody {
    public var markdown: String {
        blocks.map(\.markdown).joined(separator: "\n\n")
    }
}

extension PaperBlock {
    public var markdown: String {
        switch self {
        case .markdown(let text):
            return text
        case .heading(let heading):
            return heading.atxLine + (heading.attributes.map { " " + $0 } ?? "")
        case .figure(let figure):
            return "<a id=\"\(figure.id)\"></a>\n\n![\(figure.name)](\(figure.image))\n\n"
                + emphasised(figure.name, figure.caption)
        case .table(let table):
            let anchor = table.id.map { "<a id=\"\($0)\"></a>\n\n" } ?? ""
            return anchor + emphasised(table.name, table.caption) + "\n\n" + table.pipeTable
        case .references(let entries):
            return entries.map(\.paragraph).joined(separator: "\n\n")
        }
    }

    /// `*Figure 2: caption*`, or `*Figure 2.*` without a caption.
    private func emphasised(_ name: String, _ caption: String) -> String {
        "*" + captionLine(name, caption) + "*"
    }
}

/// "Figure 2: caption", or "Figure 2." without a caption.
func captionLine(_ name: String, _ caption: String) -> String {
    caption.isEmpty ? captionLabel(name, caption) : captionLabel(name, caption) + " " + caption
}

/// The label a caption line starts with: "Figure 2:" before a caption, "Figure 2." alone.
func captionLabel(_ name: String, _ caption: String) -> String {
    caption.isEmpty ? name + "." : name + ":"
}

extension PaperHeading {
    /// `## text`, without the attribute block.
    var atxLine: String { String(repeating: "#", count: level) + " " + text }
}

extension PaperTable {
    /// The table as a GFM pipe table, numeric columns right-aligned.
    var pipeTable: String {
        let header = "| " + columns.joined(separator: " | ") + " |"
        let rule = "|" + alignments.map { $0 == .right ? "---:|" : ":---|" }.joined()
        let body = rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return ([header, rule] + body).joined(separator: "\n")
    }
}
