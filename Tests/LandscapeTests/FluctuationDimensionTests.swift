import Foundation
import Testing
@testable import Landscape

@Suite struct FluctuationDimensionTests {
    /// Independent Gamma(D/2, T) excess losses, each T/2 times a χ² with D degrees of freedom.
    static func gammaLosses(dimension: Int, temperature: Double, minimumLoss: Double, count: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            minimumLoss + temperature / 2 * (0..<dimension).reduce(0) { sum, _ in let z = g.normal(); return sum + z * z }
        }
    }

    /// On independent Gamma samples both estimators return D within their error bars, and the error
    /// bars have the size the Gamma law gives: SE(D_mean) = √(2D/n), SE(D_var) = 2√((2k² + 6k)/n)
    /// with k = D/2 (the variance of the squared deviation is (2k² + 6k)T⁴).
    @Test(arguments: [ErrorBarMethod.sokal, .blocking(blocks: 10)])
    func estimatorsRecoverDFromGammaSamples(method: ErrorBarMethod) {
        let d = 7, temperature = 0.01, n = 100_000
        let losses = Self.gammaLosses(dimension: d, temperature: temperature, minimumLoss: 0.2, count: n, seed: 3)
        let f = FluctuationDimension(losses: losses, temperature: temperature, minimumLoss: 0.2, errorBars: method)
        let k = Double(d) / 2
        let meanError = (2 * Double(d) / Double(n)).squareRoot()
        let varianceError = 2 * ((2 * k * k + 6 * k) / Double(n)).squareRoot()
        // Blocking's error bar has 9 degrees of freedom: its own scatter is about √(1/18) ≈ 24 %.
        let scatter = method == .sokal ? 0.1 : 0.7
        #expect(abs(f.dimensionFromMean.standardError / meanError - 1) < scatter)
        #expect(abs(f.dimensionFromVariance.standardError / varianceError - 1) < scatter)
        #expect(abs(f.dimensionFromMean.value - Double(d)) < 3 * meanError)
        #expect(abs(f.dimensionFromVariance.value - Double(d)) < 3 * varianceError)
        #expect(abs(f.meanExcess.value - Double(d) * temperature / 2) < 3 * f.meanExcess.standardError)
    }

    /// Windows of only 40 correlation times: the mean squared deviation alone falls 2.4 % short of
    /// Var(L) (about five standard errors of this test); with the squared error of the mean added,
    /// D_var averaged over 3000 windows is D within three standard errors. The excess loss is T/2
    /// times a sum of D squared AR(1) series (ρ = 0.9), so it is Gamma(D/2, T) with
    /// τ_int = (1 + ρ²)/(1 − ρ²).
    @Test func shortWindowsGiveUnbiasedVariance() {
        let d = 4, rho = 0.9, n = 400, windows = 3000, root = SeededGenerator(seed: 21)
        let kick = (1 - rho * rho).squareRoot()
        let estimates = (0..<windows).map { w in
            var g = root.child(w)
            var z = (0..<d).map { _ in g.normal() }
            var losses = [Double](repeating: 0, count: n)
            for t in 0..<n {
                for j in 0..<d {
                    losses[t] += 0.5 * z[j] * z[j]
                    z[j] = rho * z[j] + kick * g.normal()
                }
            }
            return FluctuationDimension(losses: losses, temperature: 1, minimumLoss: 0).dimensionFromVariance.value
        }
        let summary = SampleSummary(estimates)!
        #expect(abs(summary.mean - Double(d)) < 3 * summary.standardDeviation / Double(windows).squareRoot(), "\(summary.mean)")
    }

    @Test func successiveWindowsCoverTheRangeInOrder() {
        let losses = Self.gammaLosses(dimension: 3, temperature: 0.1, minimumLoss: 0, count: 1003, seed: 8)
        let windows = FluctuationDimension.successiveWindows(4, of: losses, in: 3..<1003, temperature: 0.1, minimumLoss: 0)
        #expect(windows.map(\.window) == [3..<253, 253..<503, 503..<753, 753..<1003])
        let direct = FluctuationDimension(losses: Array(losses[503..<753]), temperature: 0.1, minimumLoss: 0)
        #expect(windows[2].meanExcess == direct.meanExcess && windows[2].lossVariance == direct.lossVariance)
    }

    /// The Gamma law: exact forms for D = 2 and 4, and for D = 5 unit mass, mean D T/2 and variance
    /// D T²/2 by Simpson's rule.
    @Test func excessLossLaw() {
        let t = 0.02
        for x in [0.001, 0.03, 0.2] {
            #expect(abs(ExcessLossLaw(dimension: 2, temperature: t).density(x) / (exp(-x / t) / t) - 1) < 1e-13)
            #expect(abs(ExcessLossLaw(dimension: 4, temperature: t).density(x) / (x * exp(-x / t) / (t * t)) - 1) < 1e-13)
        }
        #expect(ExcessLossLaw(dimension: 1, temperature: t).density(0) == .infinity)
        #expect(ExcessLossLaw(dimension: 2, temperature: t).density(0) == 1 / t)
        #expect(ExcessLossLaw(dimension: 3, temperature: t).density(0) == 0)
        #expect(ExcessLossLaw(dimension: 3, temperature: t).density(-0.1) == 0)

        // Simpson's rule in u = √x, where the integrand 2u · x^m p(x) is smooth at 0.
        let law = ExcessLossLaw(dimension: 5, temperature: t)
        let steps = 4000, upper = (80 * t).squareRoot(), h = upper / Double(steps)
        var moments = [0.0, 0.0, 0.0]
        for i in 0...steps {
            let u = Double(i) * h, x = u * u
            let weight = (i == 0 || i == steps) ? 1.0 : (i.isMultiple(of: 2) ? 2 : 4)
            for m in 0..<3 { moments[m] += weight * h / 3 * 2 * u * pow(x, Double(m)) * law.density(x) }
        }
        #expect(abs(moments[0] - 1) < 1e-12)
        #expect(abs(moments[1] / law.mean - 1) < 1e-12 && law.mean == 5 * t / 2)
        #expect(abs((moments[2] - moments[1] * moments[1]) / law.variance - 1) < 1e-10 && law.variance == 5 * t * t / 2)
    }

    /// D_stiff(s) against Monte Carlo of the quadratic approximation itself: Langevin chains in
    /// ½ Σ λ_i x_i² from x = 0 (eigenvalues over six decades, each 40 times, and flat ones), at
    /// Langevin time s where 2λs runs from 0.005 to 5,000, so soft directions have barely moved:
    /// the mean ΔL over the chains is D_stiff(s) T/2 within four standard errors of the Monte Carlo
    /// (the exact variance of each direction is (T²/2)(1 − e^{−2λs})²), far from the D T/2 of all
    /// positive eigenvalues.
    @Test func harmonicStiffDimensionFollowsTheQuadraticDynamics() {
        let distinct = (0..<7).map { pow(10, Double($0) - 5) }  // 1e-5 … 10
        let stiff = distinct.flatMap { Array(repeating: $0, count: 40) }
        let prediction = HarmonicPrediction(eigenvalues: stiff + [0, 0, -1e-12])
        #expect(prediction.maximumEigenvalue == 10 && prediction.eigenvalues.last == -1e-12)
        #expect(prediction.stiffDimension(time: 0) == 0)
        #expect(abs(prediction.stiffDimension(time: 1e9) - 280) < 1e-9)
        let temperature = 1e-3, eta = 0.0125, steps = 20_000, s = eta * Double(steps)
        let surface = LangevinChainTests.quadratic(stiff: stiff, flat: 3, minimumLoss: 0)
        let chains = 8
        let finals = (0..<chains).map { c -> Double in
            var state = LangevinChain.State(parameters: Array(repeating: 0, count: stiff.count + 3))
            let chain = LangevinChain(surface: surface, temperature: temperature, stepSize: eta, seed: UInt64(100 + c))
            return chain.advance(&state, steps: steps, recordEvery: steps)[0]
        }
        let mean = finals.reduce(0, +) / Double(chains)
        let variance = stiff.reduce(0) { $0 + temperature * temperature / 2 * pow(-expm1(-2 * $1 * s), 2) }
        let predicted = prediction.stiffDimension(time: s) * temperature / 2
        #expect(abs(mean - predicted) < 4 * (variance / Double(chains)).squareRoot(), "MC \(mean), D_stiff T/2 = \(predicted)")
        #expect(predicted < 0.7 * 280 * temperature / 2)
        // Over a window, the mean of D_stiff over its times.
        #expect(prediction.stiffDimension(times: [s, 2 * s]) == (prediction.stiffDimension(time: s) + prediction.stiffDimension(time: 2 * s)) / 2)
    }
}
