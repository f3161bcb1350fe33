import Foundation
import Testing
@testable import Landscape

@Suite struct BoundaryModelTests {
    /// D_mean per active point, 2/E1(1/k) (mpmath): 3.573 for k = 2, 1.097 for k = 10.
    @Test func activePointRatios() {
        #expect(abs(BoundaryModel.dimensionPerActivePoint(k: 2) - 3.5728730662970071085) < 1e-12)
        #expect(abs(BoundaryModel.dimensionPerActivePoint(k: 10) - 1.0971384685371886598) < 1e-12)
    }

    /// `lossVariance` goes through ⟨c²⟩ − ⟨c⟩², `dimensionFromVariance` through the ratio
    /// (1 + ε) − e^{−ε}/E1(ε): the two closed forms agree, and the ratio stays below 1.
    @Test func closedFormsAgree() {
        for epsilon in [1e-12, 1e-4, 0.1, 1, 5, 40, 800] {
            let model = BoundaryModel(temperature: 0.003, epsilon: epsilon)
            let viaMoments = 2 * model.lossVariance / (0.003 * 0.003)
            #expect(abs(viaMoments / model.dimensionFromVariance - 1) < 1e-9 * max(1, epsilon * epsilon), "ε = \(epsilon)")
            #expect(model.varianceToMeanRatio < 1 && model.varianceToMeanRatio > 0)
        }
        let fromCutoff = BoundaryModel(temperature: 0.01, amplitude: 2, cutoff: 9)
        #expect(abs(fromCutoff.epsilon - 200 * exp(-9)) < 1e-15)
    }

    /// Monte Carlo of the model against its closed forms: ⟨s⟩, Var(s), and P(s > 1/k), each within
    /// four standard errors of the sample.
    @Test(arguments: [1e-4, 0.1, 1, 5])
    func samplesMatchTheClosedForms(epsilon: Double) {
        let temperature = 0.01, n = 200_000
        let model = BoundaryModel(temperature: temperature, epsilon: epsilon)
        var generator = SeededGenerator(seed: 17)
        let s = (0..<n).map { _ in model.sample(using: &generator) / temperature }
        #expect(s.allSatisfy { $0 >= epsilon })
        let mean = s.reduce(0, +) / Double(n)
        let centred = s.map { ($0 - mean) * ($0 - mean) }
        let variance = centred.reduce(0, +) / Double(n)
        let fourth = centred.reduce(0) { $0 + $1 * $1 } / Double(n)
        let meanError = (variance / Double(n)).squareRoot()
        let varianceError = ((fourth - variance * variance) / Double(n)).squareRoot()
        #expect(abs(mean - model.meanLoss / temperature) < 4 * meanError)
        #expect(abs(variance - model.lossVariance / (temperature * temperature)) < 4 * varianceError)
        for k in [2.0, 10] {
            let p = model.activeProbability(k: k)
            let observed = Double(s.filter { $0 > 1 / k }.count) / Double(n)
            #expect(abs(observed - p) <= 4 * (p * (1 - p) / Double(n)).squareRoot(), "k = \(k)")
        }
    }

    /// D_mean ≈ n_active(k) · 2/E1(1/k) for small ε, exactly with the factor e^{−ε}.
    @Test func dimensionTracksActivePoints() {
        let model = BoundaryModel(temperature: 1e-3, epsilon: 1e-6)
        for k in [2.0, 10, 20] {
            let perActive = model.dimensionFromMean / model.activeProbability(k: k)
            #expect(abs(perActive / BoundaryModel.dimensionPerActivePoint(k: k) - exp(-1e-6)) < 1e-12)
        }
    }
}
