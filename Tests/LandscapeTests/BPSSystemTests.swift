import Testing
@testable import Landscape

@Suite struct BPSSystemTests {
    @Test(arguments: [1, 2, 3, 4])
    func sizesMatchTheScienceNote(n: Int) {
        let system = BPSSystem(n: n)
        #expect(system.fieldCount == 3 * n * n + 6 * n + 9)
        for slice in GaugeSlice.all {
            #expect(SliceChart(system: system, slice: slice).unknownCount == GaugeSlice.unknownCount(n: n))
        }
        #expect(Set(GaugeSlice.all).count == 24)
        // The science note's table: complex unknowns 15, 27, 43, 63 and scalar equations 18, 33, 54, 81.
        #expect(GaugeSlice.unknownCount(n: n) == [15, 27, 43, 63][n - 1])
        #expect(system.fieldCount == [18, 33, 54, 81][n - 1])
    }

    /// The equations are the gradient of a superpotential (up to phi_i -> -phi_i), so the Jacobian
    /// with rows re-ordered to partner fields and signed is a symmetric Hessian.
    @Test(arguments: [1, 2, 3])
    func jacobianIsASignedHessian(n: Int) {
        let system = BPSSystem(n: n)
        let everything = SliceChart(system: system, slice: .authors)
        var generator = SeededGenerator(seed: 11)
        let x = (0..<system.fieldCount).map { _ in Complex(generator.normal(), generator.normal()) }
        var j = [Complex](repeating: .zero, count: system.fieldCount * system.fieldCount)
        let all = [Int32](0..<Int32(system.fieldCount))
        x.withUnsafeBufferPointer { xp in all.withUnsafeBufferPointer { cp in j.withUnsafeMutableBufferPointer { jp in
            system.jacobian(xp.baseAddress!, columns: cp.baseAddress!, unknowns: system.fieldCount, into: jp.baseAddress!)
        } } }
        let m = system.fieldCount
        let phiStart = system.index(.phi1)
        func sign(_ f: Int) -> Double { f >= phiStart ? -1 : 1 }
        for f in 0..<m { for g in 0..<m {
            let hfg = sign(f) * j[g * m + system.partnerEquation(ofField: f)]
            let hgf = sign(g) * j[f * m + system.partnerEquation(ofField: g)]
            #expect((hfg - hgf).magnitude < 1e-12)
        } }
        #expect(everything.unknownCount < m)
    }

    @Test(arguments: [1, 2, 3])
    func jacobianAndGradientMatchFiniteDifferences(n: Int) {
        let system = BPSSystem(n: n)
        var generator = SeededGenerator(seed: UInt64(n))
        for slice in [GaugeSlice.all[0], GaugeSlice.all[7], GaugeSlice.all[13], GaugeSlice.all[23]] {
            let chart = SliceChart(system: system, slice: slice)
            let u = chart.randomUnknowns(box: 1, using: &generator)
            let j = chart.jacobian(u), g = chart.conjugateGradient(u)
            let m = system.fieldCount, h = 1e-6
            for k in 0..<chart.unknownCount {
                var plus = u, minus = u
                plus[k] += Complex(h, 0); minus[k] -= Complex(h, 0)
                let ep = system.residual(chart.configuration(plus)), em = system.residual(chart.configuration(minus))
                for i in 0..<m {
                    let fd = (1 / (2 * h)) * (ep[i] - em[i])
                    #expect((fd - j[k * m + i]).magnitude < 1e-7 * (1 + fd.magnitude))
                }
                // Real gradient: dL/dRe + i dL/dIm = 2 J^H E.
                var plusI = u, minusI = u
                plusI[k] += Complex(0, h); minusI[k] -= Complex(0, h)
                let dRe = (chart.loss(plus) - chart.loss(minus)) / (2 * h)
                let dIm = (chart.loss(plusI) - chart.loss(minusI)) / (2 * h)
                let analytic = 2 * g[k]
                #expect(abs(dRe - analytic.re) < 1e-6 * (1 + abs(dRe)))
                #expect(abs(dIm - analytic.im) < 1e-6 * (1 + abs(dIm)))
            }
        }
    }

