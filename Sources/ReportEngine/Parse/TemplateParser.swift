import Foundation
import PaperHTML

/// Reads a template: YAML front matter, then a Markdown body read once by cmark-gfm (the parser
/// the HTML paper uses), in which fenced code blocks whose info string starts with `{` are
/// directives, at any depth. Errors do not stop the reading: every problem found is returned, with
/// the template as far as it could be read, so later stages can add theirs.
public enum TemplateParser {
    public static func parse(_ source: String, file: String) -> (Template, [Diagnostic]) {
        var reader = BlockReader(source: source, file: file)
        let frontMatter = reader.readFrontMatter()
        reader.readBlocks()
        return (Template(file: file, frontMatter: frontMatter, blocks: reader.blocks), reader.diagnostics)
    }

    /// The front matter alone, for callers that need a setting before the build (the page template).
    public static func frontMatter(of source: String, file: String) -> FrontMatter {
        var reader = BlockReader(source: source, file: file)
        return reader.readFrontMatter()
    }
}

/// A cursor over the template's lines.
private struct BlockReader {
    let file: String
    let lines: [String]
    var index = 0
    var blocks: [Block] = []
    var diagnostics: [Diagnostic] = []

    init(source: String, file: String) {
        self.file = file
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
    }

    func location(line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    mutating func readFrontMatter() -> FrontMatter {
        guard lines.first?.trimming(" \t") == "---" else { return FrontMatter() }
        guard let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimming(" \t")) }) else {
            diagnostics.append(.error(at: location(line: 1), "front matter opened by '---' is never closed"))
            index = lines.count
            return FrontMatter()
        }
        index = end + 1
        let yaml = lines[1..<end].joined(separator: "\n")
        do {
            let node = try YAMLReader.read(yaml, origin: location(line: 2))
            return FrontMatterReader.read(node, at: location(line: 1), diagnostics: &diagnostics)
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: location(line: 2), "bad YAML: \(error)"))
        }
        return FrontMatter()
    }

    /// The body's blocks: the outline's headings, code blocks and comments, and the prose between
    /// them (as lines of the template, so prose keeps its exact lines and columns).
    mutating func readBlocks() {
        guard index < lines.count else { return }
        let bodyStart = index
        var cursor = bodyStart
        let outline = MarkdownOutline.read(lines[bodyStart...].joined(separator: "\n"))
        for html in outline.rawHTML {
            let first = html.markup.split(separator: "\n").first ?? ""
            diagnostics.append(.warning(
                at: location(line: bodyStart + html.line, column: html.column),
                "raw HTML '\(first.count > 40 ? first.prefix(40) + "…" : first)' is left out of the papers (the HTML paper keeps only what Markdown makes, and the Markdown, PDF and LaTeX papers could not carry it); write it in Markdown"))
        }
        for block in outline.blocks {
            let start = bodyStart + block.startLine - 1
            guard start >= cursor, start < lines.count else { continue }
            let range = start...max(start, min(bodyStart + block.endLine - 1, lines.count - 1))
            addProse(cursor..<range.lowerBound)
            switch block.kind {
            case .heading(let level):
                let heading = readHeading(range, level: level)
                blocks.append(.heading(heading.heading))
                cursor = heading.lastLine + 1
                continue
            case .fencedCode(let fence, let content):
                readFenced(range, fence: fence, content: content, byteColumn: block.startColumn)
            case .indentedCode, .htmlComment:
                blocks.append(.verbatim(lines[range].joined(separator: "\n")))
            }
            cursor = range.upperBound + 1
        }
        addProse(cursor..<lines.count)
    }

    private mutating func addProse(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let (parsed, problems) = InlineScanner.scan(lines[range].joined(separator: "\n"), at: location(line: range.lowerBound + 1))
        blocks.append(.prose(parsed))
        diagnostics += problems
    }

    /// An ATX heading (one line) or a setext heading (its text lines, then the underline; cmark
    /// may end its range on the line after), and the heading's last line.
    private mutating func readHeading(_ range: ClosedRange<Int>, level: Int) -> (heading: Heading, lastLine: Int) {
        let first = lines[range.lowerBound]
        let indent = first.prefix { $0 == " " }.count
        var text: String
        let column: Int
        let underline = range.dropFirst().first(where: { isSetextUnderline(lines[$0]) })
        if let underline {
            text = ([String(first.dropFirst(indent))] + lines[(range.lowerBound + 1)..<underline])
                .joined(separator: "\n").trimming(" \t")
            column = indent + 1
        } else {
            let afterHashes = first.dropFirst(indent + level)
            let spaces = afterHashes.prefix { $0 == " " || $0 == "\t" }.count
            text = withoutClosingHashes(afterHashes.dropFirst(spaces).trimming(" \t"))
            column = indent + level + spaces + 1
        }
        let attributes = HeadingAttributes(parsing: &text)
        let (scanned, problems) = InlineScanner.scan(text, at: location(line: range.lowerBound + 1, column: column))
        diagnostics += problems
        let heading = Heading(
            level: level, text: scanned, anchor: attributes?.anchor, numbered: attributes?.numbered ?? true,
            attributes: attributes?.written, location: location(line: range.lowerBound + 1, column: indent + 1))
        return (heading, underline ?? range.lowerBound)
    }

    /// A setext underline: `=` or `-` characters alone, indented by three spaces at most.
    private func isSetextUnderline(_ line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent).trimming(" \t")
        guard indent <= 3, let character = rest.first, character == "=" || character == "-" else { return false }
        return rest.allSatisfy { $0 == character }
    }

    /// `text` without an ATX heading's closing sequence (`## Title ##`).
    private func withoutClosingHashes(_ text: String) -> String {
        let hashes = text.reversed().prefix { $0 == "#" }.count
        guard hashes > 0 else { return text }
        let before = text.dropLast(hashes)
        guard before.isEmpty || before.last == " " || before.last == "\t" else { return text }
        return before.trimming(" \t")
    }

    /// A directive if the info string starts with `{`, else ordinary code copied untouched.
    private mutating func readFenced(_ range: ClosedRange<Int>, fence: String, content: String, byteColumn: Int) {
        let opening = lines[range.lowerBound]
        let fenceColumn = String(decoding: opening.utf8.prefix(byteColumn - 1), as: UTF8.self).unicodeScalars.count + 1
        let afterFence = String(opening.unicodeScalars.dropFirst(fenceColumn - 1 + fence.count))
        let infoOffset = afterFence.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
        let info = afterFence.trimming(" \t")
        // cmark ends an unclosed fence with its container (the document, a list item): an error here.
        guard range.count > 1, isClosingFence(lines[range.upperBound], of: fence) else {
            diagnostics.append(.error(
                at: location(line: range.lowerBound + 1, column: fenceColumn),
                "unclosed fence: '\(fence)' is never closed"))
            return
        }
        guard info.hasPrefix("{") else {
            blocks.append(.verbatim(lines[range].joined(separator: "\n")))
            return
        }
        let infoColumn = fenceColumn + fence.unicodeScalars.count + infoOffset
        do {
            var call = try DirectiveHeader.parse(info, at: location(line: range.lowerBound + 1, column: infoColumn))
            call.body = content.hasSuffix("\n") ? String(content.dropLast()) : content
            call.bodyLocation = location(line: range.lowerBound + 2, column: fenceColumn)
            blocks.append(.directive(call))
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: location(line: range.lowerBound + 1, column: infoColumn), "\(error)"))
        }
    }

    /// Whether `line` (after any container prefix: indentation, `>`) closes a block opened by `fence`.
    private func isClosingFence(_ line: String, of fence: String) -> Bool {
        guard let character = fence.first else { return false }
        let rest = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
        let run = rest.prefix { $0 == character }.count
        return run >= fence.count && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

/// The Pandoc attribute block ending a heading: `{#sec-x}`, `{-}`, `{.unnumbered}` or a mix.
private struct HeadingAttributes {
    var anchor: String?
    var numbered: Bool
    /// The block as written, copied to the Markdown paper.
    var written: String

    /// Reads the attribute block ending `text` and removes it; nil if there is none.
    init?(parsing text: inout String) {
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{") else { return nil }
        let tokens = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: " ")
        let valid = !tokens.isEmpty && tokens.allSatisfy { token in
            token == "-" || (token.hasPrefix(".") && token.count > 1)
                || (token.hasPrefix("#") && token.count > 1 && DirectiveHeader.isName(String(token.dropFirst())))
        }
        guard valid else { return nil }
        anchor = tokens.last { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        numbered = !tokens.contains { $0 == "-" || $0 == ".unnumbered" }
        written = String(text[open...])
        text = text[..<open].trimming(" \t")
    }
}
