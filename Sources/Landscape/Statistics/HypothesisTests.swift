import Foundation

/// The outcome of a hypothesis test: its statistic, the two-sided p-value and, for t tests, the
/// degrees of freedom; `method` says how the p-value was obtained.
public struct TestOutcome: Sendable, Equatable {
    public enum Method: String, Sendable {
        case studentT = "t distribution"
        case exact = "exact"
        case normalApproximation = "normal approximation"
    }

    public var statistic: Double
    public var p: Double
    public var degreesOfFreedom: Double?
    public var method: Method
}

/// Two-sided two-sample and correlation tests, matching SciPy's `ttest_ind(equal_var=False)`,
/// `ttest_rel`, `wilcoxon`, `mannwhitneyu` and `spearmanr` (Tests/LandscapeTests/Fixtures/
/// statistics_scipy.json, written by bench/make_statistics_fixtures.py).
public enum HypothesisTests {
    /// Welch's unpaired t test: t = (x̄ − ȳ)/√(s²ₓ/n + s²ᵧ/m) with the Welch–Satterthwaite degrees
    /// of freedom. Needs two values in each sample and a nonzero spread.
    public static func welch(_ x: [Double], _ y: [Double]) -> TestOutcome {
        precondition(x.count >= 2 && y.count >= 2, "Welch's t test needs two values in each sample")
        let vx = Sample.variance(x) / Double(x.count), vy = Sample.variance(y) / Double(y.count)
        let t = (Sample.mean(x) - Sample.mean(y)) / (vx + vy).squareRoot()
        let df = (vx + vy) * (vx + vy) / (vx * vx / Double(x.count - 1) + vy * vy / Double(y.count - 1))
        return TestOutcome(statistic: t, p: SpecialFunctions.studentTTwoSided(t, df: df), degreesOfFreedom: df, method: .studentT)
    }

    /// The paired t test: the one-sample t test of the differences xᵢ − yᵢ against 0, n − 1
    /// degrees of freedom.
    public static func pairedT(_ x: [Double], _ y: [Double]) -> TestOutcome {
        precondition(x.count == y.count && x.count >= 2, "a paired t test needs two equally long samples of two or more")
        let d = zip(x, y).map { $0 - $1 }
        let t = Sample.mean(d) / Sample.standardError(d)
        let df = Double(d.count - 1)
        return TestOutcome(statistic: t, p: SpecialFunctions.studentTTwoSided(t, df: df), degreesOfFreedom: df, method: .studentT)
    }

    /// Wilcoxon's signed-rank test of the paired differences xᵢ − yᵢ (zero differences dropped,
    /// Wilcoxon's convention). The statistic is min(R⁺, R⁻). Exact (the null distribution of R⁺
    /// counted over all 2ⁿ sign patterns) when no |difference| is tied and n ≤ 50; otherwise the
    /// normal approximation with the tie-corrected variance, without continuity correction.
    public static func wilcoxonSignedRank(_ x: [Double], _ y: [Double]) -> TestOutcome {
        precondition(x.count == y.count, "a signed-rank test pairs two equally long samples")
        let d = zip(x, y).map { $0 - $1 }.filter { $0 != 0 }
        precondition(!d.isEmpty, "a signed-rank test needs a nonzero difference")
        let magnitudes = d.map(abs)
        let ranks = Sample.averageRanks(magnitudes)
        let plus = zip(d, ranks).filter { $0.0 > 0 }.reduce(0) { $0 + $1.1 }
        let n = Double(d.count)
        let minus = n * (n + 1) / 2 - plus
        let ties = Sample.tieSum(magnitudes)
        if ties == 0, d.count <= 50 {
            let counts = signedRankCounts(d.count)
            let total = counts.reduce(0, +)
            let r = Int(plus.rounded())
            let atMost = counts[...r].reduce(0, +) / total
            let atLeast = counts[r...].reduce(0, +) / total
            return TestOutcome(statistic: min(plus, minus), p: min(1, 2 * min(atMost, atLeast)), degreesOfFreedom: nil, method: .exact)
        }
        let sd = ((n * (n + 1) * (2 * n + 1) - ties / 2) / 24).squareRoot()
        let z = (plus - n * (n + 1) / 4) / sd
        return TestOutcome(statistic: min(plus, minus), p: SpecialFunctions.normalTwoSided(z), degreesOfFreedom: nil, method: .normalApproximation)
    }

