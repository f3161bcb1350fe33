/// Descriptive statistics of a sample: count, mean, standard deviation (n − 1), extremes and the
/// median, computed with Welford's update so long samples of similar values lose no precision.
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
        var mean = 0.0, m2 = 0.0
        for (i, x) in values.enumerated() {
            let delta = x - mean
            mean += delta / Double(i + 1)
            m2 += delta * (x - mean)
        }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        count = values.count
        self.mean = mean
        standardDeviation = values.count > 1 ? (m2 / Double(values.count - 1)).squareRoot() : 0
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        median = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
