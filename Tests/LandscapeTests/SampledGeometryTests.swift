import Foundation
import Testing
@testable import Landscape

/// The estimators of the sampled-point geometry and of the per-point law, each against an exact
/// case or a second method.
@Suite struct SampledGeometryTests {
    /// Points ±a along v₁ and ±b along v₂ (orthonormal, rotated off the axes) about an origin that
    /// is not their mean: the projections' population variances are a² and b² exactly.
    @Test func projectedSpreadOfKnownPoints() {
        let c = cos(0.3), s = sin(0.3), v1 = [c, s, 0], v2 = [-s, c, 0], origin = [1.0, -2, 0.5], shift = [0.2, 0.1, 0.0]
        let a = 0.7, b = 0.05
        var spread = ProjectedSpread(origin: origin, directions: [v1, v2])
        for (x, y) in [(a, b), (-a, b), (a, -b), (-a, -b)] {
            spread.add((0..<3).map { origin[$0] + shift[$0] + x * v1[$0] + y * v2[$0] })
        }
        #expect(spread.count == 4)
        #expect(abs(spread.variances[0] - a * a) <= 1e-12 && abs(spread.variances[1] - b * b) <= 1e-12)
    }

    /// A quadratic ½ Σ λ_i (v_i·θ)² with eigenvectors rotated off the axes: Leimkuhler–Matthews
    /// Langevin at T has the exact stationary variance T/λ_i along v_i at any stable step, so the
    /// harmonic ratio Var(v_i·θ)λ_i/T is 1 up to sampling error (2 % or less at 400,000 steps; the
    /// bound is 8 %). A direction that is flat beyond its curvature would give a ratio above 1.
    @Test func harmonicRatioIsOneOnAQuadratic() {
        let lambdas = [4.0, 2.0, 1.0], t = 0.01, eta = 0.05 / lambdas[0]
        // v_i: the columns of a rotation about (1, 1, 1)/√3 by 0.7 rad (Rodrigues' formula).
        let k = [1.0, 1, 1].map { $0 / 3.0.squareRoot() }, angle = 0.7
        let vectors = (0..<3).map { j -> [Double] in
            let e = (0..<3).map { $0 == j ? 1.0 : 0 }
            let kDotE = k[j], cross = [k[1] * e[2] - k[2] * e[1], k[2] * e[0] - k[0] * e[2], k[0] * e[1] - k[1] * e[0]]
            return (0..<3).map { e[$0] * cos(angle) + cross[$0] * sin(angle) + k[$0] * kDotE * (1 - cos(angle)) }
        }
        func gradient(_ theta: [Double]) -> [Double] {
            var g = [Double](repeating: 0, count: 3)
            for (lambda, v) in zip(lambdas, vectors) {
                let x = zip(v, theta).reduce(0) { $0 + $1.0 * $1.1 }
                for m in 0..<3 { g[m] += lambda * x * v[m] }
            }
            return g
        }
        var rule = OverdampedLangevin(stepSize: eta, temperature: t, seed: 5, discretisation: .leimkuhlerMatthews)
        var theta = [0.0, 0, 0]
        for step in 0..<2000 { rule.update(&theta, gradient: gradient(theta), step: step) }
        var spread = ProjectedSpread(origin: theta, directions: vectors)
        for step in 2000..<402_000 {
            rule.update(&theta, gradient: gradient(theta), step: step)
            spread.add(theta)
        }
        let geometry = SampledGeometry(temperature: t, eigenvalues: lambdas, spreads: spread.variances, spectrum: [], countAboveTemperature: .nan)
        for ratio in geometry.harmonicRatios { #expect(abs(ratio - 1) < 0.08, "ratio \(ratio)") }
    }

    /// The boundary model's bin probabilities against exact draws of the model (ε = 10⁻⁹), 400,000
    /// of them, kept where s ≥ 1/50: every bin within 4.5 standard errors of its count; and the
    /// harmonic null's against the Gamma(1/2) density integrated by Simpson's rule in √s.
    @Test func binProbabilitiesAgainstSamplingAndQuadrature() {
        let edges = BoundaryModel.ratioBinEdges
        #expect(edges.count == 29 && abs(edges[4] - 0.1) < 1e-15 && abs(edges[8] - 0.5) < 1e-15)
        // A loss that underflowed to 0, NaN, and ratios beyond the edges fall in no bin; an edge opens its bin.
        #expect([0, .nan, 0.0199, 1562.5, .infinity].allSatisfy { BoundaryModel.ratioBin($0) == nil })
        #expect(BoundaryModel.ratioBin(0.02) == 0 && BoundaryModel.ratioBin(edges[4]) == 4 && BoundaryModel.ratioBin(edges[8]) == 8)
        #expect(BoundaryModel.ratioBin(0.0999) == 3 && BoundaryModel.ratioBin(1562.4) == 27)
        let model = BoundaryModel.binProbabilities(edges: edges), null = BoundaryModel.harmonicBinProbabilities(edges: edges)
        #expect(abs(model.reduce(0, +) - 1) < 1e-9 && abs(null.reduce(0, +) - 1) < 1e-9)
        let point = BoundaryModel(temperature: 1, epsilon: 1e-9)
        var generator = SeededGenerator(seed: 11), counts = [Double](repeating: 0, count: model.count), kept = 0.0
        for _ in 0..<400_000 {
            let s = point.sample(using: &generator)
            guard s >= edges[0], let bin = edges.lastIndex(where: { $0 <= s }), bin < model.count else { continue }
            counts[bin] += 1; kept += 1
        }
        for (count, p) in zip(counts, model) {
            #expect(abs(count - kept * p) <= 4.5 * (kept * p * (1 - p)).squareRoot() + 1, "\(count) against \(kept * p)")
        }
        // Gamma(1/2): P(a ≤ s < b) = ∫ e^{−s}/√(πs) ds = (2/√π) ∫_{√a}^{√b} e^{−u²} du, by Simpson with 2,000 intervals.
        func simpson(_ lower: Double, _ upper: Double) -> Double {
            let n = 2000, h = (upper - lower) / Double(n)
            let sum = (0...n).reduce(0.0) { total, i in
                let w: Double = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)
                let u = lower + Double(i) * h
                return total + w * exp(-u * u)
            }
            return 2 / Double.pi.squareRoot() * sum * h / 3
        }
        let whole = simpson(edges[0].squareRoot(), 12)
        for (b, p) in null.enumerated() {
            #expect(abs(p - simpson(edges[b].squareRoot(), edges[b + 1].squareRoot()) / whole) <= 1e-9)
        }
        // E1(1/2) = 0.5597736, E1(1/10) = 1.8229240 (Abramowitz & Stegun 5.1); erfc(√(1/2)) = 0.3173105, erfc(√(1/10)) = 0.6547208.
        #expect(abs(BoundaryModel.activeShare.model - 0.5597736 / 1.8229240) < 1e-6)
        #expect(abs(BoundaryModel.activeShare.null - 0.3173105 / 0.6547208) < 1e-6)
    }
}
