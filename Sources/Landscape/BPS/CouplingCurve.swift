/// The curve C = {(u, lambda) : E(u; c* + lambda v) = 0} of one slice chart: the minima of every
/// coupling on the complex line through the census's couplings c* in direction v, with lambda as
/// one more unknown. A point is z = (u, lambda), n + 1 coordinates. The F-terms are quadratic in u
/// and the couplings enter on the identity diagonals, so the equations are `E(u) + lambda o(v)`.
///
/// C is cut by one more equation, a `Cut`, that moves with a path parameter s in [0, 1]: a moving
/// hyperplane `a(s) . u = b(s)` (the witness set W2 and its monodromy) or the pencil
/// `(a . u - 1) lambda + t(s) = 0` (the bilinear trace test). `CurveTracker` follows a point of
/// C cut by the cut at s = 0 to s = 1.
public struct CouplingCurve: Sendable {
    public let chart: SliceChart
    /// The direction v of the couplings' line: one complex shift per coupling (F12, F23, F31, F41, F42, F43).
    public let direction: [Complex]
    /// v on the identity diagonals of the F-terms: the residual's derivative by lambda.
    let offset: [Complex]

    public init(chart: SliceChart, direction: [Complex]) {
        precondition(direction.count == 6)
        self.chart = chart; self.direction = direction
        offset = CouplingPath(vertices: [Array(repeating: .zero, count: 6), direction]).residualOffset(direction, in: chart.system)
    }

    /// Equations of E (one per configuration entry).
    var equationCount: Int { chart.system.fieldCount }
    /// Coordinates of a point: the chart's unknowns, then lambda.
    public var dimension: Int { chart.unknownCount + 1 }

    /// The point of C at lambda = 0 with unknowns `u` (a minimum at c*).
    public func point(fiber u: [Complex]) -> [Complex] { u + [.zero] }

    /// `E(u) + lambda o` at point z, in `e` (equationCount entries).
    func residual(_ z: [Complex], configuration x: inout [Complex], into e: inout [Complex]) {
        let n = chart.unknownCount, lambda = z[n]
        for k in 0..<n { x[chart.free[k]] = z[k] }
        x.withUnsafeBufferPointer { xp in e.withUnsafeMutableBufferPointer { chart.system.residual(xp.baseAddress!, into: $0.baseAddress!) } }
        for i in 0..<equationCount where offset[i] != .zero { e[i] += lambda * offset[i] }
    }

    /// The largest residual entry of E at z, relative to nothing: a point of C has all of them ~ 0.
    public func largestResidual(_ z: [Complex]) -> Double {
        var x = chart.configuration(Array(z.prefix(chart.unknownCount)))
        var e = [Complex](repeating: .zero, count: equationCount)
        residual(z, configuration: &x, into: &e)
        return e.reduce(0) { max($0, $1.magnitude) }
    }
}

/// The extra equation that cuts C down to points, moving with s in [0, 1].
public enum Cut: Sendable {
    /// `a(s) . u = b(s)`, a and b on straight lines from (a0, b0) to (a1, b1).
    case hyperplane(a0: [Complex], b0: Complex, a1: [Complex], b1: Complex)
    /// `(a . u - 1) lambda + t(s) = 0`, t on the straight line from t0 to t1.
    case pencil(a: [Complex], t0: Complex, t1: Complex)

    /// The hyperplane `a . u = 1`, fixed.
    static func fixed(_ a: [Complex]) -> Cut { .hyperplane(a0: a, b0: .one, a1: a, b1: .one) }

    static func dot(_ a: [Complex], _ z: [Complex]) -> Complex {
        var s = Complex.zero
        for k in a.indices { s += a[k] * z[k] }
        return s
    }

    /// The cut's value at point z (lambda last) and s.
    func value(_ z: [Complex], at s: Double) -> Complex {
        switch self {
        case let .hyperplane(a0, b0, a1, b1):
            let d0 = Self.dot(a0, z), d1 = Self.dot(a1, z)
            return d0 + s * (d1 - d0) - (b0 + s * (b1 - b0))
        case let .pencil(a, t0, t1):
            return (Self.dot(a, z) - .one) * z[a.count] + t0 + s * (t1 - t0)
        }
    }

    /// The cut's gradient by z at s, into `row` (n + 1 entries).
    func gradient(_ z: [Complex], at s: Double, into row: inout [Complex]) {
        switch self {
        case let .hyperplane(a0, _, a1, _):
            for k in a0.indices { row[k] = a0[k] + s * (a1[k] - a0[k]) }
            row[a0.count] = .zero
        case let .pencil(a, _, _):
            let lambda = z[a.count]
            for k in a.indices { row[k] = a[k] * lambda }
            row[a.count] = Self.dot(a, z) - .one
        }
    }

    /// The cut's derivative by s at z.
    func rate(_ z: [Complex]) -> Complex {
        switch self {
        case let .hyperplane(a0, b0, a1, b1): Self.dot(a1, z) - Self.dot(a0, z) - (b1 - b0)
        case let .pencil(_, t0, t1): t1 - t0
        }
    }
}
