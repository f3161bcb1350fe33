/// Follows a point of the coupling curve C, cut by a moving `Cut`, from s = 0 to s = 1: a
/// fourth-order Runge-Kutta predictor on the path's tangent `dz/ds = -J^+ dH/ds`, then Gauss-Newton
/// on the m + 1 equations in n + 1 unknowns (E has more equations than the chart has unknowns, so the
/// corrector stays on C itself, not on a square system with extra solutions). A step is accepted
/// only if the corrector contracts from its first step, which keeps a path from jumping to another;
/// otherwise the step is halved.
///
/// An endpoint counts only after `refine`: Newton at the end until its step stops shrinking, which
/// must reach `convergence` relative to the point's size, with every unknown below `escape`. A point
/// running off to infinity, or a Newton iteration creeping towards a near-solution, is refused
/// (a residual test relative to |z|^2 would accept near-infinite junk).
struct CurveTracker {
    let curve: CouplingCurve
    /// The longest step in s, and the steps (accepted or halved) a path may take.
    var longestStep = 0.1
    var stepBudget = 3000

    /// An unknown larger than this ends the path: C cut by a generic cut has no points there.
    static let escape = 1e5
    /// Newton's last step at an accepted endpoint is below this, relative to 1 + |z|.
    static let convergence = 1e-9

    /// A refined endpoint: the point, and the length of Newton's last step where it stopped
    /// shrinking (the point's accuracy at the noise floor of its conditioning).
    struct Endpoint: Sendable {
        let z: [Complex]
        let error: Double
    }

    /// The point reached at s = 1 from `z` (on C and the cut at s = 0), refined; nil if the path failed.
    func track(_ z: [Complex], along cut: Cut) -> Endpoint? {
        let w = CurveWorkspace(curve: curve)
        var z = z, s = 0.0, h = 0.02, budget = stepBudget
        while s < 1 {
            guard h > 1e-9, budget > 0 else { return nil }
            budget -= 1
            let step = min(h, 1 - s)
            if let next = predictCorrect(z, from: s, step: step, cut: cut, w) {
                z = next
                s = step == 1 - s ? 1 : s + step
                h = min(1.5 * step, longestStep)
            } else {
                h = step / 2
            }
            if !z.prefix(curve.chart.unknownCount).allSatisfy({ $0.magnitude < Self.escape }) { return nil }
        }
        return refine(z, cut: cut, at: 1, w)
    }

    /// Newton at s until its step stops shrinking; nil unless it converges within the escape bound.
    func refine(_ z: [Complex], cut: Cut, at s: Double) -> Endpoint? { refine(z, cut: cut, at: s, CurveWorkspace(curve: curve)) }

    private func refine(_ z: [Complex], cut: Cut, at s: Double, _ w: CurveWorkspace) -> Endpoint? {
        var z = z, previous = Double.infinity
        for _ in 0..<12 {
            guard let delta = w.newtonStep(z, cut: cut, at: s) else { return nil }
            let length = norm(delta)
            if length >= previous { break }
            for k in z.indices { z[k] += delta[k] }
            previous = length
            if length < 1e-15 * (1 + norm(z)) { break }
        }
        guard previous < Self.convergence * (1 + norm(z)),
              z.prefix(curve.chart.unknownCount).allSatisfy({ $0.magnitude < Self.escape }) else { return nil }
        return Endpoint(z: z, error: previous)
    }

    /// One step from (z, s) to s + step: the Runge-Kutta prediction, then up to four Gauss-Newton
    /// corrections, each at most half the one before, ending below 1e-9 of the point's size.
    private func predictCorrect(_ z: [Complex], from s: Double, step: Double, cut: Cut, _ w: CurveWorkspace) -> [Complex]? {
        func shifted(_ base: [Complex], _ d: [Complex], _ f: Double) -> [Complex] { zip(base, d).map { $0 + f * $1 } }
        guard let k1 = w.tangent(z, cut: cut, at: s),
              let k2 = w.tangent(shifted(z, k1, step / 2), cut: cut, at: s + step / 2),
              let k3 = w.tangent(shifted(z, k2, step / 2), cut: cut, at: s + step / 2),
              let k4 = w.tangent(shifted(z, k3, step), cut: cut, at: s + step) else { return nil }
        var y = z
        for k in y.indices { y[k] += (step / 6) * (k1[k] + 2 * (k2[k] + k3[k]) + k4[k]) }
        let size = 1 + norm(z)
        var previous = 0.05 * size
        for _ in 0..<4 {
            guard let delta = w.newtonStep(y, cut: cut, at: s + step) else { return nil }
            let length = norm(delta)
            guard length <= 0.5 * previous || length < 1e-13 * size else { return nil }
            for k in y.indices { y[k] += delta[k] }
            if length < 1e-9 * size { return y }
            previous = length
        }
        return nil
    }

