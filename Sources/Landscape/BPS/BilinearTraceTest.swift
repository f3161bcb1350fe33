/// The bilinear trace test of del Campo and Rodriguez (J. Symbolic Comput. 79, 2017), on the
/// coupling curve C = {(u, lambda) : E(u; c* + lambda v) = 0} of one chart.
///
/// The pencil `(a . u - 1) lambda + t = 0` meets C at t = 0 in W1 (the fiber lambda = 0: the minima
/// at the census's couplings) and W2 (C cut by a . u = 1). The function `phi = (a . u - 1) lambda`
/// has a pole at every point at infinity of C, at least as high as any coordinate's: where u runs
/// off at finite lambda != 0 it grows like u, where lambda runs off it grows like lambda (or
/// faster). So the sum over all points of `phi = -t` of a linear function of (u, lambda) is a
/// polynomial of degree at most one in t, whether minima escape to infinity or not (they do here,
/// which is why the plain trace along a line of couplings, `TraceTest`, is curved). A set missing
/// points of C's components breaks the affinity, for generic v, a, gamma and functionals.
///
/// Every point of W1 and W2 is tracked along the pencil from t = 0 to gamma / 2 and gamma, and
/// `T(gamma) - 2 T(gamma / 2) + T(0)` of four random linear functionals is held against a bound
/// from the tracking accuracy. A failed path or two coincident points (at any of the three t) is a
/// failure, never a pass.
public struct BilinearTraceTest: Sendable {
    public let curve: CouplingCurve
    /// The hyperplane of W2 and of the pencil.
    public let a: [Complex]
    /// The pencil's far end t = gamma.
    public let gamma: Complex
    /// The random linear functionals of (u, lambda) whose traces are tested.
    let functionals: [[Complex]]
    /// How much the deviation may exceed the summed error estimates of the tracked points.
    static let safety = 10.0
    /// Relative rounding of a sum of that many terms, added to the bound.
    static let rounding = 1e-15

    init(curve: CouplingCurve, a: [Complex], gamma: Complex, using generator: inout SeededGenerator) {
        self.curve = curve; self.a = a; self.gamma = gamma
        functionals = (0..<4).map { _ in (0..<curve.dimension).map { _ in Complex(generator.normal(), generator.normal()) } }
    }

    /// One point carried along the pencil: at t = 0, gamma / 2 and gamma, the refined point and
    /// Newton's last step there.
    public struct Transport: Sendable {
        let points: [[Complex]]
        let errors: [Double]
    }

    /// The outcome.
    public struct Result: Sendable, Equatable {
        public let passed: Bool
        /// The worst relative second difference `|T(gamma) - 2 T(gamma/2) + T(0)| / sum |l(z)|` over the functionals.
        public let deviation: Double
        /// Its bound: `safety` times the summed accuracy of the tracked points (and rounding), on the same scale.
        public let threshold: Double
        /// Points of W1 and W2 tested, those whose path failed, and those that coincide with another.
        public let points: Int
        public let failed: Int
        public let collisions: Int
    }

    /// Tracks `z` (a point of W1 or W2) along the pencil; `careful` takes short steps (a retry).
    func transport(_ z: [Complex], careful: Bool) -> Transport? {
        var tracker = CurveTracker(curve: curve)
        if careful { tracker.longestStep = 0.01; tracker.stepBudget = 30_000 }
        let legs = [Cut.pencil(a: a, t0: .zero, t1: 0.5 * gamma), .pencil(a: a, t0: 0.5 * gamma, t1: gamma)]
        guard let start = tracker.refine(z, cut: legs[0], at: 0), let middle = tracker.track(start.z, along: legs[0]),
              let end = tracker.track(middle.z, along: legs[1]) else { return nil }
        return Transport(points: [start.z, middle.z, end.z], errors: [start.error, middle.error, end.error])
    }

