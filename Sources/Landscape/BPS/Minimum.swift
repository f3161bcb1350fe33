/// One distinct supersymmetric vacuum found by a census.
public struct Minimum: Sendable, Codable {
    /// How the census first obtained it.
    public enum Origin: String, Sendable, Codable { case descent, image, deflation, monodromy, homotopy }

    public let fingerprint: Fingerprint
    /// The slice its field values are given in.
    public let slice: GaugeSlice
    /// All 3N^2 + 6N + 9 field values (fixed entries included), in `BPSField` order.
    public let configuration: [Complex]
    /// The largest |entry| of each of the 18 equations' residuals, in `BPSEquation` order.
    public let maxResidual: [Double]
    public let origin: Origin
    /// Number of plain descents that converged to it.
    public internal(set) var hits: Int

    init(configuration: [Complex], slice: GaugeSlice, system: BPSSystem, origin: Origin, hits: Int) {
        self.configuration = configuration; self.slice = slice; self.origin = origin; self.hits = hits
        fingerprint = Fingerprint(configuration: configuration, in: system)
        let e = system.residual(configuration)
        maxResidual = BPSEquation.allCases.map { eq in
            let (rows, cols) = eq.shape(system.n), o = system.equationOffset[eq.rawValue]
            return e[o..<o + rows * cols].reduce(0) { max($0, $1.magnitude) }
        }
    }

    /// The largest residual over all equations.
    public var residual: Double { maxResidual.max()! }
}

/// A set of minima deduplicated on their fingerprints.
struct MinimumSet {
    private(set) var minima: [Minimum] = []

    /// Index of the minimum matching `fingerprint`, if any.
    func index(of fingerprint: Fingerprint) -> Int? {
        minima.firstIndex { $0.fingerprint.matches(fingerprint) }
    }

    /// Adds `m` unless already present; returns its index and whether it was new.
    @discardableResult
    mutating func insert(_ m: Minimum) -> (index: Int, isNew: Bool) {
        if let i = index(of: m.fingerprint) { return (i, false) }
        minima.append(m)
        return (minima.count - 1, true)
    }

    mutating func hit(_ i: Int) { minima[i].hits += 1 }

    var count: Int { minima.count }

    /// Whether the set is closed under x -> -x and complex conjugation.
    var isClosedUnderSymmetries: Bool {
        minima.allSatisfy { m in m.fingerprint.images.allSatisfy { index(of: $0) != nil } }
    }
}
