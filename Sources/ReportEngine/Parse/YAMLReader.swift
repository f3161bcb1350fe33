import Yams

/// Reads YAML (front matter, directive bodies) into `Literal`s that remember where each value was
/// written in the template. `origin` is the template location of the YAML text's first character;
/// `indent` columns were stripped from every line before parsing.
///
/// Aliases are refused before Yams reads the text: it resolves each alias to a copy of the
/// anchored value, so nine levels of nine aliases each (a "billion laughs") expand to 9⁹ values,
/// and a template is untrusted input. The language needs no aliases (front matter and directive
/// bodies are short), so an alias that names an anchor of the same text is an error at the alias.
enum YAMLReader {
    static func read(_ text: String, origin: SourceLocation, indent: Int = 0) throws -> Located<Literal>? {
        func locate(line: Int, column: Int) -> SourceLocation {
            SourceLocation(
                file: origin.file, line: origin.line + line - 1,
                column: (line == 1 ? origin.column : 1 + indent) + column - 1)
        }
        func locate(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return origin }
            return locate(line: mark.line, column: mark.column)
        }
        if let alias = firstAlias(in: text) {
            throw Diagnostic.error(
                at: locate(line: alias.line, column: alias.column),
                "YAML aliases are not supported ('*\(alias.name)' repeats the value anchored by '&\(alias.name)'); write the value out")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error, in: text, locate: locate)
        }
        guard let node else { return nil }
        return try convert(node, locate: locate)
    }

    private static func convert(_ node: Node, locate: (Mark?) -> SourceLocation) throws -> Located<Literal> {
        let location = locate(node.mark)
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return Located(.null, at: location)
            }
            return Located(.scalar(scalar.string, quoted: scalar.style != .plain), at: location)
        case .sequence(let sequence):
            return Located(.sequence(try sequence.map { try convert($0, locate: locate) }), at: location)
        case .mapping(let mapping):
            var pairs: [MappingEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Diagnostic.error(at: locate(key.mark), "mapping keys must be plain names")
                }
                if pairs.contains(where: { $0.key == keyScalar.string }) {
                    throw Diagnostic.error(at: locate(key.mark), "duplicate key '\(keyScalar.string)'")
                }
                pairs.append(MappingEntry(key: keyScalar.string, keyLocation: locate(key.mark), value: try convert(value, locate: locate)))
            }
            return Located(.mapping(pairs), at: location)
        case .alias:
            throw Diagnostic.error(at: location, "YAML aliases are not supported")
        }
    }

    /// The first `*name` that names an earlier `&name`, both starting a word (at the start of a
    /// line, or after a blank, a line break or one of `[{,:`), with its 1-based line and column. This
    /// finds every alias Yams would resolve; text such as `R&D`, `a & b` or `2*x` is not one.
    static func firstAlias(in text: String) -> (name: String, line: Int, column: Int)? {
        let boundaries: Set<Unicode.Scalar> = [" ", "\t", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "[", "{", ",", ":"]
        // libyaml's anchor names: ASCII letters, digits, '-' and '_'.
        func isNamePart(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_") }
        var anchors: Set<String> = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            for (i, c) in scalars.enumerated() where (c == "&" || c == "*") && (i == 0 || boundaries.contains(scalars[i - 1])) {
                let name = String(String.UnicodeScalarView(scalars[(i + 1)...].prefix(while: isNamePart)))
                guard !name.isEmpty else { continue }
                if c == "&" {
                    anchors.insert(name)
                } else if anchors.contains(name) {
                    return (name, lineIndex + 1, i + 1)
                }
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, in text: String, locate: (Mark?) -> SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml stops at 1000 nested collections, so Yams's recursion stays bounded.
            if problem.hasPrefix("Maximum nesting level") {
                return .error(at: locate(mark), "YAML nests deeper than 1000 levels")
            }
            // libyaml's word for a tab where indentation or a value should start.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if problem.contains("cannot start any token"), mark.line >= 1, mark.line <= lines.count,
               lines[mark.line - 1].dropFirst(max(0, mark.column - 1)).first == "\t" {
                return .error(at: locate(mark), "a tab in YAML: indent with spaces, and quote a value that holds a tab")
            }
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            let hint = problem.contains("mapping values are not allowed")
                ? " (a value containing ': ' must be quoted, or written on its own lines after '>-')" : ""
            return .error(at: locate(mark), "bad YAML: \(detail)\(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: locate(context.mark), "duplicate key '\(duplicates.first ?? "")'")
        default:
            return .error(at: locate(nil), "bad YAML: \(error)")
        }
    }
}

/// The locations of the keys of a mapping, for messages that point at a key rather than its value.
extension Located where Wrapped == Literal {
    var mappingPairs: [MappingEntry]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }
}
