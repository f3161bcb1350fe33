/// The F-term system of the (1, 1, 1, N) quiver: 3N^2 + 6N + 9 complex fields and as many scalar
/// equations (the 18 matrix equations of the science note, stacked), every one of them
/// `constant + sum of signed products of two fields`. Stored as a flat list of monomials, so the
/// residual, the complex Jacobian and the gradient are one loop each, with no allocation.
public struct BPSSystem: Sendable {
    /// The couplings: ratios of consecutive primes, as in the authors' code.
    public static let couplings = (c12: 2.0 / 3, c13: 3.0 / 5, c14: 5.0 / 7, c23: 7.0 / 11, c24: 11.0 / 13, c34: 13.0 / 17)

    /// The rank of the D6 node.
    public let n: Int
    /// Number of complex field components (= number of scalar equations).
    public let fieldCount: Int
    /// Offset of each field's block in a configuration vector (row-major inside the block).
    public let fieldOffset: [Int]
    /// Offset of each equation's block in the residual vector.
    public let equationOffset: [Int]
    /// The constant part of each scalar equation.
    public let constants: [Double]
    /// Monomial `coefficient * x[left] * x[right]` contributing to residual entry `equation`.
    let termEquation: [Int32], termLeft: [Int32], termRight: [Int32], termCoefficient: [Double]

    public init(n: Int) {
        precondition(n >= 1)
        self.n = n
        var offset = 0
        fieldOffset = BPSField.allCases.map { f in defer { offset += f.shape(n).rows * f.shape(n).cols }; return offset }
        fieldCount = offset
        offset = 0
        equationOffset = BPSEquation.allCases.map { e in defer { offset += e.shape(n).rows * e.shape(n).cols }; return offset }
        precondition(offset == fieldCount)
        var constants = [Double](repeating: 0, count: fieldCount)
        var eq: [Int32] = [], left: [Int32] = [], right: [Int32] = [], coefficient: [Double] = []
        for e in BPSEquation.allCases {
            let (c, products) = e.definition
            let (rows, cols) = e.shape(n)
            if c != 0 { for k in 0..<rows { constants[equationOffset[e.rawValue] + k * cols + k] = c } }
            for (sign, a, b) in products {
                let (aRows, inner) = a.shape(n), (bInner, bCols) = b.shape(n)
                precondition(aRows == rows && bCols == cols && inner == bInner, "shape mismatch in \(e)")
                for r in 0..<rows { for c in 0..<cols { for t in 0..<inner {
                    eq.append(Int32(equationOffset[e.rawValue] + r * cols + c))
                    left.append(Int32(fieldOffset[a.rawValue] + r * inner + t))
                    right.append(Int32(fieldOffset[b.rawValue] + t * bCols + c))
                    coefficient.append(sign)
                } } }
            }
        }
        self.constants = constants
        termEquation = eq; termLeft = left; termRight = right; termCoefficient = coefficient
    }

    /// The monomials `coefficient * x[left] * x[right]` of residual entry `equation` (for export).
    public var monomials: [(equation: Int, left: Int, right: Int, coefficient: Double)] {
        termEquation.indices.map { (Int(termEquation[$0]), Int(termLeft[$0]), Int(termRight[$0]), termCoefficient[$0]) }
    }

    /// Index of entry (row, col) of `field` in a configuration vector.
    public func index(_ field: BPSField, _ row: Int = 0, _ col: Int = 0) -> Int {
        fieldOffset[field.rawValue] + row * field.shape(n).cols + col
    }

    /// Index of entry (row, col) of `equation` in the residual vector.
    public func index(_ equation: BPSEquation, _ row: Int = 0, _ col: Int = 0) -> Int {
        equationOffset[equation.rawValue] + row * equation.shape(n).cols + col
    }

    /// The residual entry that is the superpotential's derivative by configuration entry `i`
    /// (entry (r, c) of a field pairs with entry (c, r) of its partner equation).
    public func partnerEquation(ofField i: Int) -> Int {
        let f = BPSField.allCases.last { fieldOffset[$0.rawValue] <= i }!
        let cols = f.shape(n).cols, local = i - fieldOffset[f.rawValue]
        return index(f.partner, local % cols, local / cols)
    }

    /// Writes the stacked residual E(x) into `e`.
    @inline(__always)
    public func residual(_ x: UnsafePointer<Complex>, into e: UnsafeMutablePointer<Complex>) {
        constants.withUnsafeBufferPointer { c in for i in 0..<fieldCount { e[i] = Complex(c[i], 0) } }
        bilinear(x, x, adding: e)
    }

