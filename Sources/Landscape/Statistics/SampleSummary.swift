/// Descriptive statistics of a sample: count, mean, standard deviation (n − 1), extremes and the
/// median (`Sample`'s estimators: Welford's update, so long samples of similar values lose no precision).
public struct SampleSummary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (divides by n − 1); 0 for a single value.
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double
    public var median: Double

    /// nil for an empty sample.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        count = values.count
        mean = Sample.mean(values)
        standardDeviation = Sample.standardDeviation(values)
        minimum = values.min()!
        maximum = values.max()!
        median = Sample.median(values)
    }
}
