/// Monodromy: track a known solution while the six couplings travel a random closed loop in complex
/// parameter space, c -> c + a -> c + b -> c. Going round permutes the isolated solutions, so a
/// solution can come back as a different one: a way to reach minima whose descent basins are tiny.
/// Whatever the tracker returns is re-polished and re-checked at the true couplings, so a path that
/// jumps to another branch only ever yields another genuine solution.
struct MonodromyLoop {
    /// Coupling shifts of the loop's two corners, one per coupling (F12, F23, F31, F41, F42, F43).
    let corners: [[Complex]]

    /// A random loop with corner shifts of size ~ `scale` (real and imaginary parts ~ N(0, scale^2)).
    init(scale: Double, using generator: inout SeededGenerator) {
        corners = (0..<2).map { _ in (0..<6).map { _ in Complex(scale * generator.normal(), scale * generator.normal()) } }
    }

    /// The solution reached by tracking `u` round the loop, or nil if tracking failed.
    func track(_ u: [Complex], in chart: SliceChart) -> [Complex]? {
        let system = chart.system
        let w = DescentWorkspace(chart: chart, unknowns: u)
        // The residual entries each coupling enters (the identity diagonal of its F-term).
        let entries: [[Int]] = [BPSEquation.f12, .f23, .f31, .f41, .f42, .f43].map { e in
            (0..<e.shape(system.n).rows).map { system.index(e, $0, $0) }
        }
        func offset(_ shift: [Complex]) -> [Complex] {
            var o = [Complex](repeating: .zero, count: w.m)
            for (k, rows) in entries.enumerated() { for i in rows { o[i] = shift[k] } }
            return o
        }
        let zero = [Complex](repeating: .zero, count: 6)
        let path = [zero, corners[0], corners[1], zero].map(offset)
        for leg in 0..<3 where !trackSegment(w, from: path[leg], to: path[leg + 1]) { return nil }
        return w.unknowns
    }

    /// Predictor-corrector along the straight segment of residual offsets from `a` to `b`. A step
    /// that fails is retried, halved, from the same point: its predictor reuses that point's
    /// Jacobian and Cholesky factor (the same numbers, not recomputed).
    private func trackSegment(_ w: DescentWorkspace, from a: [Complex], to b: [Complex]) -> Bool {
        let m = w.m, n = w.n
        var s = 0.0, ds = 0.05
        var shifted = [Complex](repeating: .zero, count: m)
        // The Jacobian at `w.x` and the factor of its normal matrix (in `w.normal`), once computed there.
        let predictorJacobian = UnsafeMutablePointer<Complex>.allocate(capacity: m * n)
        defer { predictorJacobian.deallocate() }
        var predictorFactor: Bool?
        func residual(at s: Double, _ x: UnsafeMutablePointer<Complex>, _ e: UnsafeMutablePointer<Complex>) -> Double {
            w.chart.system.residual(x, into: e)
            var norm = 0.0
            for i in 0..<m { e[i] += a[i] + s * (b[i] - a[i]); norm += e[i].magnitudeSquared }
            return norm.squareRoot()
        }
        while s < 1 {
            if ds < 1e-7 { return false }
            let target = min(1, s + ds)
            // Euler predictor: J dx = -(b - a) (target - s), then Gauss-Newton correction at `target`.
            for i in 0..<m { shifted[i] = (target - s) * (b[i] - a[i]) }
            w.trialX.update(from: w.x, count: m)
            if predictorFactor == nil {
                predictorFactor = factorNormalMatrix(w, at: w.x, jacobian: predictorJacobian, into: w.normal)
            }
            var ok = predictorFactor!
            if ok { shifted.withUnsafeBufferPointer { step(w, jacobian: predictorJacobian, factor: w.normal, point: w.trialX, residual: $0.baseAddress!) } }
            var norm = Double.infinity
            for _ in 0..<4 where ok {
                norm = residual(at: target, w.trialX, w.trialE)
                if norm < 1e-11 { break }
                ok = gaussNewtonStep(w, point: w.trialX, residual: w.trialE)
            }
            if ok { norm = residual(at: target, w.trialX, w.trialE) }
            if ok && norm < 1e-8 {
                w.x.update(from: w.trialX, count: m)
                predictorFactor = nil
                s = target
                ds = min(ds * 1.5, 0.1)
            } else {
                ds /= 2
            }
            if w.largestUnknown > 1e4 { return false }
        }
        return residual(at: 1, w.x, w.e) < 1e-8
    }

    /// One Gauss-Newton step `point -= (J^H J)^-1 J^H r` with J at `point`; false if singular.
    private func gaussNewtonStep(_ w: DescentWorkspace, point: UnsafeMutablePointer<Complex>, residual r: UnsafePointer<Complex>) -> Bool {
        guard factorNormalMatrix(w, at: point, jacobian: w.jacobian, into: w.factor) else { return false }
        step(w, jacobian: w.jacobian, factor: w.factor, point: point, residual: r)
        return true
    }

    /// The Jacobian J at `point` and the Cholesky factor of `J^H J`; false if it is singular.
    private func factorNormalMatrix(_ w: DescentWorkspace, at point: UnsafePointer<Complex>,
                                    jacobian: UnsafeMutablePointer<Complex>, into factor: UnsafeMutablePointer<Complex>) -> Bool {
        w.chart.system.jacobian(point, columns: w.column, unknowns: w.n, into: jacobian)
        DenseSolve.normalMatrix(jacobian, m: w.m, n: w.n, into: factor)
        return DenseSolve.cholesky(factor, n: w.n)
    }

    /// `point -= (J^H J)^-1 J^H r`, given J and the factor of `J^H J`.
    private func step(_ w: DescentWorkspace, jacobian: UnsafePointer<Complex>, factor: UnsafePointer<Complex>,
                      point: UnsafeMutablePointer<Complex>, residual r: UnsafePointer<Complex>) {
        let m = w.m, n = w.n
        for k in 0..<n {
            var g = Complex.zero
            let col = jacobian + k * m
            for i in 0..<m { g += col[i].conjugate * r[i] }
            w.step[k] = -g
        }
        DenseSolve.choleskySolve(factor, w.step, n: n)
        for k in 0..<n { point[w.free[k]] += w.step[k] }
    }
}
