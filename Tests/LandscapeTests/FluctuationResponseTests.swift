import Foundation
import Testing
@testable import Landscape

/// The estimators the Langevin paper adds for equilibrium and stationarity, each against an exact case.
@Suite struct FluctuationResponseTests {
    /// A loss harmonic in D directions has ⟨ΔL⟩ = D T/2 and Var(L) = D T²/2: both sides of the
    /// identity are D exactly, at any spacing of the temperatures.
    @Test func harmonicLossSatisfiesTheIdentityExactly() {
        let d = 17.0, t = [1e-5, 4e-5, 1e-3]
        let pairs = FluctuationResponse.neighbours(temperatures: t, meanLosses: t.map { 0.3 + d * $0 / 2 },
                                                   lossVariances: t.map { d * $0 * $0 / 2 })
        #expect(pairs.count == 2)
        for (pair, (a, b)) in zip(pairs, [(t[0], t[1]), (t[1], t[2])]) {
            #expect(abs(pair.response - d) <= 1e-9 * d && abs(pair.fluctuation - d) <= 1e-12 * d)
            #expect(abs(pair.temperature - (a * b).squareRoot()) <= 1e-15 * pair.temperature)
        }
    }

    /// One boundary-model point, c = A e^{−u} with cutoff ε T = A e^{−X} = 10⁻⁶ fixed: its Gibbs
    /// moments from the closed forms satisfy Var(c) = T² d⟨c⟩/dT, so the chord estimator meets
    /// the variance side to O((ln r)²): SciPy (exp1; bench/fluctuation_response_reference.py) gives relative gaps of
    /// −6.3·10⁻² at r = 10 and −1.8·10⁻² at r = √10 (the paper's grids), −2.4·10⁻³ at r = 1.5,
    /// −1.4·10⁻⁴ at r = 1.1 and −5.9·10⁻⁶ at r = 1.02, and D_var = 0.375045 at T = 10⁻⁴.
    @Test func boundaryModelMeetsTheIdentityAsTheGridIsRefined() {
        func model(_ t: Double) -> BoundaryModel { BoundaryModel(temperature: t, epsilon: 1e-6 / t) }
        let gaps = [(10, -0.06256372198650151), (10.0.squareRoot(), -0.018121558283527794), (1.5, -2.416220004002212e-3),
                    (1.1, -1.3670887801486842e-4), (1.02, -5.93208383048438e-6)]
        for (ratio, gap) in gaps {
            let a = 1e-4, b = a * ratio
            let pair = FluctuationResponse(temperatures: (a, b), meanLosses: (model(a).meanLoss, model(b).meanLoss),
                                           lossVariances: (model(a).lossVariance, model(b).lossVariance))
            #expect(abs((pair.response / pair.fluctuation - 1) - gap) <= 2e-3 * abs(gap) + 1e-9, "r = \(ratio)")
        }
        #expect(abs(model(1e-4).dimensionFromVariance - 0.37504492343380547) < 1e-10)
    }

    /// D_var/D_mean within shorter windows: a series that alternates ±a about m in its first half
    /// and about m + δ in its second has within-half variance a² and whole-window variance
    /// a² + δ²/4, over T⟨ΔL⟩ with ⟨ΔL⟩ = m + δ/2 − L0; its drift is δ/⟨ΔL⟩.
    @Test func varianceRatioAndDriftOfAStepInTheMean() {
        let a = 0.02, m = 1.0, delta = 0.3, l0 = 0.5, t = 0.01
        let losses = (0..<40).map { i in (i < 20 ? m : m + delta) + (i.isMultiple(of: 2) ? a : -a) }
        let estimate = FluctuationDimension(losses: losses, temperature: t, minimumLoss: l0)
        let excess = m + delta / 2 - l0
        #expect(abs(estimate.varianceRatio(of: losses, pieces: 2) - a * a / (t * excess)) <= 1e-12)
        #expect(abs(estimate.varianceRatio(of: losses, pieces: 4) - a * a / (t * excess)) <= 1e-12)
        #expect(abs(estimate.varianceRatio(of: losses, pieces: 1) - (a * a + delta * delta / 4) / (t * excess)) <= 1e-12)
        let m1 = TemperatureSweep.Measurement(
            points: 4, temperature: t, stepSize: 0.1, recordStride: 1, burnInTime: 0, losses: losses, minimumLoss: l0,
            activePoints: [1, 2], curvatures: [1, 3], accuracy: 1, harmonicDimension: .nan, traceTimes: [], traceLosses: [])
        #expect(abs(m1.drift - delta / excess) <= 1e-12)
        #expect(m1.meanCurvature == 2 && abs(m1.largestStepCurvature - 0.3) <= 1e-15)
        #expect(m1.varianceRatios(pieces: [2, 1]) == [estimate.varianceRatio(of: losses, pieces: 2), estimate.varianceRatio(of: losses, pieces: 1)])
    }

    /// The harmonic null per point: s = c/T ~ Gamma(1/2, 1) is active above 1/k with probability
    /// erfc(√(1/k)); P(|Z| > 1) = 0.3173105078629141 at k = 2, and the ratios to the boundary model
    /// are 0.88 (k = 2) and 1.39 (k = 10), as the science notes state.
    @Test func harmonicNullPerActivePoint() {
        #expect(abs(BoundaryModel.harmonicDimensionPerActivePoint(k: 2) - 1 / 0.3173105078629141) <= 1e-12)
        let k2 = BoundaryModel.harmonicDimensionPerActivePoint(k: 2) / BoundaryModel.dimensionPerActivePoint(k: 2)
        let k10 = BoundaryModel.harmonicDimensionPerActivePoint(k: 10) / BoundaryModel.dimensionPerActivePoint(k: 10)
        #expect(abs(k2 - 0.88) < 0.005 && abs(k10 - 1.39) < 0.005)
    }
}
