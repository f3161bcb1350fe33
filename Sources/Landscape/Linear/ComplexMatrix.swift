/// A small dense complex matrix, row-major; for invariants and gauge transformations, not inner loops.
public struct ComplexMatrix: Hashable, Sendable {
    public let rows: Int
    public let cols: Int
    public var entries: [Complex]

    public init(rows: Int, cols: Int, entries: [Complex]) {
        precondition(entries.count == rows * cols)
        self.rows = rows; self.cols = cols; self.entries = entries
    }

    public init(rows: Int, cols: Int) { self.init(rows: rows, cols: cols, entries: Array(repeating: .zero, count: rows * cols)) }

    public static func identity(_ n: Int) -> ComplexMatrix {
        var m = ComplexMatrix(rows: n, cols: n)
        for k in 0..<n { m[k, k] = .one }
        return m
    }

    public subscript(r: Int, c: Int) -> Complex {
        get { entries[r * cols + c] }
        set { entries[r * cols + c] = newValue }
    }

    public static func * (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
        precondition(a.cols == b.rows)
        var p = ComplexMatrix(rows: a.rows, cols: b.cols)
        for r in 0..<a.rows {
            for t in 0..<a.cols {
                let x = a[r, t]
                for c in 0..<b.cols { p.entries[r * b.cols + c] += x * b[t, c] }
            }
        }
        return p
    }

    public static func * (s: Complex, a: ComplexMatrix) -> ComplexMatrix {
        ComplexMatrix(rows: a.rows, cols: a.cols, entries: a.entries.map { s * $0 })
    }

    public var trace: Complex { (0..<min(rows, cols)).reduce(.zero) { $0 + self[$1, $1] } }

    /// The inverse by LU (LAPACK `zgesv`), or nil when the matrix is singular to working precision.
    public var inverse: ComplexMatrix? {
        precondition(rows == cols)
        var rhs = ComplexMatrix.identity(rows)
        guard DenseSolve.general(self.transposedEntries, &rhs.entries, n: rows, rightHandSides: rows) else { return nil }
        return ComplexMatrix(rows: rows, cols: cols, entries: rhs.transposedEntries)
    }

    /// The entries in column-major order (the transpose's row-major entries).
    public var transposedEntries: [Complex] {
        var t = [Complex](repeating: .zero, count: entries.count)
        for r in 0..<rows { for c in 0..<cols { t[c * rows + r] = self[r, c] } }
        return t
    }
}
