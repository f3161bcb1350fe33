/// Preallocated buffers for one descent on one chart: the configuration, the residual, a trial copy
/// of both, the Jacobian and the normal matrix, so the iteration itself allocates nothing.
final class DescentWorkspace {
    let chart: SliceChart
    let m: Int, n: Int
    let x: UnsafeMutablePointer<Complex>, e: UnsafeMutablePointer<Complex>
    let trialX: UnsafeMutablePointer<Complex>, trialE: UnsafeMutablePointer<Complex>
    let jacobian: UnsafeMutablePointer<Complex>, normal: UnsafeMutablePointer<Complex>, factor: UnsafeMutablePointer<Complex>
    let gradient: UnsafeMutablePointer<Complex>, step: UnsafeMutablePointer<Complex>
    let column: UnsafeMutablePointer<Int32>, free: UnsafeMutablePointer<Int>
    /// One Jacobian row's structural nonzeros, gathered (scratch of `normalMatrix`).
    private let row: UnsafeMutablePointer<Complex>

    init(chart: SliceChart, unknowns u: [Complex]) {
        self.chart = chart
        m = chart.system.fieldCount; n = chart.unknownCount
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: value, count: count)
            return p
        }
        x = buffer(m, .zero); e = buffer(m, .zero); trialX = buffer(m, .zero); trialE = buffer(m, .zero)
        jacobian = buffer(m * n, .zero); normal = buffer(n * n, .zero); factor = buffer(n * n, .zero)
        gradient = buffer(n, .zero); step = buffer(n, .zero)
        column = buffer(m, 0); free = buffer(n, 0); row = buffer(chart.pattern.widest, .zero)
        for (i, c) in chart.column.enumerated() { column[i] = c }
        for (k, i) in chart.free.enumerated() { free[k] = i }
        for (i, v) in chart.configuration(u).enumerated() { x[i] = v }
        evaluate()
    }

    deinit {
        for p in [x, e, trialX, trialE, jacobian, normal, factor, gradient, step] { p.deallocate() }
        column.deallocate(); free.deallocate(); row.deallocate()
    }

    /// The Hermitian `C = J^H J` (upper triangle, column-major n x n) of the chart's Jacobian `j`,
    /// summed row by row over the structural nonzeros only.
    func normalMatrix(_ j: UnsafePointer<Complex>, into c: UnsafeMutablePointer<Complex>) {
        c.update(repeating: .zero, count: n * n)
        chart.pattern.rowStart.withUnsafeBufferPointer { start in chart.pattern.columns.withUnsafeBufferPointer { columns in
            for r in 0..<m {
                let first = Int(start[r]), count = Int(start[r + 1]) - first
                for k in 0..<count { row[k] = j[Int(columns[first + k]) * m + r] }
                for q in 0..<count {
                    let target = c + Int(columns[first + q]) * n, value = row[q]
                    for p in 0...q { target[Int(columns[first + p])] += row[p].conjugate * value }
                }
            }
        } }
    }

    /// Residual and loss at the current point.
    @discardableResult
    func evaluate() -> Double {
        chart.system.residual(x, into: e)
        return chart.system.loss(e)
    }

    /// Residual and loss at `x + scale * step` (written to the trial buffers).
    func evaluateTrial(scale: Double) -> Double {
        trialX.update(from: x, count: m)
        for k in 0..<n { trialX[free[k]] += scale * step[k] }
        chart.system.residual(trialX, into: trialE)
        return chart.system.loss(trialE)
    }

    /// Makes the trial point current.
    func acceptTrial() {
        x.update(from: trialX, count: m)
        e.update(from: trialE, count: m)
    }

    /// `J^H E` at the current point into `gradient`.
    func computeGradient() {
        chart.system.conjugateGradient(x, residual: e, columns: column, unknowns: n, into: gradient)
    }

    /// Largest |entry| of the free unknowns (to abandon runs that run off to infinity).
    var largestUnknown: Double {
        var s = 0.0
        for k in 0..<n { s = max(s, x[free[k]].magnitudeSquared) }
        return s.squareRoot()
    }

    var unknowns: [Complex] { (0..<n).map { x[free[$0]] } }
    var loss: Double { chart.system.loss(e) }
}
