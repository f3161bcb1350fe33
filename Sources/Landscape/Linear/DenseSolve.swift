import CLapack

/// Thin wrappers over LAPACK/BLAS for small dense complex systems; all matrices column-major.
public enum DenseSolve {
    /// Solves `A X = B` by LU with partial pivoting (`zgesv`); `b` (n x rightHandSides) is overwritten
    /// with X. Returns false when A is singular.
    public static func general(_ a: [Complex], _ b: inout [Complex], n: Int, rightHandSides: Int) -> Bool {
        var a = a
        var pivots = [Int32](repeating: 0, count: n)
        let info = a.withUnsafeMutableBytes { ap in
            b.withUnsafeMutableBytes { bp in
                LAPACKE_zgesv(LAPACK_COL_MAJOR, Int32(n), Int32(rightHandSides),
                              ap.baseAddress!.assumingMemoryBound(to: clapack_complex_double.self), Int32(n),
                              &pivots, bp.baseAddress!.assumingMemoryBound(to: clapack_complex_double.self), Int32(n))
            }
        }
        guard info == 0 else { return false }
        // zgesv succeeds on numerically singular matrices too; reject a pivot that vanished relative to the rest.
        let scale = a.reduce(0) { max($0, $1.magnitude) }
        return (0..<n).allSatisfy { a[$0 * n + $0].magnitude > 1e-13 * scale }
    }

    /// Solves the Hermitian positive definite `A x = b` by Cholesky (`zposv`, upper triangle read);
    /// `a` is overwritten by its factor and `b` by x. Returns false when A is not positive definite.
    @inline(__always)
    public static func hermitianPositive(_ a: UnsafeMutablePointer<Complex>, _ b: UnsafeMutablePointer<Complex>, n: Int) -> Bool {
        let info = a.withMemoryRebound(to: clapack_complex_double.self, capacity: n * n) { ap in
            b.withMemoryRebound(to: clapack_complex_double.self, capacity: n) { bp in
                LAPACKE_zposv_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), 1, ap, Int32(n), bp, Int32(n))
            }
        }
        return info == 0
    }

    /// The Cholesky factor of the Hermitian positive definite `a` (`zpotrf`, upper triangle), in
    /// place; false when `a` is not positive definite. With `choleskySolve` it is `hermitianPositive`,
    /// to the bit, for several right-hand sides met one at a time.
    @inline(__always)
    public static func cholesky(_ a: UnsafeMutablePointer<Complex>, n: Int) -> Bool {
        a.withMemoryRebound(to: clapack_complex_double.self, capacity: n * n) { ap in
            LAPACKE_zpotrf_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), ap, Int32(n))
        } == 0
    }

    /// Solves `A x = b` given the factor from `cholesky` (`zpotrs`); `b` is overwritten by x.
    @inline(__always)
    public static func choleskySolve(_ factor: UnsafePointer<Complex>, _ b: UnsafeMutablePointer<Complex>, n: Int) {
        factor.withMemoryRebound(to: clapack_complex_double.self, capacity: n * n) { ap in
            b.withMemoryRebound(to: clapack_complex_double.self, capacity: n) { bp in
                _ = LAPACKE_zpotrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), 1, ap, Int32(n), bp, Int32(n))
            }
        }
    }
}
