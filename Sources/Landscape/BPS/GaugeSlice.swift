/// A gauge slice of the authors' family: one of Z12/Z21 set to 1, one of Z23/Z32 set to 1, one of
/// the vectors Z34, Z14, Z24, Z41^T, Z42^T, Z43^T set to e_N = (0, ..., 0, 1), and the first N-1 rows
/// of phi1 fixed to the authors' pattern (entry (i, j) = 1 if i + j >= N-1, else 0): N^2 + 2 complex
/// conditions, leaving n(N) = 2N^2 + 6N + 7 free unknowns.
public struct GaugeSlice: Hashable, Sendable, Codable, CustomStringConvertible {
    public let first: BPSField
    public let second: BPSField
    public let vector: BPSField

    public init(first: BPSField = .z12, second: BPSField = .z23, vector: BPSField = .z34) {
        precondition([.z12, .z21].contains(first) && [.z23, .z32].contains(second))
        precondition([.z34, .z14, .z24, .z41, .z42, .z43].contains(vector))
        self.first = first; self.second = second; self.vector = vector
    }

    /// The authors' own slice: Z12 = Z23 = 1, Z34 = e_N.
    public static let authors = GaugeSlice()

    /// All 24 slices, the authors' first.
    public static let all: [GaugeSlice] = [BPSField.z34, .z14, .z24, .z41, .z42, .z43].flatMap { v in
        [BPSField.z12, .z21].flatMap { a in [BPSField.z23, .z32].map { b in GaugeSlice(first: a, second: b, vector: v) } }
    }

    public var description: String {
        let v = vector.arrow!.from == 4 ? "Z4\(vector.arrow!.to)^T" : "Z\(vector.arrow!.from)4"
        return "Z\(first.arrow!.from)\(first.arrow!.to)=Z\(second.arrow!.from)\(second.arrow!.to)=1, \(v)=e_N"
    }

    /// The fixed configuration entries and their values at rank N.
    public func fixedEntries(in system: BPSSystem) -> [(index: Int, value: Complex)] {
        let n = system.n
        var fixed: [(Int, Complex)] = [(system.index(first), .one), (system.index(second), .one)]
        for k in 0..<n {
            let index = vector.arrow!.to == 4 ? system.index(vector, 0, k) : system.index(vector, k, 0)
            fixed.append((index, k == n - 1 ? .one : .zero))
        }
        for i in 0..<(n - 1) { for j in 0..<n { fixed.append((system.index(.phi1, i, j), i + j >= n - 1 ? .one : .zero)) } }
        return fixed
    }

    /// Number of free complex unknowns at rank N: 2N^2 + 6N + 7.
    public static func unknownCount(n: Int) -> Int { 2 * n * n + 6 * n + 7 }

    /// Moves a configuration (in any gauge) into this slice by a gauge transformation, or returns nil
    /// when its orbit does not meet the slice (a fixed vector or phi1 in a position the slice cannot reach).
    ///
    /// The rows w_i of g4 solve a linear system: `sum_j P_ij w_j = w_i phi1` for the N-1 pattern rows
    /// (so g4 phi1 g4^-1 has them), and `w_{N-1} = v` (row vector v) or `w_i . v = delta_{i,N-1}`
    /// (column vector v); the scalars then set the two unit arrows to 1.
    public func fix(_ x: [Complex], in system: BPSSystem) -> [Complex]? {
        let n = system.n, size = n * n
        let phi1 = system.block(.phi1, of: x), v = system.block(vector, of: x)
        let isRow = vector.arrow!.to == 4
        // Unknown w_i[c] at position i*n + c; equations in rows of a column-major matrix.
        var a = [Complex](repeating: .zero, count: size * size), b = [Complex](repeating: .zero, count: size)
        var row = 0
        for i in 0..<(n - 1) {
            for c in 0..<n {
                for j in 0..<n where i + j >= n - 1 { a[(j * n + c) * size + row] += .one }
                for d in 0..<n { a[(i * n + d) * size + row] -= phi1[d, c] }
                row += 1
            }
        }
        for i in 0..<n {
            if isRow {
                if i != n - 1 { continue }
                for c in 0..<n { a[(i * n + c) * size + row] = .one; b[row] = v[0, c]; row += 1 }
            } else {
                for c in 0..<n { a[(i * n + c) * size + row] = v[c, 0] }
                b[row] = i == n - 1 ? .one : .zero
                row += 1
            }
        }
        guard DenseSolve.general(a, &b, n: size, rightHandSides: 1),
              let toG4 = GaugeTransform(g1: .one, g2: .one, g3: .one, g4: ComplexMatrix(rows: n, cols: n, entries: b))
        else { return nil }
        let y = toG4.apply(to: x, in: system)
        // Scalars: g_k = 1 on the vector's D2 node; ratios from the two unit arrows.
        let node = vector.arrow!.from == 4 ? vector.arrow!.to : vector.arrow!.from
        let f = y[system.index(first)], s = y[system.index(second)]
        guard f.magnitude > 1e-300, s.magnitude > 1e-300 else { return nil }
        // first = Z12: g1/g2 = 1/Z12; first = Z21: g1/g2 = Z21. Likewise for g2/g3.
        let r12 = first == .z12 ? Complex.one / f : f
        let r23 = second == .z23 ? Complex.one / s : s
        let g2: Complex = node == 2 ? .one : (node == 1 ? Complex.one / r12 : r23)
        guard let scale = GaugeTransform(g1: r12 * g2, g2: g2, g3: g2 / r23, g4: .identity(n)) else { return nil }
        var fixed = scale.apply(to: y, in: system)
        for (index, value) in fixedEntries(in: system) { fixed[index] = value }
        return fixed
    }
}
