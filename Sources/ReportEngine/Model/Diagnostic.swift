/// A position in a template: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Codable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location `count` columns further on the same line.
    public func advanced(by count: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + count)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A compiler-style message about a template: `file:line:col: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// The directive whose failed computation left this place without a value: a consequence of
    /// an error already reported, which `ReportBuild` folds into one note.
    var consequenceOf: String?

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? "report: "
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

/// The diagnostics that stopped a stage; every error found is listed, not only the first.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// Whether any of these diagnostics is an error (warnings do not stop a build).
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// These diagnostics with every consequence of a failed directive folded into one note per
    /// directive, at the first place that read it, when `causes` hold an error (the failure itself).
    func foldingConsequences(of causes: [Diagnostic]) -> [Diagnostic] {
        guard causes.hasErrors else { return self }
        let uses = Dictionary(grouping: compactMap(\.consequenceOf), by: { $0 }).mapValues(\.count)
        var noted: Set<String> = []
        return compactMap { diagnostic in
            guard let label = diagnostic.consequenceOf else { return diagnostic }
            guard noted.insert(label).inserted else { return nil }
            let more = uses[label]! - 1
            return Diagnostic(.note, at: diagnostic.location,
                              "\(more == 0 ? "this place reads" : "this and \(more) more places read") '\(label)', whose computation failed (the error above); left out")
        }
    }
}

/// `noun` with its indefinite article, for messages: "an integer", "a number".
func withArticle(_ noun: String) -> String {
    (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
}

/// " (did you mean 'x'?)" when one of `candidates` is a close spelling of `name`, else "".
public func suggestion(for name: String, among candidates: [String]) -> String {
    let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }),
          best.1 <= max(2, name.count / 3) else { return "" }
    return " (did you mean '\(best.0)'?)"
}

/// Levenshtein distance between two strings, by characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
