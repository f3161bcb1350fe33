import Foundation
import Testing
@testable import Landscape

/// The calibrated hierarchy test: the per-replica-effects null, planted trees at a given scale,
/// the power estimate with its Wilson interval, and pairwise weight and activation matching,
/// against exact cases and NumPy/SciPy references (Fixtures/spinglass_scipy.json, written by
/// bench/make_spinglass_fixtures.py).
@Suite struct HierarchyTestTests {
    struct Fixture: Decodable {
        struct Effects: Decodable { let distances: [[Double]]; let fitted: [Double] }
        struct Matching: Decodable { let inputs: Int, hidden: Int, outputs: Int; let a: [Double], b: [Double]; let permutation: [Int] }
        struct ActivationMatching: Decodable { let inputs: Int, hidden: Int, outputs: Int; let a: [Double], b: [Double], x: [Double]; let permutation: [Int] }
        struct Wilson: Decodable { let successes: Int, trials: Int; let low: Double, high: Double }
        let effects: [Effects]
        let matching: [Matching]
        let activation_matching: [ActivationMatching]
        let wilson: [Wilson]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "spinglass_scipy", withExtension: "json")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    @Test func perReplicaFitMatchesNumPyLeastSquares() {
        #expect(Self.fixture.effects.count == 3)
        for fixtureCase in Self.fixture.effects {
            let model = ReplicaEffects(distances: fixtureCase.distances)
            let fitted = ReplicaOverlap.offDiagonal(model.distances(residuals: fixtureCase.fitted.map { _ in 0 }))
            #expect(fitted.count == fixtureCase.fitted.count)
            #expect(zip(fitted, fixtureCase.fitted).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(abs(model.effects.reduce(0, +)) < 1e-12)
            // The data are the fit plus the residuals.
            let rebuilt = ReplicaOverlap.offDiagonal(model.distances(residuals: model.residuals))
            #expect(zip(rebuilt, ReplicaOverlap.offDiagonal(fixtureCase.distances)).allSatisfy { abs($0 - $1) < 1e-14 })
        }
    }

    @Test func anAdditiveMatrixIsFittedExactly() {
        let alpha = [0.1, -0.05, 0.02, -0.07, 0.0]
        let d = (0..<5).map { a in (0..<5).map { b in a == b ? 0 : 0.5 + alpha[a] + alpha[b] } }
        let model = ReplicaEffects(distances: d)
        #expect(abs(model.mean - 0.5) < 1e-14)
        #expect(zip(model.effects, alpha).allSatisfy { abs($0 - $1) < 1e-14 })
        #expect(model.residuals.allSatisfy { abs($0) < 1e-14 })
    }

    @Test func aShuffledDrawKeepsTheEffectsAndPermutesTheResiduals() {
        var generator = SeededGenerator(seed: 3)
        let points = ReplicaOverlap.gaussianPoints(count: 10, dimension: 30, generator: &generator)
        let model = ReplicaEffects(distances: ReplicaOverlap.distances(ReplicaOverlap.matrix(points)))
        let draw = model.shuffled(using: &generator)
        let residuals = ReplicaOverlap.offDiagonal(draw).enumerated().map { n, d in
            let pair = ReplicaEffects.pairs(10)[n]
            return d - model.mean - model.effects[pair.a] - model.effects[pair.b]
        }
        #expect(zip(residuals.sorted(), model.residuals.sorted()).allSatisfy { abs($0 - $1) < 1e-13 })
        #expect(residuals != model.residuals)
    }

    @Test func sharedLevelsCountThePairsOfABalancedBinaryTree() {
        let shared = PlantedTree.sharedLevels(count: 32, levels: 3)
        var counts = [Int](repeating: 0, count: 4)
        for a in 0..<32 { for b in (a + 1)..<32 { counts[shared[a][b]] += 1 } }
        // 32 leaves in 8 finest groups of 4: 8·6 pairs share all 3 levels, 4·16 share 2, 2·64 share 1, 256 none.
        #expect(counts == [256, 128, 64, 48])
        #expect((0..<32).allSatisfy { shared[$0][$0] == 3 })
    }

    @Test func aPlantedTreeWithoutNoiseIsExactlyUltrametricAndKeepsTheMean() {
        // No effects, no residuals: d depends on the shared level only, an ultrametric.
        let flat = (0..<16).map { a in (0..<16).map { b in a == b ? 0.0 : 0.6 } }
        let model = ReplicaEffects(distances: flat)
        var generator = SeededGenerator(seed: 9)
        let planted = PlantedTree.distances(model, gap: 0.05, levels: 2, using: &generator)
        let statistics = HierarchyStatistics(distances: planted)
        #expect(abs(statistics.kMean) < 1e-12)
        #expect(abs(statistics.copheneticCorrelation - 1) < 1e-12)
        #expect(abs(Sample.mean(ReplicaOverlap.offDiagonal(planted)) - 0.6) < 1e-14)
        #expect(Set(ReplicaOverlap.offDiagonal(planted).map { ($0 * 1e9).rounded() }).count == 3)
    }

    @Test func powerCountsTheAlternativesWithAMonteCarloPValueAtMostAlpha() {
        let null = (1...100).map(Double.init)
        // p = (1 + #{null ≤ x})/101 ≤ 0.05 needs #{null ≤ x} ≤ 4: x = 1 (p = 2/101) is rejected,
        // x = 5 (p = 6/101) and 6 are not.
        #expect(NullDistribution.pValue(1, null: null, lower: true) == 2.0 / 101)
        #expect(NullDistribution.power(null: null, alternative: [5, 6, 1], alpha: 0.05, lower: true) == 1.0 / 3)
        // Upper tail: #{null ≥ x} is 6 at 95, 5 at 95.1, 0 at 200: only 200 (p = 1/101) is rejected.
        #expect(NullDistribution.power(null: null, alternative: [95, 95.1, 200, 3], alpha: 0.05, lower: false) == 0.25)
    }

