import CLapack

/// The linearisation of the F-terms at one point of a coupling path, factored for least squares
/// `min |J d + r|` (J is m x n, m > n: the chart's equations outnumber its unknowns).
///
/// By default through the normal matrix `J^H J` (summed over J's structural nonzeros) and its
/// Cholesky factor: cheap, but the normal matrix squares J's condition number, and past
/// cond(J) ~ 1e6 (1e12 for `J^H J`) the step loses the digits Newton needs. Where paths pass
/// near the couplings at which minima escape to infinity the condition reaches 1e7-1e8 in every
/// slice chart (docs/design-notes.md), so there the factorisation is Householder QR of J itself
/// (`zgeqrf`), whose accuracy is limited by cond(J), not its square.
final class PathLinearization {
    let m: Int, n: Int
    /// J (column-major, m x n), overwritten by its QR factors when `usesQR`.
    let jacobian: UnsafeMutablePointer<Complex>
    /// The Cholesky factor of `J^H J` (n x n); the Householder scalars when `usesQR`.
    let factor: UnsafeMutablePointer<Complex>
    private let work: UnsafeMutablePointer<Complex>, rhs: UnsafeMutablePointer<Complex>
    private let workCount: Int
    private(set) var usesQR = false

    /// Above this condition estimate the Cholesky factor is replaced by QR.
    let choleskyLimit: Double

    init(m: Int, n: Int, choleskyLimit: Double = 1e6) {
        self.m = m; self.n = n; self.choleskyLimit = choleskyLimit
        workCount = 64 * n
        jacobian = .allocate(capacity: m * n); factor = .allocate(capacity: n * n)
        work = .allocate(capacity: workCount); rhs = .allocate(capacity: m)
    }

    deinit { for p in [jacobian, factor, work, rhs] { p.deallocate() } }

    /// Factors the Jacobian of `w`'s chart at `point`; false if it is singular to working precision.
    func factor(_ w: DescentWorkspace, at point: UnsafePointer<Complex>) -> Bool {
        w.chart.system.jacobian(point, columns: w.column, unknowns: n, into: jacobian)
        w.normalMatrix(jacobian, into: factor)
        usesQR = false
        if DenseSolve.cholesky(factor, n: n) && conditionEstimate < choleskyLimit { return true }
        usesQR = true
        let info = jacobian.withMemoryRebound(to: clapack_complex_double.self, capacity: m * n) { a in
            factor.withMemoryRebound(to: clapack_complex_double.self, capacity: n) { tau in
                work.withMemoryRebound(to: clapack_complex_double.self, capacity: workCount) { wk in
                    LAPACKE_zgeqrf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), a, Int32(m), tau, wk, Int32(workCount))
                }
            }
        }
        return info == 0 && conditionEstimate.isFinite
    }

    /// A lower bound on cond(J): the ratio of the largest to the smallest diagonal entry of the
    /// triangular factor (of `J^H J`'s Cholesky factor, or of J's R).
    var conditionEstimate: Double {
        var largest = 0.0, smallest = Double.infinity
        for k in 0..<n {
            let d = usesQR ? jacobian[k * m + k].magnitude : factor[k * n + k].magnitude
            largest = max(largest, d)
            smallest = min(smallest, d)
        }
        return largest / smallest
    }

    /// The least-squares step `d = -J^+ r` into `w.step`, and `point += d` on the free entries.
    func step(_ w: DescentWorkspace, point: UnsafeMutablePointer<Complex>, residual r: UnsafePointer<Complex>) {
        if usesQR {
            rhs.update(from: r, count: m)
            jacobian.withMemoryRebound(to: clapack_complex_double.self, capacity: m * n) { a in
                factor.withMemoryRebound(to: clapack_complex_double.self, capacity: n) { tau in
                    rhs.withMemoryRebound(to: clapack_complex_double.self, capacity: m) { c in
                        work.withMemoryRebound(to: clapack_complex_double.self, capacity: workCount) { wk in
                            _ = LAPACKE_zunmqr_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "C")), Int32(m), 1,
                                                    Int32(n), a, Int32(m), tau, c, Int32(m), wk, Int32(workCount))
                            _ = LAPACKE_ztrtrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")),
                                                    CChar(UInt8(ascii: "N")), Int32(n), 1, a, Int32(m), c, Int32(m))
                        }
                    }
                }
            }
            for k in 0..<n { w.step[k] = -rhs[k] }
        } else {
            for k in 0..<n {
                var g = Complex.zero
                let col = jacobian + k * m
                for i in 0..<m { g += col[i].conjugate * r[i] }
                w.step[k] = -g
            }
            DenseSolve.choleskySolve(factor, w.step, n: n)
        }
        for k in 0..<n { point[w.free[k]] += w.step[k] }
    }
}
