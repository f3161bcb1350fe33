import Foundation
import Landscape

/// `bps-solve`: every isolated solution of the F-term system in one gauge slice, by PHCpack's
/// blackbox homotopy continuation (`phc -b`) — a count independent of any descent.
struct HomotopyCountDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "bps-solve",
        summary: "All isolated solutions of the BPS F-term system in one slice by homotopy continuation (PHCpack's phc -b), kept when they satisfy all 18 equations and deduplicated on gauge invariants.",
        parameters: [
            ParameterSpec("n", .integer(1...6), "the D6 charge N"),
            ParameterSpec("slice", .integer(1...24), default: .int(1), "the gauge slice, numbered as in bps-minima (1: the authors')"),
            ParameterSpec("timeout", .real(1...86_400), default: .real(600), "seconds to let phc run before giving up"),
        ],
        outputs: [
            OutputSpec("distinct", "integer", "distinct minima among phc's solutions"),
            OutputSpec("solutions", "integer", "solutions phc reported for the square system"),
            OutputSpec("mixed_volume", "integer", "the system's mixed volume (a bound on isolated solutions in the torus)"),
            OutputSpec("unknowns", "integer", "equations and unknowns of the square system"),
            OutputSpec("max_residual", "number", "largest residual of any of the 18 equations at a kept solution"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        let n = arguments.integer("n")
        let slice = GaugeSlice.all[arguments.integer("slice") - 1]
        let system = HomotopySystem(chart: SliceChart(system: BPSSystem(n: n), slice: slice))
        let output = try PHCpack.blackbox(system.text, timeout: arguments.real("timeout"), progress: context.progress)
        let minima = system.minima(inOutput: output)
        return Record([
            ("distinct", .int(minima.count)),
            ("solutions", .int(system.solutions(inOutput: output).count)),
            ("mixed_volume", HomotopySystem.reported("mixed volume", inOutput: output).map(Value.int) ?? .text("not reported")),
            ("unknowns", .int(system.variables.count)),
            ("max_residual", .real(minima.map(\.residual).max() ?? .nan)),
        ])
    }
}
