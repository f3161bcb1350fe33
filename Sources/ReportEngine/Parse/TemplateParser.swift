import Foundation

/// Reads a template: YAML front matter, then Markdown in which fenced code blocks whose info
/// string starts with `{` are directives. Errors do not stop the reading: every problem found is
/// returned, with the template as far as it could be read, so later stages can add theirs.
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
    private var prose: [String] = []
    private var proseStart = 1

    init(source: String, file: String) {
        self.file = file
        lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
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

    mutating func readBlocks() {
        proseStart = index + 1
        while index < lines.count {
            let line = lines[index]
            if let fence = Fence(line) {
                flushProse()
                readFenced(fence)
            } else if let heading = readHeading(line) {
                flushProse()
                blocks.append(.heading(heading))
                index += 1
                proseStart = index + 1
            } else {
                if prose.isEmpty { proseStart = index + 1 }
                prose.append(line)
                index += 1
            }
        }
        flushProse()
    }

    private mutating func flushProse() {
        guard !prose.isEmpty else { return }
        let (parsed, problems) = InlineScanner.scan(prose.joined(separator: "\n"), at: location(line: proseStart))
        blocks.append(.prose(parsed))
        diagnostics += problems
        prose = []
    }

    private mutating func readHeading(_ line: String) -> Heading? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let afterHashes = rest.dropFirst(level)
        guard afterHashes.isEmpty || afterHashes.first == " " || afterHashes.first == "\t" else { return nil }
        var text = afterHashes.trimming(" \t")
        var anchor: String?, numbered = true, attributes: String?
        // A trailing Pandoc attribute block: `{#sec-x}`, `{-}`, `{.unnumbered}` or a mix.
        if text.hasSuffix("}"), let open = text.lastIndex(of: "{") {
            let tokens = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: " ")
            let valid = !tokens.isEmpty && tokens.allSatisfy { token in
                token == "-" || (token.hasPrefix(".") && token.count > 1)
                    || (token.hasPrefix("#") && token.count > 1 && DirectiveHeader.isName(String(token.dropFirst())))
            }
            if valid {
                anchor = tokens.last { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
                numbered = !tokens.contains { $0 == "-" || $0 == ".unnumbered" }
                attributes = String(text[open...])
                text = text[..<open].trimming(" \t")
            }
        }
        let textColumn = indent + level + 1 + afterHashes.prefix { $0 == " " || $0 == "\t" }.count
        let (scanned, problems) = InlineScanner.scan(text, at: location(line: index + 1, column: textColumn))
        diagnostics += problems
        return Heading(level: level, text: scanned, anchor: anchor, numbered: numbered, attributes: attributes, location: location(line: index + 1, column: indent + 1))
    }

    private mutating func readFenced(_ fence: Fence) {
        let opening = index
        guard let closing = lines.indices.dropFirst(opening + 1).first(where: { fence.isClosed(by: lines[$0]) }) else {
            diagnostics.append(.error(
                at: location(line: opening + 1, column: fence.indent + 1),
                "unclosed fence: '\(String(repeating: fence.character, count: fence.length))' is never closed"))
            index = lines.count
            return
        }
        index = closing + 1
        proseStart = index + 1
        guard fence.info.hasPrefix("{") else {
            blocks.append(.code(lines[opening...closing].joined(separator: "\n")))
            return
        }
        let bodyLines = lines[(opening + 1)..<closing].map { line -> String in
            String(line.dropFirst(min(fence.indent, line.prefix { $0 == " " }.count)))
        }
        let infoColumn = fence.indent + fence.length + fence.infoOffset + 1
        do {
            var call = try DirectiveHeader.parse(fence.info, at: location(line: opening + 1, column: infoColumn))
            call.body = bodyLines.joined(separator: "\n")
            call.bodyLocation = location(line: opening + 2, column: fence.indent + 1)
            blocks.append(.directive(call))
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: location(line: opening + 1, column: infoColumn), "\(error)"))
        }
    }
}

/// An opening code fence: three or more backticks or tildes, indented by any amount (fences
/// inside list items are indented), followed by an info string.
private struct Fence {
    let indent: Int
    let character: Character
    let length: Int
    let info: String
    /// Spaces between the fence and the info string.
    let infoOffset: Int

    init?(_ line: String) {
        indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        character = first
        length = rest.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        let after = rest.dropFirst(length)
        if first == "`" && after.contains("`") { return nil }
        infoOffset = after.prefix { $0 == " " || $0 == "\t" }.count
        info = after.trimming(" \t")
    }

    func isClosed(by line: String) -> Bool {
        let rest = line.drop { $0 == " " }
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
