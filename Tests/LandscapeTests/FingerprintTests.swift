import Testing
@testable import Landscape

@Suite struct FingerprintTests {
    @Test(arguments: [1, 2, 3])
    func invariantUnderTheGaugeGroup(n: Int) {
        let system = BPSSystem(n: n)
        var generator = SeededGenerator(seed: 99)
        let x = (0..<system.fieldCount).map { _ in Complex(generator.normal(), generator.normal()) }
        let f = Fingerprint(configuration: x, in: system)
        for _ in 0..<5 {
            let g = GaugeTransform.random(n: n, using: &generator)
            #expect(Fingerprint(configuration: g.apply(to: x, in: system), in: system).matches(f, tolerance: 1e-9))
        }
        #expect(f.values.count == f.degrees.count && f.values.count > 100)
    }

    @Test func imagesAreTheFingerprintsOfTheImages() {
        let system = BPSSystem(n: 2)
        var generator = SeededGenerator(seed: 4)
        let x = (0..<system.fieldCount).map { _ in Complex(generator.normal(), generator.normal()) }
        let f = Fingerprint(configuration: x, in: system)
        #expect(Fingerprint(configuration: x.map { -$0 }, in: system).matches(f.negated, tolerance: 1e-12))
        #expect(Fingerprint(configuration: x.map(\.conjugate), in: system).matches(f.conjugated, tolerance: 1e-12))
        #expect(!f.matches(f.negated))
    }

    @Test func separatesDistinctConfigurations() {
        let system = BPSSystem(n: 3)
        var generator = SeededGenerator(seed: 8)
        let x = (0..<system.fieldCount).map { _ in Complex(generator.normal(), generator.normal()) }
        var y = x
        y[system.index(.phi2, 1, 2)] += Complex(1e-3, 0)
        #expect(!Fingerprint(configuration: x, in: system).matches(Fingerprint(configuration: y, in: system)))
    }
}

@Suite struct RunsNeededTests {
    @Test(arguments: [1, 12, 56, 208])
    func equalProbabilitiesGiveNHn(n: Int) {
        let exact = RunsNeeded.equalBasins(n)
        let integral = RunsNeeded.unequalBasins(probabilities: Array(repeating: 1 / Double(n), count: n))
        #expect(abs(integral - exact) < 1e-6 * exact)
    }

    @Test func knownValuesAndOrdering() {
        #expect(abs(RunsNeeded.equalBasins(12) - 37.238) < 1e-3)
        // Unequal basins need more runs than equal ones with the same count.
        let skewed = RunsNeeded.unequalBasins(probabilities: [0.5, 0.3, 0.15, 0.05])
        #expect(skewed > RunsNeeded.equalBasins(4))
        // Two coupons with p = 1/2 and 1/2 (Poissonised): 3.
        #expect(abs(RunsNeeded.unequalBasins(probabilities: [0.5, 0.5]) - 3) < 1e-9)
        #expect(abs(RunsNeeded.expectedDistinct(minima: 2, runs: 1) - 1) < 1e-12)
    }
}
