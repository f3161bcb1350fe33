import Yams

/// Reads YAML (front matter, directive bodies) into `Literal`s that remember where each value was
/// written in the template. `origin` is the template location of the YAML text's first character;
/// `indent` columns were stripped from every line before parsing.
enum YAMLReader {
    static func read(_ text: String, origin: SourceLocation, indent: Int = 0) throws -> Located<Literal>? {
        func locate(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return origin }
            return SourceLocation(
                file: origin.file, line: origin.line + mark.line - 1,
                column: (mark.line == 1 ? origin.column : 1 + indent) + mark.column - 1)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error, locate: locate)
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

    private static func diagnostic(for error: YamlError, locate: (Mark?) -> SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
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
