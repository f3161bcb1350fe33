import Figures
import Foundation
import Landscape
import SwiftCSV

/// `bps-minima`: multi-start descent on the BPS loss, counting the distinct minima it finds against
/// the exact number, then completing the set (symmetry images, deflation or monodromy).
struct MinimaCensusDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "bps-minima",
        summary: "Multi-start descent on the F-term loss of the (1,1,1,N) BPS system: distinct minima found by plain descent and after completion, discovery curve, basin sizes, runs-needed estimates, every solution as CSV.",
        parameters: [
            ParameterSpec("n", .integer(1...6), "the D6 charge N"),
            ParameterSpec("runs", .integer(1...10_000_000), default: .int(200), "plain descents from random starts"),
            ParameterSpec("slices", .integers(1...24), default: .ints(Array(1...24)),
                          "gauge slices cycled through, numbered 1-24 (1 is the authors' Z12 = Z23 = 1, Z34 = e_N)"),
            ParameterSpec("optimizer", .choice(Optimizer.allCases.map(\.rawValue)), default: .text("newton"),
                          "newton (Levenberg-Marquardt), momentum (the authors' protocol) or adam"),
            ParameterSpec("box", .real(0.01...1000), default: .real(4.1), "starts: real and imaginary parts uniform in [-box, box]"),
            ParameterSpec("accept", .real(1e-30...1), default: .real(1e-6), "a run is accepted when its loss falls below this"),
            ParameterSpec("completion", .choice(MinimaCensus.Completion.allCases.map(\.rawValue)), default: .text("monodromy"),
                          "how to complete the set after the plain descents (none: plain descent only)"),
            .optional("expected", .reference, "the exact count, such as index.minima[2]; completion stops there"),
        ],
        outputs: [
            OutputSpec("distinct", "integer", "distinct minima in the complete set"),
            OutputSpec("descent_distinct", "integer", "distinct minima found by the plain descents alone"),
            OutputSpec("expected", "integer", "the exact count given, or the number found"),
            OutputSpec("fraction", "number", "distinct / expected"),
            OutputSpec("descent_fraction", "number", "descent_distinct / expected"),
            OutputSpec("runs", "integer", "plain descents run"),
            OutputSpec("runs_accepted", "integer", "descents that reached the accept threshold"),
            OutputSpec("median_steps", "integer", "median steps per descent"),
            OutputSpec("steps", "list", "steps of every descent"),
            OutputSpec("discovery", "list", "distinct minima after each descent"),
            OutputSpec("hits", "list", "descents that landed in each minimum"),
            OutputSpec("runs_needed_equal", "number", "n H_n: runs to see all n minima if basins were equal (a lower bound)"),
            OutputSpec("runs_needed_unequal", "number", "∫(1 − Π(1 − e^{−p_i t}))dt with the measured hit frequencies"),
            OutputSpec("added_by_images", "integer", "minima added as images under x → −x and conjugation"),
            OutputSpec("added_by_completion", "integer", "minima added by the completion runs"),
            OutputSpec("completion_runs", "integer", "completion runs used"),
            OutputSpec("closed", "boolean", "the set is closed under x → −x and complex conjugation"),
            OutputSpec("max_residual", "number", "largest |residual| of any equation at any minimum"),
            OutputSpec("authors_distinct", "integer", "classes the authors' 9 invariants alone tell apart"),
            OutputSpec("minima", "table", "each minimum: origin, hits, φ12, Tr φ1, residual"),
            OutputSpec("solutions", "file", "every minimum's slice and field values as CSV"),
            OutputSpec("discovery_figure", "figure", "distinct minima against runs, exact count dashed, equal-basin expectation"),
            OutputSpec("basins_figure", "figure", "histogram of hits per minimum"),
            OutputSpec("plane_figure", "figure", "the minima in the complex plane of φ12"),
            OutputSpec("traces_figure", "figure", "loss against step for the first descents (log scale)"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        let n = arguments.integer("n")
        var census = MinimaCensus(n: n, runs: arguments.integer("runs"), seed: context.seed)
        census.slices = arguments.integers("slices").map { GaugeSlice.all[$0 - 1] }
        census.optimizer = Optimizer(rawValue: arguments.text("optimizer")) ?? .newton
        census.boxes = [arguments.real("box")]
        census.descent.acceptLoss = arguments.real("accept")
        census.completion = MinimaCensus.Completion(rawValue: arguments.text("completion")) ?? .monodromy
        census.threads = context.threads
        if let expected = arguments["expected"] {
            guard case .integer(let count) = expected, let small = Int(exactly: count), small > 0 else {
                throw DirectiveFailure("'expected' must be a positive integer, got \(ValueFormat.plain(expected))")
            }
            census.expected = small
        }
        let runs = census.runs
        let result = census.run { p in
            context.progress.report(
                p.runsDone <= runs ? Double(p.runsDone) / Double(runs) : nil,
                p.runsDone <= runs ? "\(p.runsDone)/\(runs) descents, \(p.distinct) minima"
                    : "completing: \(p.runsDone - runs) runs, \(p.distinct) minima")
        }
        let system = BPSSystem(n: n)
        let expected = result.expected ?? result.minima.count
        let sortedSteps = result.stepsPerRun.sorted()
        return Record([
            ("distinct", .int(result.minima.count)),
            ("descent_distinct", .int(result.descentDistinct)),
            ("expected", .int(expected)),
            ("fraction", .real(Double(result.minima.count) / Double(expected))),
            ("descent_fraction", .real(Double(result.descentDistinct) / Double(expected))),
            ("runs", .int(result.runs)),
            ("runs_accepted", .int(result.runsAccepted)),
            ("median_steps", .int(sortedSteps.isEmpty ? 0 : sortedSteps[sortedSteps.count / 2])),
            ("steps", .ints(result.stepsPerRun)),
            ("discovery", .ints(result.discovery)),
            ("hits", .ints(result.hits)),
            ("runs_needed_equal", .real(result.equalBasinRuns)),
            ("runs_needed_unequal", .real(result.unequalBasinRuns)),
            ("added_by_images", .int(result.addedByImages)),
            ("added_by_completion", .int(result.addedByCompletion)),
            ("completion_runs", .int(result.completionRuns)),
            ("closed", .boolean(result.closedUnderSymmetries)),
            ("max_residual", .real(result.minima.map(\.residual).max() ?? .nan)),
            ("authors_distinct", .int(result.authorsDistinct)),
            ("minima", .table(minimaTable(result, system: system))),
            ("solutions", .file(AttachedFile(name: "solutions.csv", contents: SolutionsCSV.text(result.minima, system: system)))),
            ("discovery_figure", .figure(CensusFigures.discovery(result, expected: expected))),
            ("basins_figure", .figure(CensusFigures.basins(result))),
            ("plane_figure", .figure(CensusFigures.plane(result, system: system))),
            ("traces_figure", .figure(CensusFigures.traces(result))),
        ])
    }

    private static func minimaTable(_ result: MinimaCensus.Result, system: BPSSystem) -> Table {
        let phi12 = system.index(.phi12)
        return Table(
            columns: ["minimum", "found by", "hits", "Re φ12", "Im φ12", "max residual"],
            rows: result.minima.enumerated().map { i, m in
                [.int(i + 1), .text(m.origin.rawValue), .int(m.hits),
                 .real(m.configuration[phi12].re), .real(m.configuration[phi12].im), .real(m.residual)]
            })
    }
}

