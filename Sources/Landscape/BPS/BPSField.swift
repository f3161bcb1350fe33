/// The 18 fields of the D2-D2-D2-D6 quiver with charges (1, 1, 1, N), in the order they are stored
/// in a configuration vector. `Z_kl` is the arrow from node k to node l; node 4 carries U(N).
public enum BPSField: Int, CaseIterable, Sendable, Codable {
    case z12, z21, z13, z31, z23, z32
    case z14, z24, z34
    case z41, z42, z43
    case phi12, phi23, phi31
    case phi1, phi2, phi3

    /// The block's shape (rows, cols) at rank N.
    public func shape(_ n: Int) -> (rows: Int, cols: Int) {
        switch self {
        case .z14, .z24, .z34: return (1, n)
        case .z41, .z42, .z43: return (n, 1)
        case .phi1, .phi2, .phi3: return (n, n)
        default: return (1, 1)
        }
    }

    /// The arrow's endpoints (k, l) for `Z_kl`, nil for the adjoint fields.
    public var arrow: (from: Int, to: Int)? {
        switch self {
        case .z12: return (1, 2)
        case .z21: return (2, 1)
        case .z13: return (1, 3)
        case .z31: return (3, 1)
        case .z23: return (2, 3)
        case .z32: return (3, 2)
        case .z14: return (1, 4)
        case .z24: return (2, 4)
        case .z34: return (3, 4)
        case .z41: return (4, 1)
        case .z42: return (4, 2)
        case .z43: return (4, 3)
        default: return nil
        }
    }

    /// The F-term equation that is the derivative of the superpotential with respect to this field.
    public var partner: BPSEquation {
        switch self {
        case .z12: return .g21
        case .z21: return .g12
        case .z13: return .g31
        case .z31: return .g13
        case .z23: return .g32
        case .z32: return .g23
        case .z14: return .g41
        case .z24: return .g42
        case .z34: return .g43
        case .z41: return .g14
        case .z42: return .g24
        case .z43: return .g34
        case .phi12: return .f12
        case .phi23: return .f23
        case .phi31: return .f31
        case .phi1: return .f41
        case .phi2: return .f42
        case .phi3: return .f43
        }
    }
}

/// The 18 F-term equations (matrix-valued), in the order their entries are stacked.
public enum BPSEquation: Int, CaseIterable, Sendable {
    case f12, f23, f31, f41, f42, f43
    case g21, g12, g31, g13, g32, g23
    case g14, g24, g34, g41, g42, g43

    public func shape(_ n: Int) -> (rows: Int, cols: Int) {
        switch self {
        case .g14, .g24, .g34: return (1, n)
        case .g41, .g42, .g43: return (n, 1)
        case .f41, .f42, .f43: return (n, n)
        default: return (1, 1)
        }
    }

    /// The equation as (constant times identity, signed products of two fields), as in the science note.
    var definition: (constant: Double, products: [(Double, BPSField, BPSField)]) {
        let c = BPSSystem.couplings
        switch self {
        case .f12: return (c.c12, [(1, .z12, .z21)])
        case .f23: return (c.c23, [(1, .z23, .z32)])
        case .f31: return (c.c13, [(1, .z31, .z13)])
        case .f41: return (c.c14, [(1, .z41, .z14), (1, .phi2, .phi3), (-1, .phi3, .phi2)])
        case .f42: return (c.c24, [(1, .z42, .z24), (1, .phi3, .phi1), (-1, .phi1, .phi3)])
        case .f43: return (c.c34, [(1, .z43, .z34), (-1, .phi2, .phi1), (1, .phi1, .phi2)])
        case .g21: return (0, [(1, .z21, .phi12), (1, .z23, .z31), (1, .z24, .z41)])
        case .g12: return (0, [(1, .z12, .phi12), (1, .z13, .z32), (1, .z14, .z42)])
        case .g31: return (0, [(1, .z31, .phi31), (1, .z32, .z21), (-1, .z34, .z41)])
        case .g13: return (0, [(1, .z13, .phi31), (1, .z12, .z23), (1, .z14, .z43)])
        case .g32: return (0, [(1, .z32, .phi23), (1, .z31, .z12), (1, .z34, .z42)])
        case .g23: return (0, [(1, .z23, .phi23), (1, .z21, .z13), (1, .z24, .z43)])
        case .g14: return (0, [(-1, .z14, .phi1), (1, .z12, .z24), (-1, .z13, .z34)])
        case .g41: return (0, [(-1, .phi1, .z41), (1, .z42, .z21), (1, .z43, .z31)])
        case .g24: return (0, [(-1, .z24, .phi2), (1, .z21, .z14), (1, .z23, .z34)])
        case .g42: return (0, [(-1, .phi2, .z42), (1, .z43, .z32), (1, .z41, .z12)])
        case .g34: return (0, [(-1, .z34, .phi3), (1, .z31, .z14), (1, .z32, .z24)])
        case .g43: return (0, [(-1, .phi3, .z43), (-1, .z41, .z13), (1, .z42, .z23)])
        }
    }
}
