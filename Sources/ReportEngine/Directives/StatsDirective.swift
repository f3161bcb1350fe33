import Landscape

/// `stats`: descriptive statistics of a list of numbers that another directive produced.
struct StatsDirective: ComputeDirective {
    static let name = "stats"
    static let summary = "Descriptive statistics of a list of numbers another directive produced (such as a data column)."

    struct Parameters: ParameterSet {
        let of = Parameter<[Double]>(reference: "of", "the numbers to summarise, such as obs.columns.loss")
    }

    struct Results: ResultSet {
        let n = Output<Int>("n", "number of values")
        let mean = Output<Double>("mean", "arithmetic mean")
        let sd = Output<Double>("sd", "sample standard deviation (n − 1)")
        let min = Output<Double>("min", "smallest value")
        let max = Output<Double>("max", "largest value")
        let median = Output<Double>("median", "median")
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        guard let summary = SampleSummary(arguments.of) else { throw DirectiveFailure("'of' is an empty list") }
        var results = ResultRecord<Results>()
        results.n = summary.count
        results.mean = summary.mean
        results.sd = summary.standardDeviation
        results.min = summary.minimum
        results.max = summary.maximum
        results.median = summary.median
        return results
    }
}
