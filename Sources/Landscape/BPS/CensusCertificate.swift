import Foundation

/// A certificate that a set of minima is the whole fiber at the census's couplings, without the
/// known count: the minima carried into one chart (the authors' slice) are W1, W2 is filled by
/// monodromy in a (`WitnessFill`), and the bilinear trace test of W1 and W2 (`BilinearTraceTest`)
/// is the stopping rule of the fill: after every closure of W2 under its family of loops the test
/// runs (only the points new since the last run are tracked along the pencil); it passes, or a
/// loop is added, until `maximumLoops` loops or `patience` loops in a row added nothing to W2
/// (then W2 is stable and the failure says the fiber is incomplete, or a track was lost; at N = 1
/// two idle loops in a row were measured with 60 of the 62 points, so four are asked for).
///
/// Random choices, all from `seed`: the couplings' direction v (shifts ~ N(0, 1/4) in real and
/// imaginary part), a (a complex normal vector, scaled so the largest |a . u_i| over the fiber
/// is 1/2), the loops' corners (the same, 3 to 30 times larger), gamma (on the unit circle) and the trace's functionals.
public struct CensusCertificate: Sendable {
    public let n: Int
    public let seed: UInt64
    /// Loops in the monodromy family at most, and loops in a row without growth before giving up.
    public var maximumLoops = 16
    public var patience = 4

    public init(n: Int, seed: UInt64) { self.n = n; self.seed = seed }

    public struct Result: Sendable, Equatable {
        public let passed: Bool
        public let deviation: Double
        public let threshold: Double
        /// Minima carried into the chart (W1), and those whose orbit misses it or that did not
        /// polish there (not in W1: the certificate is about the chart's points).
        public let fiberPoints: Int
        public let outsideChart: Int
        /// |W2|.
        public let witnessPoints: Int
        /// Paths tracked in all (seeds, loops, pencil), and seed or loop paths that failed.
        public let tracks: Int
        public let failedTracks: Int
        public let loops: Int
        /// The last trace test.
        public let trace: BilinearTraceTest.Result
    }

    /// The chart the certificate works in.
    public var chart: SliceChart { SliceChart(system: BPSSystem(n: n), slice: .authors) }

    /// The fiber's points in the chart, from configurations in any slice.
    func fiber(_ configurations: [[Complex]]) -> (points: [[Complex]], outside: Int) {
        let chart = chart
        var points: [[Complex]] = [], outside = 0
        for x in configurations {
            guard let fixed = chart.slice.fix(x, in: chart.system), let u = chart.polish(chart.unknowns(fixed)),
                  Fingerprint(configuration: chart.configuration(u), in: chart.system)
                    .matches(Fingerprint(configuration: x, in: chart.system)) else { outside += 1; continue }
            points.append(u + [.zero])
        }
        return (points, outside)
    }

    /// The random choices: the curve, a, the trace test, and a generator for the loops.
    func setting(fiber: [[Complex]]) -> (test: BilinearTraceTest, scale: Double, generator: SeededGenerator) {
        var generator = SeededGenerator(seed: seed).child(-2_800_028)
        let direction = (0..<6).map { _ in Complex(0.5 * generator.normal(), 0.5 * generator.normal()) }
        let curve = CouplingCurve(chart: chart, direction: direction)
        let raw = randomVector(&generator)
        // a . u_i within 1/2 of 0 for every fiber point: each stays at least 1/2 away from the
        // hyperplane a . u = 1, so no W1 point is close to a W2 point at t = 0.
        let scale = 0.5 / fiber.map { Cut.dot(raw, $0).magnitude }.reduce(1e-300) { max($0, $1) }
        let angle = 2 * Double.pi * generator.uniform()
        let gamma = Complex(cos(angle), sin(angle))
        let test = BilinearTraceTest(curve: curve, a: raw.map { scale * $0 }, gamma: gamma, using: &generator)
        return (test, scale, generator)
    }

    private func randomVector(_ generator: inout SeededGenerator) -> [Complex] {
        (0..<chart.unknownCount).map { _ in Complex(generator.normal(), generator.normal()) }
    }

    /// Certifies the minima with these configurations (any slice, all fields) on `threads`.
    public func certify(_ configurations: [[Complex]], threads: ThreadBudget) -> Result {
        let outcome = run(configurations, threads: threads), trace = outcome.trace
        return Result(passed: trace.passed, deviation: trace.deviation, threshold: trace.threshold,
                      fiberPoints: outcome.fiber.count, outsideChart: outcome.outside, witnessPoints: outcome.fill.points.count,
                      tracks: outcome.tracks + outcome.fill.tracks, failedTracks: outcome.fill.failed, loops: outcome.fill.loops.count,
                      trace: trace)
    }

    /// Everything a certification computed: W1, the fill (W2 and its loops), the test with every
    /// point's transport along the pencil (W1's first), the pencil paths tracked, the last outcome.
    struct Run {
        let fiber: [[Complex]]
        let outside: Int
        let test: BilinearTraceTest
        let fill: WitnessFill
        let transports: [BilinearTraceTest.Transport?]
        let tracks: Int
        let trace: BilinearTraceTest.Result
    }

    func run(_ configurations: [[Complex]], threads: ThreadBudget) -> Run {
        let (w1, outside) = fiber(configurations)
        let (test, scale, start) = setting(fiber: w1)
        var generator = start
        var fill = WitnessFill(curve: test.curve, a: test.a)
        fill.seed(from: w1, threads: threads)
        var transports: [BilinearTraceTest.Transport?] = [], tracks = 0, idle = 0
        while true {
            if !fill.loops.isEmpty { idle = fill.close(threads: threads) == 0 ? idle + 1 : 0 }
            let tested = test.run(w1 + fill.points, known: transports, threads: threads)
            transports = tested.transports
            tracks += tested.tracks
            if tested.result.passed || fill.loops.count >= maximumLoops || idle >= patience {
                return Run(fiber: w1, outside: outside, test: test, fill: fill, transports: transports, tracks: tracks, trace: tested.result)
            }
            // Corners of a's scale make loops that encircle no branch point (measured at N = 1: every
            // point came back); 3-30 times larger ones permute W2.
            let factor = exp(generator.uniform(log(3), log(30)))
            fill.addLoop((0..<2).map { _ in randomVector(&generator).map { factor * scale * $0 } })
        }
    }
}
