import ChildProcess
import Foundation
import Landscape

/// `bps-solve`: every isolated solution of the F-term system in one gauge slice, by PHCpack's
/// blackbox homotopy continuation (`phc -b`) — a count independent of any descent.
struct HomotopyCountDirective: ComputeDirective {
    static let name = "bps-solve"
    static let summary = "All isolated solutions of the BPS F-term system in one slice by homotopy continuation (PHCpack's phc -b), kept when they satisfy all 18 equations and deduplicated on gauge invariants."

    struct Parameters: ParameterSet {
        let n = Parameter<Int>("n", in: 1...6, "the D6 charge N")
        let slice = Parameter<Int>("slice", in: 1...24, default: 1, "the gauge slice, numbered as in bps-minima (1: the authors')")
        let timeout = Parameter<Double>("timeout", in: 1...86_400, default: 600, "seconds to let phc run before giving up")
    }

    struct Results: ResultSet {
        let distinct = Output<Int>("distinct", "distinct minima among phc's solutions")
        let solutions = Output<Int>("solutions", "solutions phc reported for the square system")
        let mixedVolume = Output<Int>("mixed_volume", "the system's mixed volume (a bound on isolated solutions in the torus)")
        let unknowns = Output<Int>("unknowns", "equations and unknowns of the square system")
        let maxResidual = Output<Double>("max_residual", "largest residual of any of the 18 equations at a kept solution")
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let slice = GaugeSlice.all[arguments.slice - 1]
        let system = HomotopySystem(chart: SliceChart(system: BPSSystem(n: arguments.n), slice: slice))
        let output = try solve(system.text, timeout: arguments.timeout, progress: context.progress)
        let minima = system.minima(inOutput: output)
        guard let mixedVolume = HomotopySystem.reported("mixed volume", inOutput: output) else {
            throw DirectiveFailure("phc -b reported no mixed volume")
        }
        var results = ResultRecord<Results>()
        results.distinct = minima.count
        results.solutions = system.solutions(inOutput: output).count
        results.mixedVolume = mixedVolume
        results.unknowns = system.variables.count
        results.maxResidual = minima.map(\.residual).max() ?? .nan
        return results
    }

    /// phc's output for `system`, its failures as directive errors that say what to do.
    static func solve(_ system: String, timeout: Double, progress: ProgressReporter) throws -> String {
        do {
            return try PHCpack.blackbox(system, timeout: timeout) { seconds in progress.report(nil, "phc -b running, \(Int(seconds)) s") }.output
        } catch let error as ChildProcess.Failure {
            switch error.reason {
            case .notFound:
                throw DirectiveFailure("PHCpack's phc is not installed (apt-get install phcpack)")
            case .timedOut:
                throw DirectiveFailure("phc -b did not finish within \(Int(timeout)) s (raise 'timeout', or see the README for the measured cost)")
            case .cannotStart, .terminated:
                throw DirectiveFailure(error.description)
            }
        }
    }
}