    /// Under the null the rank rule rejects with probability exactly ⌊α(n + 1)⌋/(n + 1): 1/31 for
    /// n = 30 draws at α = 0.05. A rule comparing with the interpolated 5 % quantile of the draws
    /// (the one the paper used first) rejects about 2.45/31 = 7.9 % here, and #{null ≤ x}/n ≤ α
    /// 2/31 = 6.5 %: either would fail this, 40,000 repetitions putting the s.e. at 0.09 %.
    @Test func theMonteCarloTestHasItsExactSizeWithFewNullDraws() {
        var generator = SeededGenerator(seed: 31)
        let repetitions = 40_000
        var rejected = 0
        for _ in 0..<repetitions {
            let null = (0..<30).map { _ in generator.uniform() }
            rejected += NullDistribution.rejections(null: null, alternative: [generator.uniform()], alpha: 0.05, lower: true)
        }
        let exact = 1.0 / 31, rate = Double(rejected) / Double(repetitions)
        let se = (exact * (1 - exact) / Double(repetitions)).squareRoot()
        #expect(abs(rate - exact) < 4 * se, "size \(rate) against the exact \(exact)")
    }

    @Test func wilsonIntervalsMatchSciPy() {
        #expect(Self.fixture.wilson.count == 8)
        for c in Self.fixture.wilson {
            let interval = Proportion.wilsonInterval(successes: c.successes, trials: c.trials)
            #expect(abs(interval.lowerBound - c.low) < 1e-12 && abs(interval.upperBound - c.high) < 1e-12, "\(c.successes)/\(c.trials): \(interval)")
        }
    }

    /// At gap 0 a planted draw is a null draw, so the test rejects about α of them; a large gap is
    /// always detected.
    @Test func theTestHoldsItsLevelAtGapZeroAndDetectsALargeGap() {
        var generator = SeededGenerator(seed: 21)
        let points = ReplicaOverlap.gaussianPoints(count: 16, dimension: 60, generator: &generator)
        let model = ReplicaEffects(distances: ReplicaOverlap.distances(ReplicaOverlap.matrix(points)))
        let null = (0..<400).map { i -> Double in
            var g = SeededGenerator(seed: 1000 + UInt64(i))
            return HierarchyStatistics(distances: model.shuffled(using: &g)).kMean
        }
        func power(_ gap: Double) -> Double {
            let k = (0..<400).map { i -> Double in
                var g = SeededGenerator(seed: 5000 + UInt64(i))
                return HierarchyStatistics(distances: PlantedTree.distances(model, gap: gap, levels: 2, using: &g)).kMean
            }
            return NullDistribution.power(null: null, alternative: k, alpha: 0.05, lower: true)
        }
        let level = power(0)
        // 400 draws: the binomial s.d. of a 5 % rate is 1.1 %.
        #expect(level > 0.01 && level < 0.1, "rejection rate at gap 0: \(level)")
        #expect(power(0.5) == 1)
    }

    @Test func pairwiseMatchingMatchesSciPy() {
        #expect(Self.fixture.matching.count == 3)
        for fixtureCase in Self.fixture.matching {
            let network = MultilayerPerceptron(inputs: fixtureCase.inputs, hidden: [fixtureCase.hidden], outputs: fixtureCase.outputs, activation: .relu)
            let units = HiddenUnits(network)
            let matched = EnsembleAlignment.pairwise(fixtureCase.a, fixtureCase.b, units: units)
            #expect(matched.permutation == fixtureCase.permutation)
            // The aligned b is b's function: same outputs on random inputs.
            var generator = SeededGenerator(seed: 4)
            let x = (0..<(7 * fixtureCase.inputs)).map { _ in generator.normal() }
            #expect(zip(network.outputs(matched.b, inputs: x), network.outputs(fixtureCase.b, inputs: x)).allSatisfy { abs($0 - $1) < 1e-10 })
            #expect(zip(network.outputs(matched.a, inputs: x), network.outputs(fixtureCase.a, inputs: x)).allSatisfy { abs($0 - $1) < 1e-10 })
        }
    }

    /// SciPy's assignment on the activation correlations; the matched b computes b's function, and
    /// (b being a noisy, permuted, rescaled copy of a) matching by activations raises the overlap
    /// of the rescaled pair above that of the unmatched pair.
    @Test func activationMatchingMatchesSciPy() {
        #expect(Self.fixture.activation_matching.count == 3)
        for c in Self.fixture.activation_matching {
            let network = MultilayerPerceptron(inputs: c.inputs, hidden: [c.hidden], outputs: c.outputs, activation: .relu)
            let units = HiddenUnits(network)
            let matched = EnsembleAlignment.activationMatching(c.a, c.b, units: units, inputs: c.x)
            #expect(matched.permutation == c.permutation)
            #expect(zip(network.outputs(matched.b, inputs: c.x), network.outputs(c.b, inputs: c.x)).allSatisfy { abs($0 - $1) < 1e-10 })
            let unmatched = ReplicaOverlap.matrix([matched.a, units.normalisingRescaling(c.b)])[0][1]
            #expect(ReplicaOverlap.matrix([matched.a, matched.b])[0][1] > unmatched + 0.1)
        }
    }
}
