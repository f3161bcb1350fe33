import Foundation
import Testing
@testable import Landscape

/// The statistics of the template language against SciPy and NumPy
/// (Fixtures/statistics_scipy.json, written by bench/make_statistics_fixtures.py): descriptive
/// statistics, quantiles (NumPy's default, definition 7), percentiles and z-scores, Welch's and
/// the paired t test, the signed-rank and Mann–Whitney tests in their exact and approximate
/// branches, Spearman's correlation, and the distribution functions beneath them.
@Suite struct StatisticsSciPyTests {
    struct Fixture: Decodable {
        struct T: Decodable { let t: Double; let df: Double; let p: Double }
        struct Rank: Decodable { let statistic: Double; let p: Double; let exact: Bool }
        struct U: Decodable { let u: Double; let p: Double; let exact: Bool }
        struct Rho: Decodable { let rho: Double; let p: Double }
        struct Case: Decodable {
            let name: String
            let x: [Double]
            let y: [Double]
            let mean, sd, se, median: Double
            let quantiles, percentiles, zscores: [[Double]]
            let welch: T
            let paired_t: T?
            let wilcoxon: Rank?
            let spearman: Rho?
            let mann_whitney: U
        }
        let cases: [Case]
        let t_cdf: [[Double]]
        let t_quantiles: [[Double]]
        let incomplete_beta: [[Double]]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "statistics_scipy", withExtension: "json")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func descriptiveStatisticsMatchNumPy() {
        #expect(Self.fixture.cases.count >= 8)
        for c in Self.fixture.cases {
            #expect(Self.close(Sample.mean(c.x), c.mean), "\(c.name)")
            #expect(Self.close(Sample.standardDeviation(c.x), c.sd), "\(c.name)")
            #expect(Self.close(Sample.standardError(c.x), c.se), "\(c.name)")
            #expect(Self.close(Sample.median(c.x), c.median), "\(c.name)")
            for q in c.quantiles { #expect(Self.close(Sample.quantile(c.x, q[0]), q[1]), "\(c.name) q=\(q[0])") }
            for v in c.percentiles { #expect(Self.close(Sample.percentile(of: v[0], in: c.x), v[1]), "\(c.name) \(v[0])") }
            for v in c.zscores { #expect(Self.close(Sample.zScore(of: v[0], in: c.x), v[1]), "\(c.name) \(v[0])") }
        }
    }

    @Test func tTestsMatchSciPy() {
        var paired = 0
        for c in Self.fixture.cases {
            let welch = HypothesisTests.welch(c.x, c.y)
            #expect(Self.close(welch.statistic, c.welch.t) && Self.close(welch.degreesOfFreedom!, c.welch.df), "\(c.name)")
            #expect(Self.close(welch.p, c.welch.p, 1e-9), "\(c.name): \(welch.p) vs \(c.welch.p)")
            guard let expected = c.paired_t else { continue }
            paired += 1
            let t = HypothesisTests.pairedT(c.x, c.y)
            #expect(Self.close(t.statistic, expected.t) && t.degreesOfFreedom == expected.df, "\(c.name)")
            #expect(Self.close(t.p, expected.p, 1e-9), "\(c.name): \(t.p) vs \(expected.p)")
        }
        #expect(paired >= 6)
    }

    @Test func rankTestsMatchSciPyInBothBranches() {
        var branches: Set<String> = []
        for c in Self.fixture.cases {
            let u = HypothesisTests.mannWhitneyU(c.x, c.y)
            #expect(Self.close(u.statistic, c.mann_whitney.u), "\(c.name)")
            #expect(Self.close(u.p, c.mann_whitney.p, 1e-9), "\(c.name): \(u.p) vs \(c.mann_whitney.p)")
            #expect((u.method == .exact) == c.mann_whitney.exact, "\(c.name)")
            branches.insert("U \(u.method)")
            guard let expected = c.wilcoxon else { continue }
            let w = HypothesisTests.wilcoxonSignedRank(c.x, c.y)
            #expect(Self.close(w.statistic, expected.statistic), "\(c.name)")
            #expect(Self.close(w.p, expected.p, 1e-9), "\(c.name): \(w.p) vs \(expected.p)")
            #expect((w.method == .exact) == expected.exact, "\(c.name)")
            branches.insert("W \(w.method)")
        }
        #expect(branches.count == 4, "\(branches)")
    }

    @Test func spearmanMatchesSciPy() {
        for c in Self.fixture.cases {
            guard let expected = c.spearman else { continue }
            let rho = HypothesisTests.spearman(c.x, c.y)
            #expect(Self.close(rho.statistic, expected.rho), "\(c.name)")
            #expect(Self.close(rho.p, expected.p, 1e-9), "\(c.name): \(rho.p) vs \(expected.p)")
        }
    }

    @Test func distributionFunctionsMatchSciPy() {
        for row in Self.fixture.incomplete_beta {
            let value = SpecialFunctions.regularizedIncompleteBeta(row[0], a: row[1], b: row[2])
            #expect(Self.close(value, row[3], 1e-11), "I_\(row[0])(\(row[1]), \(row[2])) = \(value) vs \(row[3])")
        }
        for row in Self.fixture.t_cdf {
            #expect(Self.close(SpecialFunctions.studentTCDF(row[0], df: row[1]), row[2], 1e-11), "t=\(row[0]) df=\(row[1])")
        }
        for row in Self.fixture.t_quantiles {
            #expect(Self.close(SpecialFunctions.studentTQuantile(row[0], df: row[1]), row[2], 1e-9), "p=\(row[0]) df=\(row[1])")
        }
    }

    /// Independent of SciPy: the exact null distributions sum to the number of outcomes
    /// (2ⁿ sign patterns; C(m+n, m) arrangements), seen through a p-value of exactly 1 at the centre.
    @Test func exactNullDistributionsAreSymmetricAtTheCentre() {
        // R⁺ = n(n+1)/4 is the centre for n = 3 with differences 1, −2, 3 → R⁺ = 4 > 3: p = 2·P(R⁺ ≥ 4) = 2·3/8.
        let w = HypothesisTests.wilcoxonSignedRank([1, -2, 3], [0, 0, 0])
        #expect(w.method == .exact && abs(w.p - 0.75) < 1e-15)
        // U = 2 of m = n = 2 (the centre): p = 1.
        let u = HypothesisTests.mannWhitneyU([1, 4], [2, 3])
        #expect(u.method == .exact && u.p == 1 && u.statistic == 2)
    }
}
