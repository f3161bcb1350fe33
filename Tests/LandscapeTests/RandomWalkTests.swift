import Testing
@testable import Landscape

@Suite struct RandomWalkTests {
    /// L = L* + ½ Σ_k h_k (θ_k − θ*_k)², P = 40, tr H known.
    static let p = 40
    static let curvatures = (0..<p).map { 0.5 + 2.5 * Double($0) / Double(p - 1) }
    static let center = (0..<p).map { Double($0 % 5) - 2 }
    static let minimum = 0.3
    static func quadratic(_ x: [Double]) -> Double {
        minimum + 0.5 * zip(zip(x, center), curvatures).reduce(0) { $0 + $1.1 * ($1.0.0 - $1.0.1) * ($1.0.0 - $1.0.1) }
    }
    static var predictedSlope: Double { curvatures.reduce(0, +) / Double(2 * p) }

    /// ⟨L(r)⟩ − L* = r² tr(H)/(2P) for the isotropic displacements of a free walk, and E r_t² = t η².
    @Test func freeWalkOnAQuadraticFollowsTheClosedForm() {
        let walks = 400, steps = 25, eta = 0.3
        var ratios: [Double] = [], squares: [Double] = []
        for w in 0..<walks {
            let records = RandomWalk(center: Self.center, stepSize: eta, seed: UInt64(w)).free(steps: steps, every: 5) { $0.map { [Self.quadratic($0)] } }
            #expect(records.map(\.step) == [0, 5, 10, 15, 20, 25] && records[0].distance == 0 && records[0].losses[0] == Self.minimum)
            let last = records.last!
            ratios.append((last.losses[0] - Self.minimum) / (last.distance * last.distance))
            squares.append(last.distance * last.distance)
        }
        let ratio = SampleSummary(ratios)!, square = SampleSummary(squares)!
        #expect(abs(ratio.mean - Self.predictedSlope) < 4 * ratio.standardDeviation / Double(walks).squareRoot())
        #expect(abs(square.mean - Double(steps) * eta * eta) < 4 * square.standardDeviation / Double(walks).squareRoot())
    }

    @Test func sharpnessOnAQuadraticFollowsTheClosedForm() {
        let r = 0.7, samples = 2000
        let measured = Perturbation.isotropic.sharpness(at: Self.center, scale: r, samples: samples, seed: 3) { $0.map(Self.quadratic) }
        // Var of ½ r² ξ̂ᵀHξ̂ is at most (r² (h_max − h_min)/4)²: a generous 5σ bound.
        let bound = 5 * r * r * (3.0 - 0.5) / 4 / Double(samples).squareRoot()
        #expect(abs(measured - r * r * Self.predictedSlope) < bound)
    }

    @Test func constrainedWalkStaysBelowItsThresholdAndIsFreeWithoutOne() {
        let walk = RandomWalk(center: Self.center, stepSize: 0.5, seed: 7)
        let threshold = Self.minimum + 0.5
        let (records, accepted) = walk.constrained(steps: 200, threshold: threshold) { [Self.quadratic($0)] }
        #expect(records.allSatisfy { $0.losses[0] < threshold })
        #expect(accepted > 0 && accepted < 200)
        #expect(records[0].distance == 0 && abs(records[0].overlap - 1) < 1e-12 && records.allSatisfy { $0.overlap <= 1 + 1e-12 })
        let free = walk.free(steps: 30) { $0.map { [Self.quadratic($0)] } }
        let unconstrained = walk.constrained(steps: 30, threshold: .infinity) { [Self.quadratic($0)] }
        #expect(unconstrained.accepted == 30 && unconstrained.records == free)
    }

    /// Walks stepped together (their proposals evaluated in one call) are each the walk alone.
    @Test func walksSteppedTogetherAreEachTheWalkAlone() {
        let walks = (0..<3).map { RandomWalk(center: Self.center, stepSize: 0.3 + 0.2 * Double($0), seed: UInt64(20 + $0)) }
        let thresholds = [0.3, 0.6, 1.2].map { Self.minimum + $0 }
        var calls = 0
        let together = RandomWalk.constrained(walks, steps: 80, thresholds: thresholds, every: 4) { points in
            calls += 1
            return points.map { [Self.quadratic($0)] }
        }
        #expect(calls == 81)
        for (w, walk) in walks.enumerated() {
            let alone = walk.constrained(steps: 80, threshold: thresholds[w], every: 4) { [Self.quadratic($0)] }
            #expect(together[w].records == alone.records && together[w].accepted == alone.accepted)
            #expect(alone.accepted > 0 && alone.accepted < 80)
        }
    }

    @Test func sphereWalkStaysOnItsSphere() {
        let losses = RandomWalk(center: Self.center, stepSize: 0.1, seed: 2).sphere(radius: 0.8, steps: 50) { points in
            points.map { x in zip(x, Self.center).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        }
        #expect(losses.count == 51 && losses.allSatisfy { abs($0 - 0.8) < 1e-12 })
    }

    @Test func filterNormalisedDirectionsHaveTheFiltersNorms() {
        let network = MultilayerPerceptron(inputs: 3, hidden: [4], outputs: 2, activation: .relu)
        let theta = network.initialParameters(seed: 1, scheme: .he).enumerated().map { $1 + 0.1 * Double($0 % 3) }
        let d = Perturbation.filterNormalised(network).direction(at: theta, seed: 5)
        for layer in network.layers {
            for j in 0..<layer.outputs {
                let filter = (0..<layer.inputs).map { layer.weightIndex(row: j, column: $0) } + [layer.biasOffset + j]
                let a = filter.reduce(0) { $0 + d[$1] * d[$1] }, b = filter.reduce(0) { $0 + theta[$1] * theta[$1] }
                #expect(abs(a - b) < 1e-12)
            }
        }
        #expect(abs(d.reduce(0) { $0 + $1 * $1 } - theta.reduce(0) { $0 + $1 * $1 }) < 1e-10)
    }

    @Test func escapeScaleInterpolatesTheHalfwayCrossing() {
        // L = 1 + 2r on a grid: halfway to saturation 5 is L = 3 at r = 1.
        let r = stride(from: 0.0, through: 3, by: 0.3).map { $0 }
        #expect(abs(RandomWalk.escapeScale(distances: r, losses: r.map { 1 + 2 * $0 }, saturation: 5) - 1) < 1e-12)
        #expect(RandomWalk.escapeScale(distances: r, losses: r.map { _ in 1 }, saturation: 5).isNaN)
    }

    /// An AR(1) series x_{t+1} = φ x_t + ε has ρ(1) = φ, so ℓ = −1/ln φ.
    @Test func correlationLengthOfAnAutoregressiveSeries() {
        var generator = SeededGenerator(seed: 4), x = 0.0
        let phi = 0.8
        let series = (0..<200_000).map { _ in x = phi * x + generator.normal(); return x }
        #expect(abs(RandomWalk.correlationLength(series) - (-1 / log(phi))) < 0.15)
        #expect(RandomWalk.correlationLength([1, -1, 1, -1, 1, -1]) == 0)
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