/// Every solution of a census as CSV: one row per minimum with its slice and the real and
/// imaginary part of every field entry, so a reviewer can recompute each residual independently.
enum SolutionsCSV {
    static func text(_ minima: [Minimum], system: BPSSystem) -> String {
        var columns = ["minimum", "origin", "hits", "slice"]
        for field in BPSField.allCases {
            let (rows, cols) = field.shape(system.n)
            for r in 0..<rows {
                for c in 0..<cols {
                    let name = rows * cols == 1 ? "\(field)" : "\(field)[\(r + 1),\(c + 1)]"
                    columns += ["Re \(name)", "Im \(name)"]
                }
            }
        }
        var lines = [columns.map(quoted).joined(separator: ",")]
        for (i, m) in minima.enumerated() {
            let values = m.configuration.flatMap { [$0.re.description, $0.im.description] }
            lines.append(([String(i + 1), m.origin.rawValue, String(m.hits), quoted(m.slice.description)] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

extension SolutionsCSV {
    /// The field values of every row of a solutions CSV, in configuration order.
    static func configurations(_ text: String) throws -> [[Complex]] {
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw DirectiveFailure("the solutions file is not valid CSV: \(error)")
        }
        return try csv.rows.map { cells in
            let numbers = try cells.dropFirst(4).map { cell -> Double in
                guard let x = Double(cell) else { throw DirectiveFailure("the solutions file has a non-number '\(cell)'") }
                return x
            }
            guard numbers.count.isMultiple(of: 2) else { throw DirectiveFailure("the solutions file has an odd number of real parts") }
            return stride(from: 0, to: numbers.count, by: 2).map { Complex(numbers[$0], numbers[$0 + 1]) }
        }
    }
}

/// The census figures of a BPS paper.
enum CensusFigures {
    static func discovery(_ result: MinimaCensus.Result, expected: Int) -> Figure {
        let runs = (1...max(1, result.discovery.count)).map(Double.init)
        let equal = runs.map { RunsNeeded.expectedDistinct(minima: expected, runs: Int($0)) }
        return Figure(Panel(
            x: Axis("Descents"), y: Axis("Distinct minima found", lower: 0, upper: Double(expected) * 1.12),
            layers: [
                .step(x: runs, y: result.discovery.map(Double.init), label: "descent"),
                .line(x: runs, y: equal, label: "equal basins", color: Palette.color(1), dash: .dotted),
            ],
            referenceLines: [.horizontal(Double(expected), label: "exact \(expected)")]))
    }

    static func basins(_ result: MinimaCensus.Result) -> Figure {
        .histogram(result.hits.filter { $0 > 0 }.map(Double.init), bins: 20, xAxis: Axis("Descents landing in a minimum"),
                   yAxis: Axis("Minima"))
    }

    static func plane(_ result: MinimaCensus.Result, system: BPSSystem) -> Figure {
        let index = system.index(.phi12)
        let points = result.minima.map { $0.configuration[index] }
        let byDescent = result.minima.indices.filter { result.minima[$0].origin == .descent }
        let others = result.minima.indices.filter { result.minima[$0].origin != .descent }
        var layers: [Layer] = [.scatter(x: byDescent.map { points[$0].re }, y: byDescent.map { points[$0].im }, label: "found by descent")]
        if !others.isEmpty {
            layers.append(.scatter(x: others.map { points[$0].re }, y: others.map { points[$0].im },
                                   label: "added by completion", color: Palette.color(1), marker: .square))
        }
        return Figure(Panel(x: Axis("Re φ12"), y: Axis("Im φ12"), layers: layers), width: 3.5, height: 3.2)
    }

    static func traces(_ result: MinimaCensus.Result) -> Figure {
        let layers = result.traces.enumerated().map { i, trace -> Layer in
            let positive = trace.map { max($0, 1e-32) }
            return .line(x: positive.indices.map(Double.init), y: positive, label: "run \(i + 1)")
        }
        return Figure(Panel(x: Axis("Step"), y: .log("Loss"), layers: layers))
    }
}