    /// Transports every point (retrying failed and coinciding ones carefully) and evaluates the traces.
    /// `known` holds transports already computed for a prefix of `points` (they depend on nothing else).
    func run(_ points: [[Complex]], known: [Transport?] = [], threads: ThreadBudget) -> (result: Result, transports: [Transport?], tracks: Int) {
        var transports = known + deterministicMap(count: points.count - known.count, threads: threads) {
            transport(points[known.count + $0], careful: false)
        }
        var tracks = points.count - known.count
        let retry = transports.indices.filter { transports[$0] == nil } + collisions(transports)
        if !retry.isEmpty {
            let again = deterministicMap(count: retry.count, threads: threads) { transport(points[retry[$0]], careful: true) }
            for (i, t) in zip(retry, again) { transports[i] = t }
            tracks += retry.count
        }
        return (evaluate(transports), transports, tracks)
    }

    /// Indices of transported points that coincide with another at some t of the pencil.
    func collisions(_ transports: [Transport?]) -> [Int] {
        var hit = Set<Int>()
        for p in 0..<3 {
            let points = transports.enumerated().compactMap { i, t in t.map { (i, $0.points[p]) } }
            for pair in CurvePoints.coincidences(points.map(\.1)) { hit.insert(points[pair.0].0); hit.insert(points[pair.1].0) }
        }
        return hit.sorted()
    }

    /// The traces' deviation from affinity against the accuracy of the points.
    func evaluate(_ transports: [Transport?]) -> Result {
        let tracked = transports.compactMap { $0 }, colliding = collisions(transports).count
        let weights = [1.0, -2.0, 1.0]
        var worst = (ratio: -Double.infinity, deviation: Double.infinity, threshold: 0.0)
        for l in functionals {
            let size = l.reduce(0) { $0 + $1.magnitudeSquared }.squareRoot()
            var difference = Complex.zero, scale = 0.0, error = 0.0
            for t in tracked {
                for p in 0..<3 {
                    let value = Cut.dot(l, t.points[p])
                    difference += weights[p] * value
                    scale += abs(weights[p]) * value.magnitude
                    error += abs(weights[p]) * size * t.errors[p]
                }
            }
            let deviation = difference.magnitude / scale, threshold = Self.safety * (error / scale + Self.rounding)
            if !(deviation / threshold <= worst.ratio) { worst = (deviation / threshold, deviation, threshold) }
        }
        return Result(passed: tracked.count == transports.count && colliding == 0 && worst.deviation <= worst.threshold,
                      deviation: worst.deviation, threshold: worst.threshold, points: transports.count,
                      failed: transports.count - tracked.count, collisions: colliding)
    }
}

/// Telling points of C apart: two points coincide when they agree to `tolerance` relative to their size.
enum CurvePoints {
    static let tolerance = 1e-7

    static func norm(_ z: [Complex]) -> Double { z.reduce(0) { $0 + $1.magnitudeSquared }.squareRoot() }

    static func same(_ y: [Complex], _ z: [Complex]) -> Bool {
        var d = 0.0
        for k in y.indices { d += (y[k] - z[k]).magnitudeSquared }
        return d.squareRoot() <= tolerance * (1 + max(norm(y), norm(z)))
    }

    /// The pairs (i, j), i < j, of coinciding points: sorted on one coordinate's real part, so only
    /// neighbours within the tolerance are compared.
    static func coincidences(_ points: [[Complex]]) -> [(Int, Int)] {
        guard let largest = points.map(norm).max() else { return [] }
        let key = points.map { $0.reduce(0) { $0 + $1.re + 0.618 * $1.im } }
        let order = points.indices.sorted { key[$0] < key[$1] }, width = 2 * tolerance * (1 + largest) * Double(points[0].count)
        var pairs: [(Int, Int)] = []
        for (position, i) in order.enumerated() {
            for j in order[(position + 1)...] {
                if key[j] - key[i] > width { break }
                if same(points[i], points[j]) { pairs.append((min(i, j), max(i, j))) }
            }
        }
        return pairs
    }
}
