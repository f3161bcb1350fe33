import Landscape

/// `stats`: descriptive statistics of a list of numbers that another directive produced.
struct StatsDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "stats",
        summary: "Descriptive statistics of a list of numbers another directive produced (such as a data column).",
        parameters: [
            ParameterSpec("of", .reference, "the list to summarise, such as obs.columns.loss"),
        ],
        outputs: [
            OutputSpec("n", "integer", "number of values"),
            OutputSpec("mean", "number", "arithmetic mean"),
            OutputSpec("sd", "number", "sample standard deviation (n − 1)"),
            OutputSpec("min", "number", "smallest value"),
            OutputSpec("max", "number", "largest value"),
            OutputSpec("median", "number", "median"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        guard case .list(let items)? = arguments["of"] else {
            throw DirectiveFailure("'of' must name a list of numbers, got a \(arguments["of"]?.typeName ?? "nothing")")
        }
        let numbers = try items.enumerated().map { index, item -> Double in
            guard let x = item.number else { throw DirectiveFailure("item \(index) of 'of' is a \(item.typeName), not a number") }
            return x
        }
        guard let summary = SampleSummary(numbers) else { throw DirectiveFailure("'of' is an empty list") }
        return Record([
            ("n", .int(summary.count)),
            ("mean", .real(summary.mean)),
            ("sd", .real(summary.standardDeviation)),
            ("min", .real(summary.minimum)),
            ("max", .real(summary.maximum)),
            ("median", .real(summary.median)),
        ])
    }
}