    /// The number of subsets of {1, …, n} with each sum 0 … n(n+1)/2.
    private static func signedRankCounts(_ n: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: n * (n + 1) / 2 + 1)
        counts[0] = 1
        var reach = 0
        for k in 1...n {
            reach += k
            for s in stride(from: reach, through: k, by: -1) { counts[s] += counts[s - k] }
        }
        return counts
    }

    /// The Mann–Whitney U test of two independent samples; the statistic is U of `x`
    /// (R_x − nₓ(nₓ+1)/2). Exact (the null distribution of U counted over all arrangements) when
    /// the smaller sample has at most 8 values and nothing is tied; otherwise the normal
    /// approximation with the tie-corrected variance and a continuity correction of ½.
    public static func mannWhitneyU(_ x: [Double], _ y: [Double]) -> TestOutcome {
        precondition(!x.isEmpty && !y.isEmpty, "a Mann–Whitney test needs two nonempty samples")
        let ranks = Sample.averageRanks(x + y)
        let n1 = Double(x.count), n2 = Double(y.count)
        let u1 = ranks[..<x.count].reduce(0, +) - n1 * (n1 + 1) / 2
        let larger = max(u1, n1 * n2 - u1)
        let ties = Sample.tieSum(x + y)
        if ties == 0, min(x.count, y.count) <= 8 {
            let counts = mannWhitneyCounts(min(x.count, y.count), max(x.count, y.count))
            let total = counts.reduce(0, +)
            let atLeast = counts[Int(larger.rounded())...].reduce(0, +) / total
            return TestOutcome(statistic: u1, p: min(1, 2 * atLeast), degreesOfFreedom: nil, method: .exact)
        }
        let n = n1 + n2
        let sd = (n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))).squareRoot()
        let z = (larger - n1 * n2 / 2 - 0.5) / sd
        return TestOutcome(statistic: u1, p: min(1, SpecialFunctions.normalTwoSided(z)), degreesOfFreedom: nil, method: .normalApproximation)
    }

    /// The number of arrangements of m and n values with each U = 0 … mn: the coefficients of
    /// the Gaussian binomial [m+n choose m]_q = Π_{i=1…m} (1 − q^{n+i})/(1 − q^i).
    private static func mannWhitneyCounts(_ m: Int, _ n: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: m * n + 1)
        counts[0] = 1
        for i in stride(from: 1, through: m, by: 1) {
            // Multiply by (1 − q^{n+i}), then divide by (1 − q^i) (a running sum with stride i).
            for s in stride(from: m * n, through: n + i, by: -1) { counts[s] -= counts[s - n - i] }
            for s in stride(from: i, through: m * n, by: 1) { counts[s] += counts[s - i] }
        }
        return counts
    }

    /// Spearman's rank correlation ρ (Pearson's correlation of the average ranks) and its p-value
    /// from t = ρ√((n − 2)/(1 − ρ²)) with n − 2 degrees of freedom.
    public static func spearman(_ x: [Double], _ y: [Double]) -> TestOutcome {
        precondition(x.count == y.count && x.count >= 3, "Spearman's correlation needs two equally long samples of three or more")
        let rho = PearsonCorrelation.of(Sample.averageRanks(x), Sample.averageRanks(y))
        let df = Double(x.count - 2)
        let p: Double
        if abs(rho) >= 1 {
            p = 0
        } else {
            p = SpecialFunctions.studentTTwoSided(rho * (df / ((1 - rho) * (1 + rho))).squareRoot(), df: df)
        }
        return TestOutcome(statistic: rho, p: p, degreesOfFreedom: df, method: .studentT)
    }
}
