/// Reads a directive's info string: `{kind #label key=value key2="quoted value"}`.
enum DirectiveHeader {
    static func parse(_ info: String, at start: SourceLocation) throws -> DirectiveCall {
        let scalars = Array(info.unicodeScalars)
        guard scalars.last == "}" else {
            throw Diagnostic.error(at: start, "directive header must end with '}'")
        }
        let tokens = try tokenize(scalars.dropFirst().dropLast(), at: start.advanced(by: 1))
        guard let first = tokens.first, !first.text.hasPrefix("#"), !first.text.contains("=") else {
            throw Diagnostic.error(at: start.advanced(by: 1), "directive header must start with the directive's name, as in {bps-index #index}")
        }
        guard isName(first.text) else {
            throw Diagnostic.error(at: first.location, "'\(first.text)' is not a directive name")
        }
        var call = DirectiveCall(
            kind: first.text, label: nil, location: start, labelLocation: nil, options: [],
            body: "", bodyLocation: start)
        for token in tokens.dropFirst() {
            if token.text.hasPrefix("#") && !token.quoted {
                let label = String(token.text.dropFirst())
                guard isName(label) else { throw Diagnostic.error(at: token.location, "'\(label)' is not a valid label") }
                guard call.label == nil else { throw Diagnostic.error(at: token.location, "a directive has one label") }
                call.label = label
                call.labelLocation = token.location
            } else if let equals = token.text.firstIndex(of: "="), !token.quoted {
                let name = String(token.text[..<equals])
                guard isName(name) else { throw Diagnostic.error(at: token.location, "'\(name)' is not a parameter name") }
                let valueLocation = token.location.advanced(by: name.unicodeScalars.count + 1)
                let value: Literal = token.valueQuoted
                    ? .scalar(token.value, quoted: true)
                    : .scalar(String(token.text[token.text.index(after: equals)...]), quoted: false)
                call.options.append(DirectiveArgument(name: name, nameLocation: token.location, value: Located(value, at: valueLocation)))
            } else {
                throw Diagnostic.error(at: token.location, "expected '#label' or 'key=value' in directive header, found '\(token.text)'")
            }
        }
        return call
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    private struct Token {
        var text: String
        var location: SourceLocation
        /// The whole token was quoted (never a label or key).
        var quoted: Bool
        /// The value part after `=` was quoted; `value` is its unquoted text.
        var valueQuoted: Bool
        var value: String
    }

    private static func tokenize(_ scalars: ArraySlice<Unicode.Scalar>, at start: SourceLocation) throws -> [Token] {
        var tokens: [Token] = []
        var i = scalars.startIndex
        var column = start.column
        while i < scalars.endIndex {
            if scalars[i] == " " || scalars[i] == "\t" { i += 1; column += 1; continue }
            let tokenStart = SourceLocation(file: start.file, line: start.line, column: column)
            var text = String.UnicodeScalarView(), value = String.UnicodeScalarView()
            var valueQuoted = false, afterEquals = false
            let wholeQuoted = scalars[i] == "\"" || scalars[i] == "'"
            while i < scalars.endIndex, scalars[i] != " ", scalars[i] != "\t" {
                let c = scalars[i]
                if c == "\"" || c == "'" {
                    guard let close = scalars[(i + 1)...].firstIndex(of: c) else {
                        throw Diagnostic.error(
                            at: SourceLocation(file: start.file, line: start.line, column: column),
                            "unterminated quote in directive header")
                    }
                    let quoted = scalars[(i + 1)..<close]
                    text.append(contentsOf: scalars[i...close])
                    if afterEquals { value.append(contentsOf: quoted); valueQuoted = true }
                    column += close - i + 1
                    i = close + 1
                    continue
                }
                if c == "=" && !afterEquals { afterEquals = true } else if afterEquals { value.append(c) }
                text.append(c)
                i += 1
                column += 1
            }
            tokens.append(Token(
                text: String(text), location: tokenStart, quoted: wholeQuoted,
                valueQuoted: valueQuoted, value: String(value)))
        }
        return tokens
    }
}
