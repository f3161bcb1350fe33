import Testing
@testable import Landscape

/// The census tracker's linear algebra and chart moves (`PathLinearization`, `CouplingPath.rechart`).
@Suite struct PathLinearizationTests {
    let chart = SliceChart(system: BPSSystem(n: 2), slice: .authors)

    func minima() -> [Minimum] {
        var census = MinimaCensus(n: 2, runs: 96, seed: 2023)
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        census.expected = 56
        return census.run().minima
    }

    /// The step from QR of J and from the Cholesky factor of J^H J agree at a well-conditioned
    /// point, and the QR step solves the normal equations J^H (J d + r) = 0. Fails if the Householder
    /// reflections are applied untransposed, the triangle is solved from the wrong side, or the
    /// step's sign or scatter into the free entries is wrong.
    @Test func qrStepIsTheLeastSquaresStep() {
        var generator = SeededGenerator(seed: 3)
        let u = chart.randomUnknowns(box: 1, using: &generator)
        let w = DescentWorkspace(chart: chart, unknowns: u), m = w.m, n = w.n
        let cholesky = PathLinearization(m: m, n: n, choleskyLimit: .infinity), qr = PathLinearization(m: m, n: n, choleskyLimit: 0)
        #expect(cholesky.factor(w, at: w.x) && !cholesky.usesQR)
        #expect(qr.factor(w, at: w.x) && qr.usesQR)
        #expect(abs(qr.conditionEstimate / cholesky.conditionEstimate - 1) < 1e-6)
        let r = (0..<m).map { _ in Complex(generator.normal(), generator.normal()) }
        var steps: [[Complex]] = []
        for linear in [cholesky, qr] {
            let point = UnsafeMutablePointer<Complex>.allocate(capacity: m)
            defer { point.deallocate() }
            point.initialize(repeating: .zero, count: m)
            r.withUnsafeBufferPointer { linear.step(w, point: point, residual: $0.baseAddress!) }
            steps.append(chart.free.map { point[$0] })
        }
        let size = steps[0].reduce(0) { max($0, $1.magnitude) }
        #expect(size > 1e-3 && zip(steps[0], steps[1]).allSatisfy { ($0 - $1).magnitude < 1e-9 * size })
        let j = chart.jacobian(u)
        for k in 0..<n {
            var g = Complex.zero
            for i in 0..<m {
                var jd = r[i]
                for l in 0..<n { jd += j[l * m + i] * steps[1][l] }
                g += j[k * m + i].conjugate * jd
            }
            #expect(g.magnitude < 1e-9 * (1 + size))
        }
    }

    /// A minimum seen in the chart where its unknowns are largest moves, by `rechart`, into a chart
    /// where they are at most half as large, as the same gauge orbit (same invariants) and still a
    /// solution. Fails if the move keeps the chart, picks a larger chart, or mis-gauges the point.
    @Test func rechartMovesIntoASmallerChart() throws {
        let system = BPSSystem(n: 2), charts = GaugeSlice.all.map { SliceChart(system: system, slice: $0) }
        var worst: (DescentWorkspace, Minimum)?
        for m in minima() {
            for c in charts {
                guard let fixed = c.slice.fix(m.configuration, in: system) else { continue }
                let w = DescentWorkspace(chart: c, unknowns: c.unknowns(fixed))
                if w.largestUnknown > worst?.0.largestUnknown ?? 0 { worst = (w, m) }
            }
        }
        let (w, m) = try #require(worst)
        var path = CouplingPath(vertices: [Array(repeating: .zero, count: 6), Array(repeating: .zero, count: 6)])
        path.charts = charts
        let moved = try #require(path.rechart(w))
        #expect(moved.chart.slice != w.chart.slice && moved.largestUnknown < w.largestUnknown / 2)
        let x = Array(UnsafeBufferPointer(start: moved.x, count: moved.m))
        #expect(Fingerprint(configuration: x, in: system).matches(m.fingerprint))
        #expect(system.residual(x).allSatisfy { $0.magnitude < 1e-8 * (1 + w.largestUnknown * w.largestUnknown) })
        path.charts = []
        #expect(path.rechart(w) == nil)
    }

    /// At N = 2 (seed 2023, 96 descents, blind) no completion track fails at its first attempt;
    /// before the relative tolerance, the chart moves and the QR fallback, 4 of its 170 did.
    @Test func noTrackFailsAtN2() {
        var census = MinimaCensus(n: 2, runs: 96, seed: 2023)
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        let result = census.run()
        #expect(result.tracks.count > 100 && result.failedTracks == 0 && result.minima.count == 56)
    }
}
