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
        var budget = Self.stepBudget
        for leg in 0..<3 where !trackSegment(w, from: path[leg], to: path[leg + 1], budget: &budget) { return nil }
        return w.unknowns
    }

    /// Predictor-corrector along the straight segment of residual offsets from `a` to `b`.
    ///
    /// The residual is quadratic, `E(x + h) = E(x) + J h + B(h, h)`, so the path's Taylor series at
    /// the current point follows from one factor of `J^H J`: `J x_1 = -(b - a)` and
    /// `J x_k = -sum_{i+j=k} B(x_i, x_j)`. The predictor sums it to `order`; the corrector is
    /// Gauss-Newton with its Jacobian taken at the predicted point and kept while it contracts
    /// (refreshed where it does not). That factor then serves the next step's series. A step whose
    /// corrector does not reach the tolerance is retried, halved, from the same point.
    private func trackSegment(_ w: DescentWorkspace, from a: [Complex], to b: [Complex], budget: inout Int) -> Bool {
        let m = w.m, n = w.n, order = Self.order
        var s = 0.0, ds = 0.05
        let buffers = UnsafeMutablePointer<Complex>.allocate(capacity: m * n + n * n + (order + 1) * m)
        defer { buffers.deallocate() }
        // The predictor's and the corrector's Jacobian and factor; after an accepted step the
        // corrector's become the predictor's.
        var predictor = (jacobian: buffers, factor: buffers + m * n), corrector = (jacobian: w.jacobian, factor: w.factor)
        // Taylor coefficients x_1 ... x_order (configuration vectors, zero at fixed entries), and a scratch residual.
        let series = buffers + m * n + n * n, scratch = series
        func coefficient(_ k: Int) -> UnsafeMutablePointer<Complex> { series + k * m }
        guard factor(w, at: w.x, into: predictor) else { return false }
        var expanded = false
        func residual(at s: Double, _ x: UnsafeMutablePointer<Complex>, _ e: UnsafeMutablePointer<Complex>) -> Double {
            w.chart.system.residual(x, into: e)
            var norm = 0.0
            for i in 0..<m { e[i] += a[i] + s * (b[i] - a[i]); norm += e[i].magnitudeSquared }
            return norm.squareRoot()
        }
        while s < 1 {
            if ds < 1e-7 || budget == 0 { return false }
            budget -= 1
            let target = min(1, s + ds), h = target - s
            if !expanded {
                for i in 0..<m { scratch[i] = b[i] - a[i] }
                for k in 1...order {
                    if k > 1 {
                        scratch.update(repeating: .zero, count: m)
                        for i in 1..<k { w.chart.system.bilinear(coefficient(i), coefficient(k - i), adding: scratch) }
                    }
                    coefficient(k).update(repeating: .zero, count: m)
                    step(w, predictor, point: coefficient(k), residual: scratch)
                }
                expanded = true
            }
            w.trialX.update(from: w.x, count: m)
            var power = 1.0
            for k in 1...order {
                power *= h
                let x = coefficient(k)
                for i in 0..<m { w.trialX[i] += power * x[i] }
            }
            var norm = residual(at: target, w.trialX, w.trialE), previous = Double.infinity, factors = 1
            var factored = factor(w, at: w.trialX, into: corrector)
            while factored && norm >= 1e-11 && norm < 0.5 * previous {
                step(w, corrector, point: w.trialX, residual: w.trialE)
                previous = norm
                norm = residual(at: target, w.trialX, w.trialE)
                if norm > 0.1 * previous && norm >= 1e-11 && factors < 3 {
                    factored = factor(w, at: w.trialX, into: corrector)
                    factors += 1
                }
            }
            if factored && norm < 1e-8 {
                w.x.update(from: w.trialX, count: m)
                swap(&predictor, &corrector)
                expanded = false
                s = target
                ds = min(ds * 1.5, Self.longestStep)
            } else {
                ds /= 2
            }
            if w.largestUnknown > 1e4 { return false }
        }
        return residual(at: 1, w.x, w.e) < 1e-8
    }

    /// Terms of the predictor's Taylor series, and the longest step along a segment (a fraction of it).
    static let order = 3, longestStep = 0.25
    /// Steps (accepted or retried) a loop may take: the few loops that pass close to a branch point
    /// crawl for thousands of steps (at N = 3, 8 loops in 392 took half of all steps) and are abandoned.
    static let stepBudget = 400

    /// The Jacobian at `point` and the Cholesky factor of its normal matrix; false if it is singular.
    private func factor(_ w: DescentWorkspace, at point: UnsafePointer<Complex>,
                        into target: (jacobian: UnsafeMutablePointer<Complex>, factor: UnsafeMutablePointer<Complex>)) -> Bool {
        w.chart.system.jacobian(point, columns: w.column, unknowns: w.n, into: target.jacobian)
        w.normalMatrix(target.jacobian, into: target.factor)
        return DenseSolve.cholesky(target.factor, n: w.n)
    }

    /// `point -= (J^H J)^-1 J^H r`, given J and the factor of `J^H J`.
    private func step(_ w: DescentWorkspace, _ linear: (jacobian: UnsafeMutablePointer<Complex>, factor: UnsafeMutablePointer<Complex>),
                      point: UnsafeMutablePointer<Complex>, residual r: UnsafePointer<Complex>) {
        let m = w.m, n = w.n
        for k in 0..<n {
            var g = Complex.zero
            let col = linear.jacobian + k * m
            for i in 0..<m { g += col[i].conjugate * r[i] }
            w.step[k] = -g
        }
        DenseSolve.choleskySolve(linear.factor, w.step, n: n)
        for k in 0..<n { point[w.free[k]] += w.step[k] }
    }
}
