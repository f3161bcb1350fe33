/// How the paper shows its checks: each claim, then the values it compared, such as
/// `census2.distinct == index.minima[2]`: 56 = 56. A claim is split at `and` into terms; a
/// comparison shows its two sides with its relation, any other term its value. The lock file
/// records the same terms, and `report verify` compares their values.
enum CheckText {
    /// The terms of `expression`, evaluated (a term that cannot be evaluated is left out: the
    /// claim's own evaluation reports the error).
    static func terms(of expression: Expression, evaluator: Evaluator) -> [ComparedTerm] {
        guard case .binary(let op, let left, let right, _) = expression else {
            return single(expression, evaluator: evaluator)
        }
        if op == .and { return terms(of: left, evaluator: evaluator) + terms(of: right, evaluator: evaluator) }
        guard op.isComparison, let l = try? evaluator.evaluate(left), let r = try? evaluator.evaluate(right) else {
            return single(expression, evaluator: evaluator)
        }
        return [ComparedTerm(
            expression: expression.canonical, values: [l, r],
            text: "\(ValueFormat.plain(l)) \(relation[op] ?? op.rawValue) \(ValueFormat.plain(r))")]
    }

    private static func single(_ expression: Expression, evaluator: Evaluator) -> [ComparedTerm] {
        guard let value = try? evaluator.evaluate(expression) else { return [] }
        return [ComparedTerm(expression: expression.canonical, values: [value], text: ValueFormat.plain(value))]
    }

    /// The relation as the paper prints it.
    private static let relation: [BinaryOperator: String] = [
        .equal: "=", .notEqual: "≠", .less: "<", .lessOrEqual: "≤", .greater: ">", .greaterOrEqual: "≥",
    ]

    /// A check block in the paper: a list of its claims, each with the values it compared.
    static func markdown(_ outcomes: [CheckOutcome]) -> String {
        outcomes.map { outcome in
            let shown = outcome.shown.isEmpty ? "" : ": " + escape(outcome.shown)
            let tests = outcome.tests.map { " (" + escape($0.joined(separator: "; ")) + ")" } ?? ""
            return "- `\(outcome.claim)`\(shown)\(tests)"
        }.joined(separator: "\n")
    }

    /// Markdown text with `\<` and `\>` rather than `&lt;` and `&gt;`: the same in every paper, and
    /// readable in the Markdown file.
    private static func escape(_ text: String) -> String {
        MarkdownText.escape(text).replacing("&lt;", with: "\\<").replacing("&gt;", with: "\\>")
    }
}
