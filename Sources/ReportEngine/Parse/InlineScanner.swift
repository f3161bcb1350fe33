/// Splits Markdown text into literal text, `{{ … }}` expressions, `@fig-`/`@tbl-`/`@sec-`/`@eq-`
/// cross-references, the `{#eq-label}` of a display equation (after its closing `$$`) and
/// citations in Pandoc's syntax (`CitationSyntax`). Code spans are copied verbatim (no expressions inside code), `\{{` is a
/// literal `{{`, and every expression keeps its exact line and column.
struct InlineScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line: Int
    private var column: Int
    private let file: String
    private var segments: [ProseSegment] = []
    private var pending = String.UnicodeScalarView()
    private(set) var diagnostics: [Diagnostic] = []

    static let referencePrefixes = ["fig-", "tbl-", "sec-", "eq-"]

    /// Scans `text`, whose first character is at `start`.
    static func scan(_ text: String, at start: SourceLocation) -> (Prose, [Diagnostic]) {
        var scanner = InlineScanner(text, at: start)
        scanner.run()
        return (Prose(segments: scanner.segments), scanner.diagnostics)
    }

    private init(_ text: String, at start: SourceLocation) {
        scalars = Array(text.unicodeScalars)
        line = start.line
        column = start.column
        file = start.file
    }

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func copy(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            let c = scalars[index]
            pending.append(c)
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
    }

    private mutating func skip(_ count: Int) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
    }

    private mutating func flush() {
        if !pending.isEmpty { segments.append(.text(String(pending))) }
        pending = String.UnicodeScalarView()
    }

    /// The offset of `needle` from the cursor, not crossing a blank line (a paragraph break).
    private func find(_ needle: [Unicode.Scalar], from start: Int) -> Int? {
        var i = index + start
        while i + needle.count <= scalars.count {
            if scalars[i] == "\n" {
                var j = i + 1
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                if j >= scalars.count || scalars[j] == "\n" { return nil }
            }
            if Array(scalars[i..<(i + needle.count)]) == needle { return i - index }
            i += 1
        }
        return nil
    }

    private mutating func run() {
        while let c = peek() {
            if c == "\\", peek(1) == "{", peek(2) == "{" {
                skip(1)
                copy(2)
            } else if c == "\\" {
                copy(2)
            } else if c == "`" {
                copyCodeSpan()
            } else if c == "{", peek(1) == "{" {
                readExpression()
            } else if c == "{", peek(1) == "#", peek(2) == "e", peek(3) == "q", peek(4) == "-" {
                readEquationLabel()
            } else if c == "@", let label = referenceLabel() {
                flush()
                segments.append(.reference(CrossReference(label: label, location: location)))
                skip(label.unicodeScalars.count + 1)
            } else if c == "[", let citation = CitationSyntax.bracketed(in: scalars, at: index) {
                cite(length: citation.length, keys: citation.keys, inText: false)
            } else if c == "@", let key = CitationSyntax.inTextKey(in: scalars, at: index) {
                cite(length: key.unicodeScalars.count + 1, keys: [(key, 0)], inText: true)
            } else {
                copy()
            }
        }
        flush()
    }

    /// A citation of `length` scalars at the cursor, its keys at their offsets from it.
    private mutating func cite(length: Int, keys: [(key: String, offset: Int)], inText: Bool) {
        flush()
        var located: [Located<String>] = []
        var at = location
        var offset = 0
        for (key, keyOffset) in keys {
            while offset < keyOffset {
                if scalars[index + offset] == "\n" { at = SourceLocation(file: file, line: at.line + 1, column: 1) } else { at = at.advanced(by: 1) }
                offset += 1
            }
            located.append(Located(key, at: at.advanced(by: 1)))
        }
        let source = String(String.UnicodeScalarView(scalars[index..<(index + length)]))
        segments.append(.citation(Citation(source: source, keys: located, inText: inText, location: location)))
        skip(length)
    }

    private mutating func copyCodeSpan() {
        var run = 0
        while peek(run) == "`" { run += 1 }
        let fence = [Unicode.Scalar](repeating: "`", count: run)
        var search = run
        while let offset = find(fence, from: search) {
            // A closing run must be exactly as long as the opening one.
            if peek(offset + run) != "`" && peek(offset - 1) != "`" {
                copy(offset + run)
                return
            }
            search = offset + 1
        }
        copy(run)
    }

    private mutating func referenceLabel() -> String? {
        if index > 0 {
            let before = scalars[index - 1]
            if before.properties.isAlphabetic || ("0"..."9").contains(before) || before == "_" { return nil }
        }
        var label = String.UnicodeScalarView()
        var i = index + 1
        while i < scalars.count {
            let c = scalars[i]
            guard c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" else { break }
            label.append(c)
            i += 1
        }
        var text = String(label)
        while text.hasSuffix("-") || text.hasSuffix("_") { text.removeLast() }
        guard Self.referencePrefixes.contains(where: { text.hasPrefix($0) && text.count > $0.count }) else { return nil }
        return text
    }

    /// `{#eq-label}`: numbers the display equation whose closing `$$` it follows on the same line.
    private mutating func readEquationLabel() {
        let open = location
        var i = index + 2
        var label = String.UnicodeScalarView()
        while i < scalars.count, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "-" || scalars[i] == "_" {
            label.append(scalars[i])
            i += 1
        }
        guard i < scalars.count, scalars[i] == "}" else {
            diagnostics.append(.error(at: open, "an equation label is written {#eq-name}, letters, digits, '-' and '_'"))
            copy()
            return
        }
        var before = pending
        while let last = before.last, last == " " || last == "\t" { before.removeLast() }
        guard String(before).hasSuffix("$$") else {
            diagnostics.append(.error(at: open, "'{#\(String(label))}' must follow the closing '$$' of a display equation on the same line"))
            copy()
            return
        }
        pending = before
        flush()
        segments.append(.equationLabel(CrossReference(label: String(label), location: open)))
        skip(i + 1 - index)
    }

    private mutating func readExpression() {
        let open = location
        guard let close = find(["}", "}"], from: 2) else {
            diagnostics.append(.error(at: open, "unterminated '{{': no matching '}}' in this paragraph"))
            copy(2)
            return
        }
        flush()
        skip(2)
        let inner = String(String.UnicodeScalarView(scalars[index..<(index + close - 2)]))
        let innerStart = location
        skip(close - 2 + 2)
        do {
            segments.append(.expression(try Self.parseInline(inner, at: innerStart, opening: open)))
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: innerStart, "\(error)"))
        }
    }

    /// Parses the text between `{{` and `}}` (starting at `start`; the `{{` is at `opening`): an
    /// expression optionally followed by `| format[:n]`.
    static func parseInline(_ text: String, at start: SourceLocation, opening: SourceLocation) throws -> InlineExpression {
        var parts: [(text: Substring, offset: Int)] = []
        var quote: Character?
        var partStart = text.startIndex, offset = 0, partOffset = 0
        for (i, c) in zip(text.indices, text) {
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == "|" {
                parts.append((text[partStart..<i], partOffset))
                partStart = text.index(after: i)
                partOffset = offset + 1
            }
            offset += c.unicodeScalars.count
        }
        parts.append((text[partStart...], partOffset))

        func trimmed(_ part: (text: Substring, offset: Int)) -> (String, SourceLocation) {
            let leading = part.text.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
            let body = part.text.trimming(" \t\n")
            return (body, start.advanced(by: part.offset + leading))
        }
        let (expressionText, expressionStart) = trimmed(parts[0])
        guard !expressionText.isEmpty else { throw Diagnostic.error(at: expressionStart, "empty '{{ }}'") }
        let expression = try ExpressionParser.parse(expressionText, at: expressionStart)
        let formats = try parts.dropFirst().map { part -> FormatSpec in
            let (spec, location) = trimmed(part)
            return try ValueFormat.parseSpec(spec, at: location)
        }
        if formats.count > 1 {
            throw Diagnostic.error(at: formats[1].location, "one format per expression ('\(parts[1].text.trimming(" "))' already formats it)")
        }
        return InlineExpression(
            expression: expression, formats: formats,
            source: text.trimming(" \t\n"), location: opening)
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars[...]
        while let first = view.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.last, scalars.contains(last) { view = view.dropLast() }
        return String(String.UnicodeScalarView(view))
    }
}
