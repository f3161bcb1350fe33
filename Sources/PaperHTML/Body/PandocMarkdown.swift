/// The paper as Pandoc Markdown, for Pandoc's LaTeX writer (the arXiv source). Every number is the
/// paper's own: headings carry theirs in their text and are unnumbered for LaTeX; figures and
/// tables are captioned floats in the order the paper numbers them, so LaTeX's counters give the
/// numbers the prose refers to; each keeps its id as a hyperlink target, as do the reference
/// list's entries.
extension PaperBody {
    /// `figureFile` names the file the LaTeX source includes for a figure.
    public func pandocMarkdown(figureFile: (PaperFigure) -> String) -> String {
        blocks.map { block in
            switch block {
            case .markdown(let text):
                return text
            case .heading(let heading):
                let text = heading.number.map { $0 + " " + heading.text } ?? heading.text
                let id = heading.id.map { "#\($0) " } ?? ""
                return String(repeating: "#", count: heading.level) + " " + text + " {\(id).unnumbered}"
            case .figure(let figure):
                // An empty caption is a non-breaking space: without one there would be no float.
                let caption = figure.caption.isEmpty ? "\\ " : figure.caption
                return "![\(caption)](\(figureFile(figure))){#\(figure.id)}"
            case .table(let table):
                let anchor = table.id.map { "[]{#\($0)}\n\n" } ?? ""
                return anchor + table.pipeTable + "\n\n: " + (table.caption.isEmpty ? "\\ " : table.caption)
            case .references(let entries):
                return entries.map { "[]{#\($0.id)}" + ($0.label.map { $0 + " " } ?? "") + $0.entry }.joined(separator: "\n\n")
            }
        }.joined(separator: "\n\n") + "\n"
    }
}
