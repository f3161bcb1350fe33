/// The BPS system seen through one gauge slice: the free unknowns as coordinates, the fixed entries
/// folded into a base configuration.
public struct SliceChart: Sendable {
    public let system: BPSSystem
    public let slice: GaugeSlice
    /// Configuration index of each free unknown.
    public let free: [Int]
    /// Free-unknown column of each configuration index, or -1 for a fixed entry.
    let column: [Int32]
    /// A configuration with the fixed entries set and the free ones zero.
    let base: [Complex]
    /// The free columns each residual entry depends on: the Jacobian's structural nonzeros by row.
    let pattern: JacobianPattern

    public init(system: BPSSystem, slice: GaugeSlice) {
        self.system = system; self.slice = slice
        var base = [Complex](repeating: .zero, count: system.fieldCount)
        var isFixed = [Bool](repeating: false, count: system.fieldCount)
        for (index, value) in slice.fixedEntries(in: system) { base[index] = value; isFixed[index] = true }
        free = (0..<system.fieldCount).filter { !isFixed[$0] }
        var column = [Int32](repeating: -1, count: system.fieldCount)
        for (k, i) in free.enumerated() { column[i] = Int32(k) }
        self.column = column; self.base = base
        pattern = JacobianPattern(system: system, column: column)
    }

    public var unknownCount: Int { free.count }

    /// The configuration with free unknowns `u`.
    public func configuration(_ u: [Complex]) -> [Complex] {
        var x = base
        for (k, i) in free.enumerated() { x[i] = u[k] }
        return x
    }

    /// The free unknowns of a configuration that lies in this slice.
    public func unknowns(_ x: [Complex]) -> [Complex] { free.map { x[$0] } }

    /// A random start: real and imaginary parts ~ U[-box, box].
    public func randomUnknowns(box: Double, using generator: inout SeededGenerator) -> [Complex] {
        (0..<unknownCount).map { _ in Complex(generator.uniform(-box, box), generator.uniform(-box, box)) }
    }

    /// The complex Jacobian (column-major, `fieldCount` x `unknownCount`) at unknowns `u`.
    public func jacobian(_ u: [Complex]) -> [Complex] {
        let x = configuration(u)
        var j = [Complex](repeating: .zero, count: system.fieldCount * unknownCount)
        x.withUnsafeBufferPointer { xp in column.withUnsafeBufferPointer { cp in j.withUnsafeMutableBufferPointer { jp in
            system.jacobian(xp.baseAddress!, columns: cp.baseAddress!, unknowns: unknownCount, into: jp.baseAddress!)
        } } }
        return j
    }

    /// `J^H E` at unknowns `u`: half of `dL/dRe u + i dL/dIm u`.
    public func conjugateGradient(_ u: [Complex]) -> [Complex] {
        let x = configuration(u), e = system.residual(x)
        var g = [Complex](repeating: .zero, count: unknownCount)
        x.withUnsafeBufferPointer { xp in e.withUnsafeBufferPointer { ep in column.withUnsafeBufferPointer { cp in
            g.withUnsafeMutableBufferPointer { gp in
                system.conjugateGradient(xp.baseAddress!, residual: ep.baseAddress!, columns: cp.baseAddress!,
                                         unknowns: unknownCount, into: gp.baseAddress!)
            }
        } } }
        return g
    }

    /// The loss at unknowns `u`.
    public func loss(_ u: [Complex]) -> Double { system.loss(configuration(u)) }
}

/// The structural nonzeros of the chart's Jacobian, row by row (CSR without values): residual entry r
/// depends on the free columns `columns[rowStart[r]..<rowStart[r + 1]]`, in increasing order. Every
/// row touches a few fields only, so `J^H J` summed row by row costs the sum of the squared row
/// lengths, a tenth of the dense product at N = 4.
struct JacobianPattern: Sendable {
    let rowStart: [Int32]
    let columns: [Int32]
    /// The longest row.
    let widest: Int

    init(system: BPSSystem, column: [Int32]) {
        var rows = [Set<Int32>](repeating: [], count: system.fieldCount)
        for t in system.termEquation.indices {
            for factor in [system.termLeft[t], system.termRight[t]] where column[Int(factor)] >= 0 {
                rows[Int(system.termEquation[t])].insert(column[Int(factor)])
            }
        }
        var start: [Int32] = [0], columns: [Int32] = []
        for row in rows {
            columns += row.sorted()
            start.append(Int32(columns.count))
        }
        rowStart = start; self.columns = columns
        widest = rows.map(\.count).max() ?? 0
    }
}
