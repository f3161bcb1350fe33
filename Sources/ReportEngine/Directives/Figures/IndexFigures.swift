import BigInt
import Figures

/// The figures of `bps-index`, drawn from its stored coefficients.
enum IndexFigures {
    /// |c(Δ)| on a log axis: the two residue classes of Δ as lines, the minima counts as markers.
    static func growth(coefficients: Record) -> Figure {
        let points = coefficients.compactMap { field -> (delta: Int, magnitude: Double)? in
            guard let delta = Int(field.name), case .integer(let c) = field.value else { return nil }
            return (delta, Double(c.magnitude))
        }
        func line(_ residue: Int) -> (x: [Double], y: [Double]) {
            let selected = points.filter { ($0.delta % 4 + 4) % 4 == residue }
            return (selected.map { Double($0.delta) }, selected.map(\.magnitude))
        }
        let even = line(0), odd = line(3)
        let charges = points.filter { $0.delta > 0 && $0.delta % 4 == 0 }
        return Figure(Panel(
            x: Axis("Discriminant Δ"), y: .log("|c(Δ)|"),
            layers: [
                .line(x: even.x, y: even.y, label: "Δ ≡ 0 (mod 4)", color: Palette.color(0)),
                .line(x: odd.x, y: odd.y, label: "Δ ≡ 3 (mod 4)", color: Palette.color(1), dash: .dashed),
                .scatter(x: charges.map { Double($0.delta) }, y: charges.map(\.magnitude), label: "minima at Δ = 4N", color: Palette.color(0)),
            ]))
    }
}