    /// Gauge fixing a randomly transformed in-slice configuration lands back on it.
    @Test(arguments: [1, 2, 3])
    func gaugeFixingInvertsARandomTransformation(n: Int) throws {
        let system = BPSSystem(n: n)
        var generator = SeededGenerator(seed: 5)
        for slice in GaugeSlice.all {
            let chart = SliceChart(system: system, slice: slice)
            let x = chart.configuration(chart.randomUnknowns(box: 1, using: &generator))
            let moved = GaugeTransform.random(n: n, using: &generator).apply(to: x, in: system)
            let back = try #require(slice.fix(moved, in: system))
            let error = zip(back, x).map { ($0 - $1).magnitude }.max()!
            #expect(error < 1e-9, "\(slice)")
        }
    }

    /// The residual is exactly quadratic: `E(x + h) = E(x) + J h + B(h, h)` (the tracker's Taylor series rests on it).
    @Test(arguments: [1, 2, 3])
    func residualIsItsSecondOrderExpansion(n: Int) {
        let system = BPSSystem(n: n), m = system.fieldCount
        var generator = SeededGenerator(seed: 17)
        let x = (0..<m).map { _ in Complex(generator.normal(), generator.normal()) }
        let h = (0..<m).map { _ in Complex(generator.normal(), generator.normal()) }
        let all = [Int32](0..<Int32(m))
        var j = [Complex](repeating: .zero, count: m * m), quadratic = [Complex](repeating: .zero, count: m)
        x.withUnsafeBufferPointer { xp in all.withUnsafeBufferPointer { cp in j.withUnsafeMutableBufferPointer { jp in
            system.jacobian(xp.baseAddress!, columns: cp.baseAddress!, unknowns: m, into: jp.baseAddress!)
        } } }
        h.withUnsafeBufferPointer { hp in quadratic.withUnsafeMutableBufferPointer { system.bilinear(hp.baseAddress!, hp.baseAddress!, adding: $0.baseAddress!) } }
        let moved = system.residual(zip(x, h).map { $0 + $1 }), here = system.residual(x)
        for i in 0..<m {
            let linear = (0..<m).reduce(Complex.zero) { $0 + j[$1 * m + i] * h[$1] }
            let expansion = here[i] + linear + quadratic[i]
            #expect((moved[i] - expansion).magnitude < 1e-12 * (1 + moved[i].magnitude))
        }
    }

    /// `J^H J` summed over the Jacobian's structural nonzeros equals the dense product.
    @Test(arguments: [1, 2, 3])
    func sparseNormalMatrixIsTheDenseOne(n: Int) {
        let system = BPSSystem(n: n)
        var generator = SeededGenerator(seed: 23)
        for slice in [GaugeSlice.authors, GaugeSlice.all[13], GaugeSlice.all[23]] {
            let chart = SliceChart(system: system, slice: slice)
            let u = chart.randomUnknowns(box: 2, using: &generator)
            let j = chart.jacobian(u), m = system.fieldCount, k = chart.unknownCount
            let dense = normalMatrix(j, m: m, n: k)
            let w = DescentWorkspace(chart: chart, unknowns: u)
            var sparse = [Complex](repeating: Complex(.nan, .nan), count: k * k)
            j.withUnsafeBufferPointer { jp in sparse.withUnsafeMutableBufferPointer { w.normalMatrix(jp.baseAddress!, into: $0.baseAddress!) } }
            let scale = dense.map(\.magnitude).max()!
            for b in 0..<k { for a in 0...b { #expect((sparse[b * k + a] - dense[b * k + a]).magnitude < 1e-13 * scale) } }
        }
    }
}
