import BigInt
import Figures
import Landscape

/// `bps-index`: the exact degeneracies c(Δ) of the 1/8-BPS black holes, by two independent
/// expansions of −θ₁²/η⁶ that must agree.
struct HelicityIndexDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "bps-index",
        summary: "Exact helicity-trace index c(Δ) from −θ₁(z|τ)²/η(τ)⁶; |c(4N)| is the number of minima at charges (1,1,1,N).",
        parameters: [
            ParameterSpec("max-charge", .integer(1...400), default: .int(5), "largest N (D6 charge) in the table; c(Δ) is given for Δ ≤ 4N"),
        ],
        outputs: [
            OutputSpec("c", "record", "c(Δ) by Δ for −1 ≤ Δ ≤ 4·max-charge, Δ ≡ 0, 3 (mod 4): index.c[12]"),
            OutputSpec("minima", "record", "|c(4N)| by N, the exact number of minima: index.minima[3]"),
            OutputSpec("table", "table", "N, Δ = 4N, c(Δ) and the minima count |c(Δ)|"),
            OutputSpec("methods_agree", "boolean", "the product formula and the theta-sum expansion agree term by term"),
            OutputSpec("jacobi_violations", "integer", "terms qᵏyˡ whose coefficient differs from c(4k − l²) (0 expected)"),
            OutputSpec("terms_checked", "integer", "terms compared for the 4k − l² property"),
            OutputSpec("figure", "figure", "|c(Δ)| against Δ on a logarithmic axis, the minima counts Δ = 4N marked"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        let maxCharge = arguments.integer("max-charge")
        let index = HelicityTraceIndex(maxDiscriminant: 4 * maxCharge)
        let order = HelicityTraceIndex.order(for: 4 * maxCharge)
        let agree = HelicityTraceIndex.thetaSeries(order: order) == index.series

        let discriminants = (-1...(4 * maxCharge)).filter { $0 % 4 == 0 || ($0 + 4) % 4 == 3 }
        let c = Record(discriminants.map { (String($0), Value.integer(index.coefficient($0))) })
        let charges = Array(1...maxCharge)
        let minima = Record(charges.map { (String($0), Value.integer(index.minimaCount(charge: $0))) })
        let table = Table(
            columns: ["N", "Δ", "c(Δ)", "minima |c(Δ)|"],
            rows: charges.map { n in
                [.int(n), .int(4 * n), .integer(index.coefficient(4 * n)), .integer(index.minimaCount(charge: n))]
            })
        return Record([
            ("c", .record(c)),
            ("minima", .record(minima)),
            ("table", .table(table)),
            ("methods_agree", .boolean(agree)),
            ("jacobi_violations", .int(index.discriminantViolations().count)),
            ("terms_checked", .int(index.comparedTerms())),
            ("figure", .figure(growthFigure(index, discriminants: discriminants))),
        ])
    }

    /// |c(Δ)| on a log axis: the two residue classes of Δ as lines, the minima counts as markers.
    private static func growthFigure(_ index: HelicityTraceIndex, discriminants: [Int]) -> Figure {
        func magnitudes(_ deltas: [Int]) -> [Double] { deltas.map { Double(index.coefficient($0).magnitude) } }
        let odd = discriminants.filter { ($0 % 4 + 4) % 4 == 3 }
        let even = discriminants.filter { $0 % 4 == 0 }
        let charges = even.filter { $0 > 0 }
        return Figure(Panel(
            x: Axis("Discriminant Δ"), y: .log("|c(Δ)|"),
            layers: [
                .line(x: even.map(Double.init), y: magnitudes(even), label: "Δ ≡ 0 (mod 4)", color: Palette.color(0)),
                .line(x: odd.map(Double.init), y: magnitudes(odd), label: "Δ ≡ 3 (mod 4)", color: Palette.color(1), dash: .dashed),
                .scatter(x: charges.map(Double.init), y: magnitudes(charges), label: "minima at Δ = 4N", color: Palette.color(0)),
            ]))
    }
}
