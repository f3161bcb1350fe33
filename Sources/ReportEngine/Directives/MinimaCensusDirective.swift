import Figures
import Foundation
import Landscape
import SwiftCSV

/// `bps-minima`: multi-start descent on the BPS loss, counting the distinct minima it finds against
/// the exact number, then completing the set (symmetry images, deflation or monodromy). Sharded
/// in stages: a stage-0 task is the plain descents of `runsPerTask` consecutive runs (each run
/// seeded by its own index); a task of stage r is one chunk of completion round r, whose input is
/// the set known after stage r - 1. The merge deduplicates the descents in run order and applies
/// the chunks in order exactly as `MinimaCensus.complete` does, so the census is the same.
struct MinimaCensusDirective: ShardedDirective {
    static let name = "bps-minima"
    static let summary = "Multi-start descent on the F-term loss of the (1,1,1,N) BPS system: distinct minima found by plain descent and after completion, discovery curve, basin sizes, runs-needed estimates, every solution as typed data and as CSV."
    static let seeded = true
    static let version = 3

    struct Parameters: ParameterSet {
        let n = Parameter<Int>("n", in: 1...6, "the D6 charge N")
        let runs = Parameter<Int>("runs", in: 1...10_000_000, default: 200, "plain descents from random starts")
        let slices = Parameter<[Int]>("slices", in: 1...24, default: Array(1...24),
                                      "gauge slices cycled through, numbered 1-24 (1 is the authors' Z12 = Z23 = 1, Z34 = e_N)")
        let optimizer = Parameter<Optimizer>("optimizer", default: .newton, "newton (Levenberg-Marquardt), momentum (the authors' protocol) or adam")
        let box = Parameter<Double>("box", in: 0.01...1000, default: 4.1, "starts: real and imaginary parts uniform in [-box, box]")
        let accept = Parameter<Double>("accept", in: 1e-30...1, default: 1e-6, "a run is accepted when its loss falls below this")
        let completion = Parameter<MinimaCensus.Completion>("completion", default: .monodromy,
                                                            "how to complete the set after the plain descents (none: plain descent only)")
        let expected = Parameter<Int?>(optionalReference: "expected", "the exact count, such as index.minima[2]; completion stops there")
    }

    struct Results: ResultSet {
        let optimizer = Output<String>("optimizer", "the optimizer of the plain descents: Levenberg–Marquardt, momentum or Adam")
        let distinct = Output<Int>("distinct", "distinct minima in the complete set")
        let descentDistinct = Output<Int>("descent_distinct", "distinct minima found by the plain descents alone")
        let expected = Output<Int>("expected", "the exact count given, or the number found")
        let expectedGiven = Output<Bool>("expected_given", "whether an exact count was given ('expected'); without one, 'expected' is the number found and no figure calls it exact")
        let fraction = Output<Double>("fraction", "distinct / expected")
        let descentFraction = Output<Double>("descent_fraction", "descent_distinct / expected")
        let runs = Output<Int>("runs", "plain descents run")
        let runsAccepted = Output<Int>("runs_accepted", "descents that reached the accept threshold")
        let medianSteps = Output<Int>("median_steps", "median steps per descent")
        let steps = Output<[Int]>("steps", "steps of every descent")
        let discovery = Output<[Int]>("discovery", "distinct minima after each descent")
        let hits = Output<[Int]>("hits", "descents that landed in each minimum")
        let runsNeededEqual = Output<Double>("runs_needed_equal", "n H_n: runs to see all n minima if basins were equal (a lower bound)")
        let runsNeededUnequal = Output<Double>("runs_needed_unequal", "∫(1 − Π(1 − e^{−p_i t}))dt with the measured hit frequencies")
        let addedByImages = Output<Int>("added_by_images", "minima added as images under x → −x and conjugation")
        let addedByCompletion = Output<Int>("added_by_completion", "minima added by the completion runs")
        let completionRuns = Output<Int>("completion_runs", "completion runs used")
        let closed = Output<Bool>("closed", "the set is closed under x → −x and complex conjugation")
        let maxResidual = Output<Double>("max_residual", "largest |residual| of any equation at any minimum")
        let authorsDistinct = Output<Int>("authors_distinct", "classes the authors' 9 invariants alone tell apart")
        let minima = Output<Table>("minima", "each minimum: origin, hits, φ12, Tr φ1, residual")
        let minimaSet = Output<BPSMinima>("minima_set", "the charge n and every minimum's field values as a complex matrix, one row per minimum (what mode-path reads)")
        let traces = Output<[[Double]]>("traces", "loss against step of the first descents")
        let solutions = Output<AttachedFile>("solutions", "every minimum's slice and field values as CSV")
        let discoveryFigure = FigureOutput<Results>("discovery_figure", "distinct minima against runs, exact count dashed, equal-basin expectation") {
            CensusFigures.discovery($0)
        }
        let basinsFigure = FigureOutput<Results>("basins_figure", "histogram of hits per minimum") { CensusFigures.basins($0) }
        let planeFigure = FigureOutput<Results>("plane_figure", "the minima in the complex plane of φ12") { try CensusFigures.plane($0) }
        let tracesFigure = FigureOutput<Results>("traces_figure", "loss against step for the first descents (log scale)") {
            CensusFigures.traces($0)
        }
    }

