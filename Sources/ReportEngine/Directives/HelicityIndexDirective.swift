import BigInt
import Landscape

/// `bps-index`: the exact degeneracies c(Δ) of the 1/8-BPS black holes, by two independent
/// expansions of −θ₁²/η⁶ that must agree.
struct HelicityIndexDirective: ComputeDirective {
    static let name = "bps-index"
    static let summary = "Exact helicity-trace index c(Δ) from −θ₁(z|τ)²/η(τ)⁶; |c(4N)| is the number of minima at charges (1,1,1,N)."

    struct Parameters: ParameterSet {
        let maxCharge = Parameter<Int>("max-charge", in: 1...400, default: 5, "largest N (D6 charge) in the table; c(Δ) is given for Δ ≤ 4N")
    }

    struct Results: ResultSet {
        let c = Output<Record>("c", "c(Δ) by Δ for −1 ≤ Δ ≤ 4·max-charge, Δ ≡ 0, 3 (mod 4): index.c[12]")
        let minima = Output<Record>("minima", "|c(4N)| by N, the exact number of minima: index.minima[3]")
        let table = Output<Table>("table", "N, Δ = 4N, c(Δ) and the minima count |c(Δ)|")
        let methodsAgree = Output<Bool>("methods_agree", "the product formula and the theta-sum expansion agree term by term")
        let jacobiViolations = Output<Int>("jacobi_violations", "terms qᵏyˡ whose coefficient differs from c(4k − l²) (0 expected)")
        let termsChecked = Output<Int>("terms_checked", "terms compared for the 4k − l² property")
        let figure = FigureOutput<Results>("figure", "|c(Δ)| against Δ on a logarithmic axis, the minima counts Δ = 4N marked") { stored in
            IndexFigures.growth(coefficients: stored.c)
        }
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let maxCharge = arguments.maxCharge
        let index = HelicityTraceIndex(maxDiscriminant: 4 * maxCharge)
        let order = HelicityTraceIndex.order(for: 4 * maxCharge)
        let discriminants = (-1...(4 * maxCharge)).filter { $0 % 4 == 0 || ($0 + 4) % 4 == 3 }
        let charges = Array(1...maxCharge)
        var results = ResultRecord<Results>()
        results.c = Record(discriminants.map { (String($0), Value.integer(index.coefficient($0))) })
        results.minima = Record(charges.map { (String($0), Value.integer(index.minimaCount(charge: $0))) })
        results.table = Table(
            columns: ["N", "Δ", "c(Δ)", "minima |c(Δ)|"],
            rows: charges.map { n in
                [.int(n), .int(4 * n), .integer(index.coefficient(4 * n)), .integer(index.minimaCount(charge: n))]
            })
        results.methodsAgree = HelicityTraceIndex.thetaSeries(order: order) == index.series
        results.jacobiViolations = index.discriminantViolations().count
        results.termsChecked = index.comparedTerms()
        return results
    }
}