    /// Adds the quadratic part of the residual, taken between two vectors, to `e`:
    /// `e_eq += sum coefficient * u[left] * v[right]` (so `E(x + h) = E(x) + J h + B(h, h)`).
    @inline(__always)
    public func bilinear(_ u: UnsafePointer<Complex>, _ v: UnsafePointer<Complex>, adding e: UnsafeMutablePointer<Complex>) {
        termEquation.withUnsafeBufferPointer { eq in termLeft.withUnsafeBufferPointer { l in
            termRight.withUnsafeBufferPointer { r in termCoefficient.withUnsafeBufferPointer { w in
                for t in 0..<eq.count { e[Int(eq[t])] += w[t] * (u[Int(l[t])] * v[Int(r[t])]) }
            } }
        } }
    }

    /// The loss `sum |E_i|^2` of a residual.
    @inline(__always)
    public func loss(_ e: UnsafePointer<Complex>) -> Double {
        var s = 0.0
        for i in 0..<fieldCount { s += e[i].magnitudeSquared }
        return s
    }

    /// Writes the complex Jacobian dE/dx restricted to the unknowns with `column[i] >= 0` into `j`
    /// (column-major, `fieldCount` rows, one column per unknown).
    @inline(__always)
    public func jacobian(_ x: UnsafePointer<Complex>, columns column: UnsafePointer<Int32>, unknowns: Int,
                         into j: UnsafeMutablePointer<Complex>) {
        let m = fieldCount
        j.update(repeating: .zero, count: m * unknowns)
        termEquation.withUnsafeBufferPointer { eq in termLeft.withUnsafeBufferPointer { l in
            termRight.withUnsafeBufferPointer { r in termCoefficient.withUnsafeBufferPointer { w in
                for t in 0..<eq.count {
                    let a = Int(l[t]), b = Int(r[t]), row = Int(eq[t])
                    let ca = Int(column[a]), cb = Int(column[b])
                    if ca >= 0 { j[ca * m + row] += w[t] * x[b] }
                    if cb >= 0 { j[cb * m + row] += w[t] * x[a] }
                }
            } }
        } }
    }

    /// Writes `J^H E` restricted to the unknowns into `g`: half the real gradient of the loss
    /// (`dL/dRe x + i dL/dIm x = 2 J^H E`), computed monomial by monomial without forming J.
    @inline(__always)
    public func conjugateGradient(_ x: UnsafePointer<Complex>, residual e: UnsafePointer<Complex>,
                                  columns column: UnsafePointer<Int32>, unknowns: Int, into g: UnsafeMutablePointer<Complex>) {
        g.update(repeating: .zero, count: unknowns)
        termEquation.withUnsafeBufferPointer { eq in termLeft.withUnsafeBufferPointer { l in
            termRight.withUnsafeBufferPointer { r in termCoefficient.withUnsafeBufferPointer { w in
                for t in 0..<eq.count {
                    let a = Int(l[t]), b = Int(r[t]), ei = e[Int(eq[t])]
                    let ca = Int(column[a]), cb = Int(column[b])
                    if ca >= 0 { g[ca] += w[t] * (x[b].conjugate * ei) }
                    if cb >= 0 { g[cb] += w[t] * (x[a].conjugate * ei) }
                }
            } }
        } }
    }
}

extension BPSSystem {
    /// Convenience: the residual of a configuration, allocating.
    public func residual(_ x: [Complex]) -> [Complex] {
        var e = [Complex](repeating: .zero, count: fieldCount)
        x.withUnsafeBufferPointer { xp in e.withUnsafeMutableBufferPointer { residual(xp.baseAddress!, into: $0.baseAddress!) } }
        return e
    }

    /// Convenience: the loss of a configuration.
    public func loss(_ x: [Complex]) -> Double { residual(x).reduce(0) { $0 + $1.magnitudeSquared } }

    /// The block of `field` in configuration `x` as a matrix.
    public func block(_ field: BPSField, of x: [Complex]) -> ComplexMatrix {
        let (rows, cols) = field.shape(n), o = fieldOffset[field.rawValue]
        return ComplexMatrix(rows: rows, cols: cols, entries: Array(x[o..<o + rows * cols]))
    }

    /// Configuration `x` with the block of `field` replaced.
    public func setting(_ field: BPSField, to m: ComplexMatrix, in x: [Complex]) -> [Complex] {
        var x = x
        let o = fieldOffset[field.rawValue]
        x.replaceSubrange(o..<o + m.entries.count, with: m.entries)
        return x
    }
}