    /// Plain descents per task.
    static let runsPerTask = 100
    static let mergesInStages = true

    static func taskCount(_ arguments: Arguments<Parameters>) -> Int { (arguments.runs + runsPerTask - 1) / runsPerTask }

    static func computeTask(_ arguments: Arguments<Parameters>, index: Int, context: ComputeContext) throws -> Record {
        let first = index * runsPerTask
        return DescentsRecord.record(try census(arguments, context: context).descents(first..<min(first + runsPerTask, arguments.runs)))
    }

    static func merge(_ arguments: Arguments<Parameters>, tasks: [Record], context: ComputeContext) throws -> ResultRecord<Results> {
        let n = arguments.n
        let census = try census(arguments, context: context)
        let descents = try tasks.enumerated().map { index, record in
            guard let descents = DescentsRecord.descents(record) else {
                throw DirectiveFailure("the stored descents of task \(index + 1) are malformed")
            }
            return descents
        }
        let result = try complete(census, descents: descents, context: context)
        let system = BPSSystem(n: n)
        let expected = result.expected ?? result.minima.count
        let sortedSteps = result.stepsPerRun.sorted()
        var results = ResultRecord<Results>()
        results.optimizer = arguments.optimizer.name
        results.distinct = result.minima.count
        results.descentDistinct = result.descentDistinct
        results.expected = expected
        results.expectedGiven = result.expected != nil
        results.fraction = Double(result.minima.count) / Double(expected)
        results.descentFraction = Double(result.descentDistinct) / Double(expected)
        results.runs = result.runs
        results.runsAccepted = result.runsAccepted
        results.medianSteps = sortedSteps.isEmpty ? 0 : sortedSteps[sortedSteps.count / 2]
        results.steps = result.stepsPerRun
        results.discovery = result.discovery
        results.hits = result.hits
        results.runsNeededEqual = result.equalBasinRuns
        results.runsNeededUnequal = result.unequalBasinRuns
        results.addedByImages = result.addedByImages
        results.addedByCompletion = result.addedByCompletion
        results.completionRuns = result.completionRuns
        results.closed = result.closedUnderSymmetries
        results.maxResidual = result.minima.map(\.residual).max() ?? .nan
        results.authorsDistinct = result.authorsDistinct
        results.minima = minimaTable(result, system: system)
        results.minimaSet = BPSMinima(n: n, minima: result.minima)
        results.traces = result.traces
        results.solutions = AttachedFile(name: "solutions.csv", contents: SolutionsCSV.text(result.minima, system: system))
        return results
    }

    /// The census from its descents: each completion round is a stage whose tasks are its chunks,
    /// from the cache or computed, applied in order (one at a time in a plain build, which
    /// computes no chunk the census does not use; all of its own at once in a shard).
    private static func complete(_ census: MinimaCensus, descents: [MinimaCensus.Descents], context: ComputeContext) throws -> MinimaCensus.Result {
        var state = census.startCompletion(descents: descents), stage = 0
        while let round = census.beginRound(&state) {
            stage += 1
            let tasks = context.tasks.stage(stage, input: CompletionRecord.digest(round))
            var chunk = 0, over = false
            while !over {
                let batch = chunk..<(context.tasks.selects ? round.chunkCount : chunk + 1)
                let records = try tasks.obtain(tasks: batch, of: round.chunkCount, context: context) { index, taskContext in
                    var census = census
                    census.threads = taskContext.threads
                    return CompletionRecord.record(census.outcomes(of: round, chunk: index))
                }
                for record in records where !over {
                    guard let record else { throw tasks.missing(zip(batch, records).filter { $0.1 == nil }.map(\.0)) }
                    guard let found = CompletionRecord.found(record) else {
                        throw DirectiveFailure("the stored chunk \(chunk + 1) of completion round \(stage) is malformed")
                    }
                    over = census.apply(found, chunk: chunk, of: round, to: &state)
                    chunk += 1
                    context.progress.report(nil, "completing: round \(stage), \(state.completionRuns) runs, \(state.minima.count) minima")
                }
            }
        }
        return census.result(state)
    }