    private func norm(_ z: [Complex]) -> Double { z.reduce(0) { $0 + $1.magnitudeSquared }.squareRoot() }
}

/// Buffers for the linear algebra of one path: the chart's workspace (configuration, E's Jacobian
/// and its normal matrix summed over structural nonzeros), the cut's gradient row, and the normal
/// matrix of the whole (m + 1) x (n + 1) Jacobian with its Cholesky factor.
private final class CurveWorkspace {
    let curve: CouplingCurve
    let chart: DescentWorkspace
    let m: Int, n: Int
    var residual: [Complex], row: [Complex], normal: [Complex], rhs: [Complex]
    /// |o|^2: the lambda column's own entry of the normal matrix.
    let offsetNorm: Double

    init(curve: CouplingCurve) {
        self.curve = curve
        chart = DescentWorkspace(chart: curve.chart, unknowns: Array(repeating: .zero, count: curve.chart.unknownCount))
        m = curve.equationCount; n = curve.chart.unknownCount
        residual = Array(repeating: .zero, count: m + 1); row = Array(repeating: .zero, count: n + 1)
        normal = Array(repeating: .zero, count: (n + 1) * (n + 1)); rhs = Array(repeating: .zero, count: n + 1)
        offsetNorm = curve.offset.reduce(0) { $0 + $1.magnitudeSquared }
    }

    /// Factors the normal matrix of the full Jacobian at (z, s); false if it is singular.
    private func factor(_ z: [Complex], cut: Cut, at s: Double) -> Bool {
        let w = chart, o = curve.offset, size = n + 1
        for k in 0..<n { w.x[w.free[k]] = z[k] }
        w.chart.system.jacobian(w.x, columns: w.column, unknowns: n, into: w.jacobian)
        w.normalMatrix(w.jacobian, into: w.normal)
        cut.gradient(z, at: s, into: &row)
        for l in 0..<n {
            for k in 0...l { normal[l * size + k] = w.normal[l * n + k] + row[k].conjugate * row[l] }
            var c = Complex.zero
            let column = w.jacobian + l * m
            for i in 0..<m where o[i] != .zero { c += column[i].conjugate * o[i] }
            normal[n * size + l] = c + row[l].conjugate * row[n]
        }
        normal[n * size + n] = Complex(offsetNorm + row[n].magnitudeSquared, 0)
        return normal.withUnsafeMutableBufferPointer { DenseSolve.cholesky($0.baseAddress!, n: size) }
    }

    /// `-(J^H J)^-1 J^H r` for the factored Jacobian and a right-hand side r (m + 1 entries).
    private func solve(_ r: [Complex]) -> [Complex] {
        let w = chart, o = curve.offset
        for k in 0..<n {
            var g = Complex.zero
            let column = w.jacobian + k * m
            for i in 0..<m { g += column[i].conjugate * r[i] }
            rhs[k] = g + row[k].conjugate * r[m]
        }
        var g = Complex.zero
        for i in 0..<m where o[i] != .zero { g += o[i].conjugate * r[i] }
        rhs[n] = g + row[n].conjugate * r[m]
        normal.withUnsafeBufferPointer { f in rhs.withUnsafeMutableBufferPointer { DenseSolve.choleskySolve(f.baseAddress!, $0.baseAddress!, n: n + 1) } }
        return rhs.map { -$0 }
    }

    /// The Gauss-Newton step at (z, s), or nil if the Jacobian is singular.
    func newtonStep(_ z: [Complex], cut: Cut, at s: Double) -> [Complex]? {
        guard factor(z, cut: cut, at: s) else { return nil }
        let w = chart, o = curve.offset
        w.chart.system.residual(w.x, into: w.e)
        for i in 0..<m { residual[i] = w.e[i] + z[n] * o[i] }
        residual[m] = cut.value(z, at: s)
        guard residual.allSatisfy({ $0.re.isFinite && $0.im.isFinite }) else { return nil }
        return solve(residual)
    }

    /// The path's tangent dz/ds at (z, s): `-J^+ dH/ds`, where only the cut depends on s.
    func tangent(_ z: [Complex], cut: Cut, at s: Double) -> [Complex]? {
        guard factor(z, cut: cut, at: s) else { return nil }
        for i in 0..<m { residual[i] = .zero }
        residual[m] = cut.rate(z)
        return solve(residual)
    }
}
