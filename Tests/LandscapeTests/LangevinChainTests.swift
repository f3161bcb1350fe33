import Foundation
import Testing
@testable import Landscape

@Suite struct LangevinChainTests {
    /// `L0 + ½ Σ λ_i x_i²` over the stiff coordinates; the remaining `flat` coordinates leave the
    /// loss unchanged.
    static func quadratic(stiff: [Double], flat: Int, minimumLoss: Double) -> LossSurface {
        LossSurface(
            dimension: stiff.count + flat,
            value: { x in
                var loss = minimumLoss
                for i in stiff.indices { loss += 0.5 * stiff[i] * x[i] * x[i] }
                return loss
            },
            gradient: { x in
                var gradient = [Double](repeating: 0, count: x.count)
                for i in stiff.indices { gradient[i] = stiff[i] * x[i] }
                return gradient
            })
    }

    /// Ten stiff directions with curvatures spread over a decade, five flat ones.
    static let eigenvalues = (0..<10).map { pow(10, Double($0) / 9) }
    static let surface = quadratic(stiff: eigenvalues, flat: 5, minimumLoss: 0.25)

    /// A trajectory is a pure function of (seed, start, step): resumed in pieces it is the same to
    /// the last bit, records included; another seed gives another trajectory.
    @Test func resumingReproducesTheTrajectory() {
        let sampler = LangevinChain(surface: Self.surface, temperature: 0.01, stepSize: 0.01, seed: 9)
        let start = LangevinChain.State(parameters: Array(repeating: 0.5, count: 15))
        var whole = start, pieces = start
        let losses = sampler.advance(&whole, steps: 300, recordEvery: 3)
        let first = sampler.advance(&pieces, steps: 100, recordEvery: 3)
        let second = sampler.advance(&pieces, steps: 200, recordEvery: 3)
        #expect(whole == pieces && whole.step == 300)
        #expect(losses == first + second && losses.count == 100)
        var other = start
        _ = LangevinChain(surface: Self.surface, temperature: 0.01, stepSize: 0.01, seed: 10).advance(&other, steps: 300)
        #expect(other.parameters != whole.parameters)
    }

    /// The Leimkuhler–Matthews step samples a quadratic exactly even at a large step: with ηλ = 0.5,
    /// ⟨½λx²⟩ = T/2, where Euler–Maruyama would give (T/2)/(1 − ηλ/2), 33 % more.
    @Test func largeStepsSampleAQuadraticExactly() {
        let temperature = 0.1
        let surface = Self.quadratic(stiff: [2], flat: 0, minimumLoss: 0)
        let sampler = LangevinChain(surface: surface, temperature: temperature, stepSize: 0.25, seed: 4)
        var state = LangevinChain.State(parameters: [0])
        _ = sampler.advance(&state, steps: 1000)
        let mean = Estimate(meanOf: sampler.advance(&state, steps: 100_000), errorBars: .sokal)
        #expect(mean.standardError < 0.02 * temperature / 2)
        #expect(abs(mean.value - temperature / 2) < 3 * mean.standardError, "⟨L⟩ = \(mean)")
    }

    /// End to end on the quadratic, at two temperatures: D_mean and D_var within three of their error
    /// bars of D = 10, with error bars below 1.5 % (so within a few percent), and ⟨ΔL⟩ within three
    /// error bars of D T/2. The step follows the stability rule ηλ_max = 0.3.
    @Test(arguments: zip([1e-3, 1e-2], [UInt64(1), 2]))
    func quadraticLossGivesItsDimension(temperature: Double, seed: UInt64) {
        let stepSize = 0.3 / Self.eigenvalues.max()!
        let sampler = LangevinChain(surface: Self.surface, temperature: temperature, stepSize: stepSize, seed: seed)
        var state = LangevinChain.State(parameters: Array(repeating: 1, count: 15))
        let burnIn = sampler.advance(&state, steps: 10_000, recordEvery: 2)
        let losses = sampler.advance(&state, steps: 250_000, recordEvery: 2)
        let f = FluctuationDimension(losses: losses, temperature: temperature, minimumLoss: 0.25)
        #expect(burnIn.count == 5000 && f.window == 0..<125_000)
        for d in [f.dimensionFromMean, f.dimensionFromVariance] {
            #expect(d.standardError < 0.15, "\(d)")
            #expect(abs(d.value - 10) < 3 * d.standardError, "\(d)")
        }
        #expect(abs(f.meanExcess.value - 10 * temperature / 2) < 3 * f.meanExcess.standardError)
    }
}
