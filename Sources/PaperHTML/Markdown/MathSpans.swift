/// TeX math cut out of Markdown before cmark sees it, so that `$x_1 * y_2$` cannot turn into
/// emphasis, and put back afterwards as `<span class="math inline|display">` holding the escaped TeX.
///
/// Delimiters follow Pandoc's `tex_math_dollars`: `$$...$$` is display math; `$...$` is inline math
/// when the opening `$` is followed by a non-space, the closing `$` follows a non-space and is not
/// followed by a digit (so "$5 and $10" stays text). Neither crosses a blank line. Dollars in code
/// spans, fenced code blocks and after a backslash (`\$`) are left to cmark, which keeps them literal
/// (math the scanner does find in code, as in an indented block, is put back as source in the tree).
struct MathSpans: Equatable {
    struct Span: Equatable {
        var tex: String
        var display: Bool
    }

    /// Each protected piece of Markdown, with its math spans replaced by their placeholders.
    var pieces: [String]
    /// The math spans, in order; span `i` stands in the Markdown as `placeholder(i)`.
    var spans: [Span]

    /// The protected pieces as one Markdown text, separated by blank lines.
    var markdown: String { pieces.joined(separator: "\n\n") }

    /// A token cmark leaves alone: private-use characters around a number, read as letters.
    static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    init(protecting source: String) {
        self.init(protectingEach: [source])
    }

    /// Protects each of `sources` on its own (math never crosses a blank line, so never two
    /// blocks of a paper), numbering the spans of all of them in one sequence.
    init(protectingEach sources: [String]) {
        pieces = []
        spans = []
        for source in sources {
            var scanner = MathScanner(bytes: Array(source.utf8), firstIndex: spans.count)
            scanner.run()
            pieces.append(String(decoding: scanner.output, as: UTF8.self))
            spans += scanner.spans
        }
    }

    /// `html` with every placeholder replaced by the HTML of its math span.
    func restore(in html: String) -> String {
        Self.substitute(in: html) { index in
            spans.indices.contains(index) ? spans[index].html : nil
        }
    }

    /// `text` with every placeholder replaced by its original source, delimiters included.
    func source(of text: String) -> String {
        Self.substitute(in: text) { index in
            spans.indices.contains(index) ? spans[index].source : nil
        }
    }

    /// `text` without math placeholders (for ids made from heading text).
    static func removingPlaceholders(from text: String) -> String {
        substitute(in: text) { _ in "" }
    }

    private static func substitute(in text: String, with replacement: (Int) -> String?) -> String {
        guard text.unicodeScalars.contains("\u{E000}") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "\u{E000}") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\u{E001}"),
                  let index = Int(rest[afterOpen..<close]), let substitute = replacement(index)
            else {
                result.append(rest[open])
                rest = rest[afterOpen...]
                continue
            }
            result += substitute
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

private extension MathSpans.Span {
    var html: String { "<span class=\"math \(display ? "display" : "inline")\">\(tex.htmlEscaped)</span>" }
    var source: String { display ? "$$\(tex)$$" : "$\(tex)$" }
}

/// The byte-level pass behind `MathSpans`; ASCII delimiters never occur inside UTF-8 sequences.
private struct MathScanner {
    let bytes: [UInt8]
    var position = 0
    var output: [UInt8] = []
    var spans: [MathSpans.Span] = []
    var atLineStart = true
    /// The number of the first span found, after those of earlier pieces.
    let firstIndex: Int

    init(bytes: [UInt8], firstIndex: Int) {
        self.bytes = bytes
        self.firstIndex = firstIndex
    }

    mutating func run() {
        while position < bytes.count {
            if atLineStart, let end = fencedBlockEnd(from: position) {
                copy(upTo: end)
                continue
            }
            let byte = bytes[position]
            atLineStart = byte == .newline
            switch byte {
            case .backslash: copy(upTo: min(position + 2, bytes.count))
            case .backtick: copy(upTo: codeSpanEnd(from: position))
            case .dollar: if !readMath() { copy(upTo: position + 1) }
            default: copy(upTo: position + 1)
            }
        }
    }

