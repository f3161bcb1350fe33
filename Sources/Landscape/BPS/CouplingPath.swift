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

    /// Slice charts the path may move its point into when the unknowns of its chart grow (empty:
    /// it stays in its chart). A chart's gauge conditions degenerate where a fixed field of the
    /// orbit goes to zero (a coupling passing near 0 sends Z12 or Z21 there), and the unknowns of
    /// that chart blow up while the orbit itself stays finite: in another chart the same path is smooth.
    var charts: [SliceChart] = []

    /// Tracks the workspace's point along the path (in its own chart); false if tracking failed.
    func track(_ w: DescentWorkspace) -> Bool {
        var path = self, w = w
        path.charts = []
        return path.trace(&w).failure == nil
    }

    /// Tracks the workspace's point along the path, saying why it failed if it did, how many steps
    /// it took, and how ill-conditioned the Jacobian was along the way; `w` is the workspace of the
    /// chart the path ended in.
    func trace(_ w: inout DescentWorkspace) -> Tracking {
        let path = vertices.map { residualOffset($0, in: w.chart.system) }
        var tracking = Tracking(), budget = stepBudget
        for leg in 0..<(path.count - 1) {
            tracking.position = Double(leg)
            tracking.failure = trackSegment(&w, from: path[leg], to: path[leg + 1], budget: &budget, tracking: &tracking)
            if tracking.failure != nil { break }
            tracking.position = Double(leg + 1)
        }
        tracking.steps = stepBudget - budget
        return tracking
    }

    /// The point of `w` moved into the chart of `charts` where its largest unknown is smallest, if
    /// that is under half of what it is now; nil otherwise.
    func rechart(_ w: DescentWorkspace) -> DescentWorkspace? {
        let x = Array(UnsafeBufferPointer(start: w.x, count: w.m))
        var best: DescentWorkspace?, size = w.largestUnknown / 2
        for chart in charts where chart.slice != w.chart.slice {
            guard let fixed = chart.slice.fix(x, in: chart.system) else { continue }
            let candidate = DescentWorkspace(chart: chart, unknowns: chart.unknowns(fixed))
            if candidate.largestUnknown < size { best = candidate; size = candidate.largestUnknown }
        }
        return best
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
    /// the current point follows from one factored Jacobian (`PathLinearization`: `J^H J`'s
    /// Cholesky factor, or J's QR where that is ill-conditioned): `J x_1 = -(b - a)` and
    /// `J x_k = -sum_{i+j=k} B(x_i, x_j)`. The predictor sums it to `order`; the corrector is
    /// Gauss-Newton with its Jacobian taken at the predicted point and kept while it contracts
    /// (refreshed where it does not). That factor then serves the next step's series. A step whose
    /// corrector does not reach the tolerance (`tolerance(size:)`) is retried, halved, from the
    /// same point. A point whose unknowns have grown is moved into a better chart (`rechart`).
    private func trackSegment(_ w: inout DescentWorkspace, from a: [Complex], to b: [Complex], budget: inout Int,
                              tracking: inout Tracking) -> TrackFailure? {
        let m = w.m, n = w.n, order = Self.order
        var s = 0.0, ds = 0.05
        let series = UnsafeMutablePointer<Complex>.allocate(capacity: (order + 1) * m)
        defer { series.deallocate() }
        // The predictor's and the corrector's factored Jacobian; after an accepted step the
        // corrector's becomes the predictor's.
        var predictor = PathLinearization(m: m, n: n), corrector = PathLinearization(m: m, n: n)
        // Taylor coefficients x_1 ... x_order (configuration vectors, zero at fixed entries), and a scratch residual.
        let scratch = series
        func coefficient(_ k: Int) -> UnsafeMutablePointer<Complex> { series + k * m }
        guard predictor.factor(w, at: w.x) else { return .singular }
        tracking.note(condition: predictor.conditionEstimate)
        var expanded = false, rejection = TrackFailure.stepControl
        // The size above which the point looks for a better chart.
        var rechartAbove = max(Self.rechartFloor, 4 * w.largestUnknown)
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
                    predictor.step(w, point: coefficient(k), residual: scratch)
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
            // The residual's rounding floor grows with the square of the point's size (E is quadratic).
            let tolerance = Self.tolerance(size: w.largestUnknown)
            var norm = residual(at: target, w.trialX, w.trialE), previous = Double.infinity, factors = 1
            let predicted = norm
            var factored = corrector.factor(w, at: w.trialX)
            while factored && norm >= 1e-3 * tolerance && norm < 0.5 * previous {
                corrector.step(w, point: w.trialX, residual: w.trialE)
                previous = norm
                norm = residual(at: target, w.trialX, w.trialE)
                if norm > 0.1 * previous && norm >= 1e-3 * tolerance && factors < 3 {
                    factored = corrector.factor(w, at: w.trialX)
                    factors += 1
                }
            }
            if factored && norm < tolerance {
                tracking.note(condition: corrector.conditionEstimate)
                w.x.update(from: w.trialX, count: m)
                tracking.largestUnknown = max(tracking.largestUnknown, w.largestUnknown)
                tracking.position = tracking.position.rounded(.down) + target
                swap(&predictor, &corrector)
                expanded = false
                s = target
                ds = min(ds * 1.5, longestStep)
                if w.largestUnknown > rechartAbove {
                    if let moved = rechart(w) {
                        w = moved
                        tracking.recharts += 1
                        guard predictor.factor(w, at: w.x) else { return .singular }
                    }
                    rechartAbove = max(Self.rechartFloor, 4 * w.largestUnknown)
                }
            } else {
                rejection = !factored ? .singular : norm > predicted ? .correctorDiverged : .stepControl
                ds /= 2
            }
            if w.largestUnknown > Self.escape { return .diverged }
        }
        return residual(at: 1, w.x, w.e) < Self.tolerance(size: w.largestUnknown) ? nil : .endpointRefused
    }

    /// Terms of the predictor's Taylor series.
    static let order = 3

    /// The corrector's residual tolerance at a point whose largest unknown is `size`: 1e-8, or
    /// 1e-14 |u|^2 for large points (the residual's terms are quadratic in u, so its rounding floor
    /// is about 1e-16 |u|^2 times the terms summed; a fixed 1e-8 cannot be met past |u| ~ 1e3).
    static func tolerance(size: Double) -> Double { max(1e-8, 1e-14 * size * size) }
    /// An unknown larger than this ends the path as diverged (after looking for a better chart).
    static let escape = 1e6
    /// Below this size a point stays in its chart.
    static let rechartFloor = 50.0

    /// Gauss-Newton at the path's end (residual offset `offset`) until the step stops shrinking: the
    /// point to the last digits in `w.x`, the iterate before the last step taken in `w.trialX` (their
    /// difference bounds the error, Newton's convergence being quadratic), and that step's length;
    /// infinity if the Jacobian is singular.
    func refine(_ w: DescentWorkspace, offset: [Complex]) -> Double {
        let m = w.m, linear = PathLinearization(m: m, n: w.n)
        let before = UnsafeMutablePointer<Complex>.allocate(capacity: m)
        defer { before.deallocate() }
        before.update(from: w.x, count: m)
        var previous = Double.infinity
        for _ in 0..<8 {
            guard linear.factor(w, at: w.x) else { return .infinity }
            w.chart.system.residual(w.x, into: w.e)
            for i in 0..<m { w.e[i] += offset[i] }
            w.trialX.update(from: w.x, count: m)
            linear.step(w, point: w.trialX, residual: w.e)
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
