import Testing
@testable import Landscape

@Suite struct DiscoveryModelTests {
    /// The mean of the exact completion law is n H_n (the equal-basin runs-needed bound).
    @Test func completionLawHasMeanNHn() {
        for n in [1, 12, 56] {
            let model = DiscoveryModel(minima: n)
            let cdf = model.completionCDF(runs: 40 * n)
            let mean = cdf.indices.dropFirst().reduce(0.0) { $0 + Double($1) * (cdf[$1] - cdf[$1 - 1]) }
            #expect(abs(mean - RunsNeeded.equalBasins(n)) < 1e-6 * RunsNeeded.equalBasins(n), "n = \(n)")
        }
    }

    /// For small n the inclusion-exclusion formula is exact in doubles: the recursion agrees.
    @Test func recursionMatchesInclusionExclusion() {
        let n = 6
        let cdf = DiscoveryModel(minima: n).completionCDF(runs: 30)
        for r in [0, 5, 6, 10, 30] {
            var sum = 0.0, binomial = 1.0
            for i in 0...n {
                sum += (i.isMultiple(of: 2) ? 1 : -1) * binomial * pow(1 - Double(i) / Double(n), Double(r))
                binomial = binomial * Double(n - i) / Double(i + 1)
            }
            #expect(abs(cdf[r] - sum) < 1e-12, "r = \(r)")
        }
    }

    /// Simulated censuses agree with the exact mean within sampling error.
    @Test func simulationAgreesWithTheExactMean() {
        let model = DiscoveryModel(minima: 12)
        var generator = SeededGenerator(seed: 4)
        let completions = (0..<4000).compactMap { _ in model.simulate(using: &generator, maximumRuns: 400).completion }
        #expect(completions.count == 4000)
        let summary = SampleSummary(completions.map(Double.init))!
        #expect(abs(summary.mean - RunsNeeded.equalBasins(12)) < 4 * summary.standardDeviation / (4000.0).squareRoot())
    }
}

import Foundation
