/// Descriptive statistics of one sample: the estimators the template language's `mean`, `sd`,
/// `se`, `median`, `quantile`, `percentile` and `zscore` compute.
public enum Sample {
    public static func mean(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "the mean of an empty sample")
        var mean = 0.0
        for (i, x) in xs.enumerated() { mean += (x - mean) / Double(i + 1) }
        return mean
    }

    /// The sample variance, dividing by n − 1 (0 for one value), by Welford's update.
    public static func variance(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "the variance of an empty sample")
        guard xs.count > 1 else { return 0 }
        var mean = 0.0, m2 = 0.0
        for (i, x) in xs.enumerated() {
            let delta = x - mean
            mean += delta / Double(i + 1)
            m2 += delta * (x - mean)
        }
        return m2 / Double(xs.count - 1)
    }

    /// The sample standard deviation (n − 1).
    public static func standardDeviation(_ xs: [Double]) -> Double { variance(xs).squareRoot() }

    /// The standard error of the mean, sd/√n.
    public static func standardError(_ xs: [Double]) -> Double { standardDeviation(xs) / Double(xs.count).squareRoot() }

    /// The middle value, or the mean of the two middle values (NumPy's `median`).
    public static func median(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "the median of an empty sample")
        let sorted = xs.sorted(), middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics: with the
    /// sorted values x₀ ≤ … ≤ x_{n−1} and h = (n − 1)q, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋) —
    /// Hyndman and Fan's definition 7, the default of NumPy's `quantile` and R's `quantile`.
    public static func quantile(_ xs: [Double], _ q: Double) -> Double {
        precondition(!xs.isEmpty, "the quantile of an empty sample")
        precondition((0...1).contains(q), "a quantile level lies in [0, 1]")
        let sorted = xs.sorted()
        let h = Double(sorted.count - 1) * q
        let below = Int(h.rounded(.down))
        guard below + 1 < sorted.count else { return sorted[below] }
        return sorted[below] + (h - Double(below)) * (sorted[below + 1] - sorted[below])
    }

    /// The percentile (0-100) of `value` within `sample`: the share of the sample below it, ties
    /// counted half, 100 · (#{x < v} + #{x = v}/2)/n — SciPy's `percentileofscore(kind='mean')`.
    /// For a null distribution, the observed statistic's percentile within the null draws.
    public static func percentile(of value: Double, in sample: [Double]) -> Double {
        precondition(!sample.isEmpty, "a percentile within an empty sample")
        let below = sample.filter { $0 < value }.count
        let equal = sample.filter { $0 == value }.count
        return 100 * (Double(below) + Double(equal) / 2) / Double(sample.count)
    }

    /// (value − mean)/sd of the sample (sd with n − 1): how many standard deviations of a
    /// sample (such as a null's draws) `value` lies from its mean.
    public static func zScore(of value: Double, in sample: [Double]) -> Double {
        (value - mean(sample)) / standardDeviation(sample)
    }

    /// Ranks from 1, ties given the average of the ranks they span.
    public static func averageRanks(_ xs: [Double]) -> [Double] {
        let order = xs.indices.sorted { xs[$0] < xs[$1] }
        var ranks = [Double](repeating: 0, count: xs.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && xs[order[end + 1]] == xs[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// Σ (t³ − t) over the groups of tied values (t the size of each group).
    static func tieSum(_ xs: [Double]) -> Double {
        var counts: [Double: Int] = [:]
        for x in xs { counts[x, default: 0] += 1 }
        return counts.values.reduce(0) { $0 + Double($1 * $1 * $1 - $1) }
    }
}
