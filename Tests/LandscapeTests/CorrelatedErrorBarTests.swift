import Foundation
import Testing
@testable import Landscape

/// τ_int and blocking against the AR(1) series x_{t+1} = ρ x_t + √(1 − ρ²) ξ_t, which is
/// stationary with unit variance from x_0 ~ N(0, 1) and has τ_int = (1 + ρ)/(1 − ρ) exactly.
@Suite struct CorrelatedErrorBarTests {
    static func autoregressive(count: Int, rho: Double, generator: SeededGenerator) -> [Double] {
        var g = generator
        let kick = (1 - rho * rho).squareRoot()
        var x = g.normal()
        return (0..<count).map { _ in
            defer { x = rho * x + kick * g.normal() }
            return x
        }
    }

    /// Long series: the estimate lies within three of its own (Madras–Sokal) error bars of the
    /// truth, and that error bar is a few percent.
    @Test(arguments: [0.5, 0.8])
    func autocorrelationTimeOfAnAR1Series(rho: Double) {
        let series = Self.autoregressive(count: 400_000, rho: rho, generator: SeededGenerator(seed: 11))
        let estimate = IntegratedAutocorrelation(series)
        let truth = (1 + rho) / (1 - rho)
        #expect(estimate.windowFound)
        #expect(estimate.timeError / truth < 0.03)
        #expect(abs(estimate.time / truth - 1) < 0.05)
        #expect(abs(estimate.time - truth) < 3 * estimate.timeError, "τ = \(estimate.time), truth \(truth)")
        #expect(abs(estimate.variance - 1) < 0.02)
    }

    /// Over many independent series the 1-SE and 2-SE bars cover the true mean 0 at the Gaussian
    /// rates (68.3 %, 95.4 %) for τ_int, and at Student's t rates with 9 degrees of freedom
    /// (65.7 %, 92.3 %) for 10 blocks; the tolerance is three binomial standard deviations.
    @Test func errorBarsCoverTheTruthAtTheNominalRate() {
        let replicas = 1000, root = SeededGenerator(seed: 5)
        var covered = (tau1: 0, tau2: 0, block1: 0, block2: 0)
        for r in 0..<replicas {
            let series = Self.autoregressive(count: 2000, rho: 0.5, generator: root.child(r))
            let tau = Estimate(meanOf: series, errorBars: .sokal)
            let blocks = Estimate(meanOf: series, errorBars: .blocking(blocks: 10))
            if abs(tau.value) < tau.standardError { covered.tau1 += 1 }
            if abs(tau.value) < 2 * tau.standardError { covered.tau2 += 1 }
            if abs(blocks.value) < blocks.standardError { covered.block1 += 1 }
            if abs(blocks.value) < 2 * blocks.standardError { covered.block2 += 1 }
        }
        func expectRate(_ count: Int, _ rate: Double, _ label: String) {
            let observed = Double(count) / Double(replicas)
            let tolerance = 3 * (rate * (1 - rate) / Double(replicas)).squareRoot()
            #expect(abs(observed - rate) < tolerance, "\(label): \(observed) against \(rate)")
        }
        expectRate(covered.tau1, 0.6827, "τ_int, 1 SE")
        expectRate(covered.tau2, 0.9545, "τ_int, 2 SE")
        expectRate(covered.block1, 0.6566, "10 blocks, 1 SE")
        expectRate(covered.block2, 0.9234, "10 blocks, 2 SE")
    }

    @Test func blocksDropTheEarliestRemainder() {
        let series = (0..<23).map(Double.init)
        let blocks = BlockAverage(series, blocks: 5)
        #expect(blocks.blockLength == 4)
        #expect(blocks.blockMeans == [4.5, 8.5, 12.5, 16.5, 20.5])
        #expect(blocks.mean == 12.5)
        #expect(abs(blocks.standardError - (160.0 / 4 / 5).squareRoot()) < 1e-12)
        #expect(blocks.degreesOfFreedom == 4)
    }

    @Test func constantAndUncorrelatedSeries() {
        let constant = IntegratedAutocorrelation(Array(repeating: 3.0, count: 100))
        #expect(constant.time == 1 && constant.standardErrorOfMean == 0 && constant.mean == 3)
        var g = SeededGenerator(seed: 2)
        let white = IntegratedAutocorrelation((0..<100_000).map { _ in g.normal() })
        #expect(abs(white.time - 1) < 3 * white.timeError)
        #expect(white.window >= 5)
    }
}
