/// A path of the six couplings through complex parameter space, as straight legs between coupling
/// shifts (one per coupling: F12, F23, F31, F41, F42, F43, added to its constant), and the tracking of
/// an isolated solution along it. The couplings enter the residual linearly (on the identity
/// diagonal of their F-term), so a solution moves analytically along every leg that avoids the
/// finitely many branch points.
struct CouplingPath: Sendable {
    /// The coupling shifts at the path's vertices, in order; the legs join consecutive ones.
    let vertices: [[Complex]]
    /// Steps (accepted or retried) the whole path may take.
    var stepBudget = 400
    /// The longest step along a leg (a fraction of it).
    var longestStep = 0.25

    init(vertices: [[Complex]]) {
        precondition(vertices.count >= 2 && vertices.allSatisfy { $0.count == 6 })
        self.vertices = vertices
    }

    /// The smallest step along a leg (a fraction of it) before step control gives up.
    var shortestStep = 1e-7

    /// The same path tracked with steps of at most `longestStep` and `stepBudget` steps in all.
    func careful(longestStep: Double, stepBudget: Int) -> CouplingPath {
        var path = self
        path.longestStep = longestStep
        path.stepBudget = stepBudget
        path.shortestStep = 1e-9
        return path
    }

    /// The solution reached by tracking unknowns `u` of `chart` (a solution at the shift of the first
    /// vertex) to the last vertex, or nil if tracking failed.
    func track(_ u: [Complex], in chart: SliceChart) -> [Complex]? {
        let w = DescentWorkspace(chart: chart, unknowns: u)
        return track(w) ? w.unknowns : nil
    }

    /// Tracks the workspace's point along the path; false if tracking failed.
    func track(_ w: DescentWorkspace) -> Bool { trace(w).failure == nil }

    /// Tracks the workspace's point along the path, saying why it failed if it did, how many steps
    /// it took, and how ill-conditioned the Jacobian was along the way.
    func trace(_ w: DescentWorkspace) -> Tracking {
        let path = vertices.map { residualOffset($0, in: w.chart.system) }
        var tracking = Tracking(), budget = stepBudget
        for leg in 0..<(path.count - 1) {
            tracking.failure = trackSegment(w, from: path[leg], to: path[leg + 1], budget: &budget, tracking: &tracking)
            if tracking.failure != nil { break }
        }
        tracking.steps = stepBudget - budget
        return tracking
    }

    /// The residual offset of a coupling shift: each shift on the identity diagonal of its F-term.
    func residualOffset(_ shift: [Complex], in system: BPSSystem) -> [Complex] {
        var o = [Complex](repeating: .zero, count: system.fieldCount)
        for (k, e) in [BPSEquation.f12, .f23, .f31, .f41, .f42, .f43].enumerated() {
            for i in 0..<e.shape(system.n).rows { o[system.index(e, i, i)] = shift[k] }
        }
        return o
    }

    /// Predictor-corrector along the straight segment of residual offsets from `a` to `b`.
    ///
    /// The residual is quadratic, `E(x + h) = E(x) + J h + B(h, h)`, so the path's Taylor series at
    /// the current point follows from one factor of `J^H J`: `J x_1 = -(b - a)` and
    /// `J x_k = -sum_{i+j=k} B(x_i, x_j)`. The predictor sums it to `order`; the corrector is
    /// Gauss-Newton with its Jacobian taken at the predicted point and kept while it contracts
    /// (refreshed where it does not). That factor then serves the next step's series. A step whose
    /// corrector does not reach the tolerance is retried, halved, from the same point.
    private func trackSegment(_ w: DescentWorkspace, from a: [Complex], to b: [Complex], budget: inout Int,
                              tracking: inout Tracking) -> TrackFailure? {
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
        guard factor(w, at: w.x, into: predictor) else { return .singular }
        tracking.note(condition: Self.conditionEstimate(predictor.factor, n: n))
        var expanded = false, rejection = TrackFailure.stepControl
        func residual(at s: Double, _ x: UnsafeMutablePointer<Complex>, _ e: UnsafeMutablePointer<Complex>) -> Double {
            w.chart.system.residual(x, into: e)
            var norm = 0.0
            for i in 0..<m { e[i] += a[i] + s * (b[i] - a[i]); norm += e[i].magnitudeSquared }
            return norm.squareRoot()
        }
        while s < 1 {
            if ds < shortestStep { return rejection }
            if budget == 0 { return .stepBudget }
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
            let predicted = norm
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
                tracking.note(condition: Self.conditionEstimate(corrector.factor, n: n))
                w.x.update(from: w.trialX, count: m)
                swap(&predictor, &corrector)
                expanded = false
                s = target
                ds = min(ds * 1.5, longestStep)
            } else {
                rejection = !factored ? .singular : norm > predicted ? .correctorDiverged : .stepControl
                ds /= 2
            }
            if w.largestUnknown > 1e4 { return .diverged }
        }
        return residual(at: 1, w.x, w.e) < 1e-8 ? nil : .endpointRefused
    }

    /// A lower bound on the condition number of J from the Cholesky factor R of `J^H J`
    /// (R^H R = J^H J): the ratio of R's largest to smallest diagonal entry.
    static func conditionEstimate(_ factor: UnsafePointer<Complex>, n: Int) -> Double {
        var largest = 0.0, smallest = Double.infinity
        for k in 0..<n {
            let d = factor[k * n + k].magnitude
            largest = max(largest, d)
            smallest = min(smallest, d)
        }
        return largest / smallest
    }

    /// Terms of the predictor's Taylor series.
    static let order = 3

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

    /// Gauss-Newton at the path's end (residual offset `offset`) until the step stops shrinking: the
    /// point to the last digits in `w.x`, the iterate before the last step taken in `w.trialX` (their
    /// difference bounds the error, Newton's convergence being quadratic), and that step's length;
    /// infinity if the Jacobian is singular.
    func refine(_ w: DescentWorkspace, offset: [Complex]) -> Double {
        let m = w.m
        let buffers = UnsafeMutablePointer<Complex>.allocate(capacity: m * w.n + w.n * w.n + m)
        defer { buffers.deallocate() }
        let linear = (jacobian: buffers, factor: buffers + m * w.n), before = buffers + m * w.n + w.n * w.n
        before.update(from: w.x, count: m)
        var previous = Double.infinity
        for _ in 0..<8 {
            guard factor(w, at: w.x, into: linear) else { return .infinity }
            w.chart.system.residual(w.x, into: w.e)
            for i in 0..<m { w.e[i] += offset[i] }
            w.trialX.update(from: w.x, count: m)
            step(w, linear, point: w.trialX, residual: w.e)
            var length = 0.0
            for k in 0..<w.n { length += w.step[k].magnitudeSquared }
            length = length.squareRoot()
            if length >= previous { break }
            before.update(from: w.x, count: m)
            w.x.update(from: w.trialX, count: m)
            previous = length
            if length < 1e-15 * (1 + w.largestUnknown) { break }
        }
        w.trialX.update(from: before, count: m)
        return previous
    }
}
