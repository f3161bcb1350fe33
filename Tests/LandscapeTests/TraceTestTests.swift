import Testing
@testable import Landscape

/// The fiber trace test along a line of couplings: exact where it must be (the line through the
/// origin, on any subset), and not affine on complete sets along a random line, which is why it
/// cannot certify a census (TraceTest's documentation).
@Suite struct TraceTestTests {
    static let couplings: [Complex] = {
        let c = BPSSystem.couplings
        return [c.c12, c.c23, c.c13, c.c14, c.c24, c.c34].map { Complex($0, 0) }
    }()

    static func census(_ n: Int, runs: Int) -> [Minimum] {
        var census = MinimaCensus(n: n, runs: runs, seed: 2023)
        census.expected = [1: 12, 2: 56][n]
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        return census.run().minima
    }

    /// Along c + tau c each minimum scales by sqrt(1 + tau): every trace is affine, even over a subset.
    @Test func radialLineIsAffineOnAnySubset() {
        let minima = Self.census(1, runs: 48)
        #expect(minima.count == 12)
        let test = TraceTest(seed: 5, direction: Self.couplings.map { Complex(0.3, 0.1) * $0 })
        let result = test.run(Array(minima.prefix(5)), n: 1, threads: .serial)
        #expect(result.passed && result.untracked == 0 && result.collisions == 0)
        #expect(result.deviation < 1e-14 && result.threshold < 1e-11)
    }

    /// Along random lines the traces over the complete sets at N = 1 and 2 are not affine: far above the
    /// tracking error, and shrinking as the square of the step (smooth, curved), with every minimum
    /// tracked and no two endpoints alike.
    @Test(arguments: [1, 2]) func completeFiberTraceIsNotAffine(n: Int) {
        let minima = Self.census(n, runs: n == 1 ? 48 : 192)
        #expect(minima.count == [1: 12, 2: 56][n])
        let system = BPSSystem(n: n), charts = GaugeSlice.all.map { SliceChart(system: system, slice: $0) }
        var deviations: [Double] = []
        for scale in [0.1, 0.01] {
            let test = TraceTest(seed: 5, direction: TraceTest(seed: 5).direction.map { Complex(scale, 0) * $0 })
            let transports = minima.map { test.transport($0, charts: charts, careful: true) }
            let result = test.evaluate(transports, collisions: test.collisions(transports).count)
            #expect(result.untracked == 0 && result.collisions == 0)
            #expect(!result.passed && result.deviation > 1e6 * result.threshold)
            deviations.append(result.deviation)
        }
        // A step ten times shorter: the second difference falls by about a hundred.
        #expect(deviations[0] / deviations[1] > 20 && deviations[0] / deviations[1] < 500)
    }
}
