/// Gauge-invariant coordinates of a configuration, to tell solutions apart modulo
/// GL(1)^3 x GL(N). The first 9 are the authors' (phi12, phi23, phi31, Tr phi_i, Z12 Z24 Z41,
/// Z13 Z34 Z41, Z23 Z34 Z42); then closed loops: the D2 triangles, the other triangles through
/// node 4, `Tr w(phi)` for words of length 2 and 3, `Z_k4 w(phi) Z_4k` for words of length <= 2 and
/// `Z_k4 w(phi) Z_4l Z_lk` for words of length <= 1.
public struct Fingerprint: Hashable, Sendable, Codable {
    /// The invariants' values.
    public let values: [Complex]
    /// Each invariant's degree in the fields (for the image under x -> -x).
    public let degrees: [Int]

    /// How many leading invariants are the authors' own.
    public static let authorsCount = 9

    public init(values: [Complex], degrees: [Int]) { self.values = values; self.degrees = degrees }

    public init(configuration x: [Complex], in system: BPSSystem) {
        let n = system.n
        func b(_ f: BPSField) -> ComplexMatrix { system.block(f, of: x) }
        func s(_ f: BPSField) -> Complex { x[system.index(f)] }
        let phi = [b(.phi1), b(.phi2), b(.phi3)]
        let toFour = [b(.z14), b(.z24), b(.z34)], fromFour = [b(.z41), b(.z42), b(.z43)]
        var values: [Complex] = [], degrees: [Int] = []
        func add(_ v: Complex, _ d: Int) { values.append(v); degrees.append(d) }
        func scalar(_ m: ComplexMatrix) -> Complex { m[0, 0] }
        add(s(.phi12), 1); add(s(.phi23), 1); add(s(.phi31), 1)
        for p in phi { add(p.trace, 1) }
        add(scalar(s(.z12) * b(.z24) * b(.z41)), 3)
        add(scalar(s(.z13) * b(.z34) * b(.z41)), 3)
        add(scalar(s(.z23) * b(.z34) * b(.z42)), 3)
        add(s(.z12) * s(.z23) * s(.z31), 3)
        add(s(.z21) * s(.z13) * s(.z32), 3)
        add(scalar(s(.z21) * b(.z14) * b(.z42)), 3)
        add(scalar(s(.z31) * b(.z14) * b(.z43)), 3)
        add(scalar(s(.z32) * b(.z24) * b(.z43)), 3)
        let words1 = phi, words2 = phi.flatMap { a in phi.map { a * $0 } }
        for w in words2 { add(w.trace, 2) }
        for w in words2 { for p in phi { add((w * p).trace, 3) } }
        let words = [(ComplexMatrix.identity(n), 0)] + words1.map { ($0, 1) } + words2.map { ($0, 2) }
        for k in 0..<3 { for (w, length) in words { add(scalar(toFour[k] * w * fromFour[k]), 2 + length) } }
        let d2 = [[Complex.zero, s(.z12), s(.z13)], [s(.z21), .zero, s(.z23)], [s(.z31), s(.z32), .zero]]
        for k in 0..<3 { for l in 0..<3 where l != k {
            for (w, length) in words.prefix(4) { add(d2[l][k] * scalar(toFour[k] * w * fromFour[l]), 3 + length) }
        } }
        self.init(values: values, degrees: degrees)
    }

    /// The fingerprint of the image under x -> -x.
    public var negated: Fingerprint {
        Fingerprint(values: zip(values, degrees).map { $1 % 2 == 0 ? $0 : -$0 }, degrees: degrees)
    }

    /// The fingerprint of the complex-conjugate configuration (all couplings are real).
    public var conjugated: Fingerprint { Fingerprint(values: values.map(\.conjugate), degrees: degrees) }

    /// The images under the symmetry group {1, -x, conj, -conj}, this one first.
    public var images: [Fingerprint] { [self, negated, conjugated, negated.conjugated] }

    /// Whether every invariant agrees to `tolerance` relative to its magnitude.
    public func matches(_ other: Fingerprint, tolerance: Double = 1e-6) -> Bool {
        for (a, b) in zip(values, other.values) where (a - b).magnitude > tolerance * (1 + max(a.magnitude, b.magnitude)) {
            return false
        }
        return true
    }

    /// The authors' criterion: squared distance of their 9 invariants below 1e-4.
    public func matchesAuthors(_ other: Fingerprint) -> Bool {
        zip(values.prefix(Self.authorsCount), other.values.prefix(Self.authorsCount)).reduce(0) { $0 + ($1.0 - $1.1).magnitudeSquared } < 1e-4
    }
}