    /// The census the arguments describe, seeded with the directive's seed.
    private static func census(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> MinimaCensus {
        var census = MinimaCensus(n: arguments.n, runs: arguments.runs, seed: context.seed)
        census.slices = arguments.slices.map { GaugeSlice.all[$0 - 1] }
        census.optimizer = arguments.optimizer
        census.boxes = [arguments.box]
        census.descent.acceptLoss = arguments.accept
        census.completion = arguments.completion
        census.threads = context.threads
        if let expected = arguments.expected {
            guard expected > 0 else { throw DirectiveFailure("'expected' must be a positive integer, got \(expected)") }
            census.expected = expected
        }
        return census
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

/// One task's plain descents as a stored record: per run its steps and whether it was accepted;
/// per minimum reached its run, its slice (numbered from 1) and its field values as a complex
/// matrix row; the traces of the traced runs.
enum DescentsRecord {
    static func record(_ descents: MinimaCensus.Descents) -> Record {
        Record([("first", .int(descents.runs.lowerBound)), ("steps", descents.steps.value),
                ("accepted", .list(descents.converged.map(Value.boolean)))]
               + CompletionRecord.fields(descents.minima) + [("traces", descents.traces.value)])
    }

    /// The descents stored in `record`, or nil if it is not such a record.
    static func descents(_ record: Record) -> MinimaCensus.Descents? {
        guard let first = record["first"].flatMap(Int.init(value:)),
              let steps = record["steps"].flatMap([Int].init(value:)),
              let accepted = record["accepted"]?.elements?.compactMap({ value -> Bool? in
                  if case .boolean(let b) = value { b } else { nil }
              }),
              let minima = CompletionRecord.found(record),
              let traces = record["traces"].flatMap([[Double]].init(value:)),
              accepted.count == steps.count else { return nil }
        return MinimaCensus.Descents(runs: first..<(first + steps.count), steps: steps, converged: accepted, minima: minima, traces: traces)
    }
}

/// One chunk of a completion round as a stored record: per minimum reached its run, its slice
/// (numbered from 1) and its field values as a complex matrix row (the same fields as in a
/// descents record).
enum CompletionRecord {
    static func record(_ found: [MinimaCensus.Descents.Found]) -> Record { Record(fields(found)) }

    static func fields(_ found: [MinimaCensus.Descents.Found]) -> [(String, Value)] {
        let width = found.first?.configuration.count ?? 0
        return [
            ("minimum_runs", found.map(\.run).value),
            ("minimum_slices", found.map { m in GaugeSlice.all.firstIndex(of: m.slice)! + 1 }.value),
            ("configurations", .complexMatrix(ComplexMatrix(rows: found.count, cols: width, entries: found.flatMap(\.configuration)))),
        ]
    }

    /// The minima stored in `record`, or nil if it holds none of these fields or damaged ones.
    static func found(_ record: Record) -> [MinimaCensus.Descents.Found]? {
        guard let runs = record["minimum_runs"].flatMap([Int].init(value:)),
              let slices = record["minimum_slices"].flatMap([Int].init(value:)),
              let configurations = record["configurations"].flatMap(ComplexMatrix.init(value:)),
              runs.count == slices.count, configurations.rows == runs.count,
              slices.allSatisfy(GaugeSlice.all.indices.map { $0 + 1 }.contains) else { return nil }
        return runs.indices.map { i in
            MinimaCensus.Descents.Found(
                run: runs[i], slice: GaugeSlice.all[slices[i] - 1],
                configuration: Array(configurations.entries[(i * configurations.cols)..<((i + 1) * configurations.cols)]))
        }
    }

    /// The digest of a round's input: its kind, runs, chunk size and (minimum, loop) pairs, and every
    /// known minimum's slice and field values to the bit.
    static func digest(_ round: MinimaCensus.CompletionRound) -> String {
        var words = [UInt64(round.firstRun), UInt64(round.runCount), UInt64(round.chunkSize), UInt64(round.known.count)]
        words += round.pairs.flatMap { [UInt64($0.minimum), UInt64($0.loop)] }
        for m in round.known {
            words.append(UInt64(GaugeSlice.all.firstIndex(of: m.slice)!))
            words += m.configuration.flatMap { [$0.re.bitPattern, $0.im.bitPattern] }
        }
        return CacheKeys.hex(Data(round.kind.rawValue.utf8) + words.withUnsafeBytes { Data($0) })
    }
}

/// Every solution of a census as CSV: one row per minimum with its slice and the real and
/// imaginary part of every field entry, so a reviewer can recompute each residual independently.
public enum SolutionsCSV {
    public static func text(_ minima: [Minimum], system: BPSSystem) -> String {
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
