/// An element of the complexified gauge group GL(1)^3 x GL(N): scalars g1, g2, g3 on the D2 nodes and
/// an invertible N x N matrix g4 on the D6 node, acting as `Z_kl -> g_k Z_kl g_l^-1`,
/// `phi_i -> g4 phi_i g4^-1`. Solutions of the F-terms map to solutions, invariants are unchanged.
public struct GaugeTransform: Sendable {
    public var scalars: [Complex]
    public var g4: ComplexMatrix
    public var g4Inverse: ComplexMatrix

    /// Nil when g4 is not invertible.
    public init?(g1: Complex, g2: Complex, g3: Complex, g4: ComplexMatrix) {
        guard let inverse = g4.inverse else { return nil }
        scalars = [g1, g2, g3]; self.g4 = g4; g4Inverse = inverse
    }

    /// The transformed configuration.
    public func apply(to x: [Complex], in system: BPSSystem) -> [Complex] {
        var y = x
        for field in BPSField.allCases {
            let block = system.block(field, of: x)
            let transformed: ComplexMatrix
            if let (k, l) = field.arrow {
                let left = k == 4 ? g4 * block : scalars[k - 1] * block
                transformed = l == 4 ? left * g4Inverse : (Complex.one / scalars[l - 1]) * left
            } else if [.phi1, .phi2, .phi3].contains(field) {
                transformed = g4 * block * g4Inverse
            } else {
                transformed = block
            }
            y = system.setting(field, to: transformed, in: y)
        }
        return y
    }

    /// A random group element: entries of g4 and the scalars' real and imaginary parts ~ N(0, 1)
    /// (plus the identity, to stay away from singular g4).
    public static func random(n: Int, using generator: inout SeededGenerator) -> GaugeTransform {
        func draw() -> Complex { Complex(generator.normal(), generator.normal()) }
        while true {
            var g = ComplexMatrix.identity(n)
            for k in g.entries.indices { g.entries[k] += 0.5 * draw() }
            if let t = GaugeTransform(g1: Complex.one + 0.5 * draw(), g2: Complex.one + 0.5 * draw(), g3: Complex.one + 0.5 * draw(), g4: g) {
                return t
            }
        }
    }
}