    private mutating func copy(upTo end: Int) {
        output.append(contentsOf: bytes[position..<end])
        if end > position + 1 { atLineStart = bytes[end - 1] == .newline }
        position = end
    }

    /// Reads `$$...$$` or `$...$` at `position` into a placeholder; false if it is a plain dollar.
    private mutating func readMath() -> Bool {
        let display = byte(at: position + 1) == .dollar
        let start = position + (display ? 2 : 1)
        guard let first = byte(at: start), display || !first.isSpace,
              let end = closingDelimiter(from: start, display: display),
              !bytes[start..<end].allSatisfy(\.isSpace)
        else { return false }
        let tex = String(decoding: bytes[start..<end], as: UTF8.self)
        output.append(contentsOf: MathSpans.placeholder(firstIndex + spans.count).utf8)
        spans.append(.init(tex: tex, display: display))
        position = end + (display ? 2 : 1)
        return true
    }

    private func closingDelimiter(from start: Int, display: Bool) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case .backslash:
                index += 2
                continue
            case .newline where isBlankLine(after: index):
                return nil
            case .dollar where display:
                if byte(at: index + 1) == .dollar { return index }
            case .dollar:
                let before = bytes[index - 1]
                if !before.isSpace, !(byte(at: index + 1)?.isDigit ?? false) { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The end of the code span opening at `start`, or just past its backticks if it never closes.
    private func codeSpanEnd(from start: Int) -> Int {
        let runLength = run(of: .backtick, at: start)
        var index = start + runLength
        while index < bytes.count {
            if bytes[index] == .backtick {
                let length = run(of: .backtick, at: index)
                if length == runLength { return index + length }
                index += length
            } else if bytes[index] == .newline, isBlankLine(after: index) {
                break
            } else {
                index += 1
            }
        }
        return start + runLength
    }

    /// If a ``` or ~~~ fence opens the line at `start`, the end of its block (closing fence included).
    private func fencedBlockEnd(from start: Int) -> Int? {
        let indent = run(of: .space, at: start)
        guard let fence = byte(at: start + indent), fence == .backtick || fence == .tilde else { return nil }
        let length = run(of: fence, at: start + indent)
        guard length >= 3 else { return nil }
        var lineStart = lineEnd(from: start)
        while lineStart < bytes.count {
            let closeAt = lineStart + run(of: .space, at: lineStart)
            let closeLength = run(of: fence, at: closeAt)
            let next = lineEnd(from: lineStart)
            let restIsBlank = bytes[(closeAt + closeLength)..<next].allSatisfy(\.isSpace)
            if closeLength >= length, restIsBlank { return next }
            lineStart = next
        }
        return bytes.count
    }

    /// The index just past the newline ending the line containing `index` (or the end of input).
    private func lineEnd(from index: Int) -> Int {
        var end = index
        while end < bytes.count, bytes[end] != .newline { end += 1 }
        return min(end + 1, bytes.count)
    }

    private func isBlankLine(after newline: Int) -> Bool {
        var index = newline + 1
        while let byte = byte(at: index), byte == .space || byte == .tab { index += 1 }
        return byte(at: index) == .newline || byte(at: index) == .carriageReturn
    }

    private func run(of value: UInt8, at start: Int) -> Int {
        var index = start
        while byte(at: index) == value { index += 1 }
        return index - start
    }

    private func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
}

private extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let backslash = UInt8(ascii: "\\")
    static let backtick = UInt8(ascii: "`")
    static let tilde = UInt8(ascii: "~")
    static let dollar = UInt8(ascii: "$")

    var isSpace: Bool { self == .space || self == .tab || self == .newline || self == .carriageReturn }
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
