import Testing
@testable import Landscape

@Suite struct LinearTests {
    func randomMatrix(_ n: Int, _ generator: inout SeededGenerator) -> ComplexMatrix {
        ComplexMatrix(rows: n, cols: n, entries: (0..<n * n).map { _ in Complex(generator.normal(), generator.normal()) })
    }

    @Test func inverseTimesMatrixIsIdentity() throws {
        var generator = SeededGenerator(seed: 2)
        let a = randomMatrix(5, &generator)
        let product = try #require(a.inverse) * a
        for r in 0..<5 { for c in 0..<5 { #expect((product[r, c] - (r == c ? .one : .zero)).magnitude < 1e-12) } }
        #expect(ComplexMatrix(rows: 2, cols: 2, entries: [.one, .one, .one, .one]).inverse == nil)
    }

    @Test func normalEquationsSolveLeastSquares() {
        var generator = SeededGenerator(seed: 3)
        let m = 7, n = 4
        // J column-major, and a right-hand side in its range: J x0.
        let j = (0..<m * n).map { _ in Complex(generator.normal(), generator.normal()) }
        let x0 = (0..<n).map { _ in Complex(generator.normal(), generator.normal()) }
        let b = (0..<m).map { i in (0..<n).reduce(Complex.zero) { $0 + j[$1 * m + i] * x0[$1] } }
        var a = [Complex](repeating: .zero, count: n * n)
        var rhs = (0..<n).map { k in (0..<m).reduce(Complex.zero) { $0 + j[k * m + $1].conjugate * b[$1] } }
        a = normalMatrix(j, m: m, n: n)
        let ok = a.withUnsafeMutableBufferPointer { ap in rhs.withUnsafeMutableBufferPointer { DenseSolve.hermitianPositive(ap.baseAddress!, $0.baseAddress!, n: n) } }
        #expect(ok)
        #expect(zip(rhs, x0).allSatisfy { ($0 - $1).magnitude < 1e-10 })
    }

    /// One Cholesky factor reused for several right-hand sides (the monodromy tracker's predictor)
    /// must give exactly `hermitianPositive`'s answer for each, at the tracker's size.
    @Test func choleskyFactorReusedMatchesSolveToTheBit() {
        var generator = SeededGenerator(seed: 5)
        let m = 81, n = 63
        let j = (0..<m * n).map { _ in Complex(generator.normal(), generator.normal()) }
        var normal = [Complex](repeating: .zero, count: n * n)
        normal = normalMatrix(j, m: m, n: n)
        var factor = normal
        #expect(factor.withUnsafeMutableBufferPointer { DenseSolve.cholesky($0.baseAddress!, n: n) })
        for _ in 0..<2 {
            let b = (0..<n).map { _ in Complex(generator.normal(), generator.normal()) }
            var once = normal, expected = b, reused = b
            #expect(once.withUnsafeMutableBufferPointer { ap in expected.withUnsafeMutableBufferPointer { DenseSolve.hermitianPositive(ap.baseAddress!, $0.baseAddress!, n: n) } })
            factor.withUnsafeBufferPointer { fp in reused.withUnsafeMutableBufferPointer { DenseSolve.choleskySolve(fp.baseAddress!, $0.baseAddress!, n: n) } }
            #expect(zip(reused, expected).allSatisfy { $0.re.bitPattern == $1.re.bitPattern && $0.im.bitPattern == $1.im.bitPattern })
            // And it solves the system: the residual of A x = b is at rounding level.
            let residual = (0..<n).map { r in (0..<n).reduce(Complex.zero) { acc, c in
                acc + (r <= c ? normal[c * n + r] : normal[r * n + c].conjugate) * reused[c]
            } - b[r] }
            #expect(residual.allSatisfy { $0.magnitude < 1e-8 })
        }
    }
}

/// `J^H J` of a column-major m x n matrix, summed entry by entry (full, Hermitian).
func normalMatrix(_ j: [Complex], m: Int, n: Int) -> [Complex] {
    var c = [Complex](repeating: .zero, count: n * n)
    for a in 0..<n { for b in 0..<n { for r in 0..<m { c[b * n + a] += j[a * m + r].conjugate * j[b * m + r] } } }
    return c
}
