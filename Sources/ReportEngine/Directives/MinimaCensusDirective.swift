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
    static let version = 4

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
        let closedUnderLoops = Output<Bool>("closed_under_loops", "the set is closed under the monodromy loops with zero outstanding tracks (false when the census stopped at the expected count)")
        let failedTracks = Output<Int>("failed_tracks", "monodromy tracks whose first attempt failed (each was retried)")
        let outstandingTracks = Output<Int>("outstanding_tracks", "monodromy tracks that failed every attempt of their retry budget")
        let retriedTracks = Output<Int>("retried_tracks", "retry attempts made (another slice chart, shorter steps, fresh loops)")
        let pathsMet = Output<Int>("paths_met", "tracks round one loop that landed where another start of that loop had (a path jumped; both are tracked again carefully)")
        let trackRounds = Output<Table>("track_rounds", "per completion round of loops (or of careful retries of tracks that met): tracks attempted, failed, retried, substituted (landed on a fresh loop only), outstanding")
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
        results.closedUnderLoops = result.closedUnderLoops
        results.failedTracks = result.failedTracks
        results.outstandingTracks = result.outstandingTracks
        results.retriedTracks = result.trackRounds.reduce(0) { $0 + $1.retried }
        results.pathsMet = result.pathsMet
        results.trackRounds = Table(
            columns: ["round", "attempted", "failed", "retried", "substituted", "outstanding"],
            rows: result.trackRounds.map { r in [r.round, r.attempted, r.failed, r.retried, r.substituted, r.outstanding].map(Value.int) })
        results.maxResidual = result.minima.map(\.residual).max() ?? .nan
        results.authorsDistinct = result.authorsDistinct
        results.minima = minimaTable(result, system: system)
        results.minimaSet = BPSMinima(n: n, minima: result.minima)
        results.traces = result.traces
        results.solutions = AttachedFile(name: "solutions.csv", contents: SolutionsCSV.text(result.minima, system: system))
        return results
    }

    /// The census from its descents, folded by `MinimaCensus.complete` (the loop the bench and
    /// the tests run): each completion round is a stage whose tasks are its chunks, from the cache
    /// or computed. A plain build obtains one chunk at a time (computing no chunk the census does
    /// not use); a shard obtains all of its own at once and stops at the first it lacks.
    private static func complete(_ census: MinimaCensus, descents: [MinimaCensus.Descents], context: ComputeContext) throws -> MinimaCensus.Result {
        var obtained: (stage: Int, first: Int, records: [Record?])?
        return try census.complete(census.startCompletion(descents: descents), chunks: { round, stage, chunk in
            let tasks = context.tasks.stage(stage, input: CompletionRecord.digest(round))
            if obtained == nil || obtained!.stage != stage || !(obtained!.first..<(obtained!.first + obtained!.records.count)).contains(chunk) {
                let batch = chunk..<(context.tasks.selects ? round.chunkCount : chunk + 1)
                let records = try tasks.obtain(tasks: batch, of: round.chunkCount, context: context) { index, taskContext in
                    var census = census
                    census.threads = taskContext.threads
                    return CompletionRecord.record(census.outcomes(of: round, chunk: index))
                }
                obtained = (stage, chunk, records)
            }
            let (_, first, records) = obtained!
            guard let record = records[chunk - first] else {
                throw tasks.missing(records.indices.filter { records[$0] == nil }.map { $0 + first })
            }
            guard let found = CompletionRecord.outcomes(record) else {
                throw DirectiveFailure("the stored chunk \(chunk + 1) of completion round \(stage) is malformed")
            }
            return found
        }, progress: { p in
            context.progress.report(nil, "completing: round \(p.round), \(p.runsDone - census.runs) runs, \(p.distinct) minima")
        })
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
/// descents record); per track its run, whether it landed, the attempt it started at, the codes of its failed attempts (one
/// list, `track_failure_counts` long per track) and its worst condition estimate.
enum CompletionRecord {
    static func record(_ outcomes: MinimaCensus.ChunkOutcomes) -> Record {
        let tracks = outcomes.tracks
        return Record(fields(outcomes.found) + [
            ("track_runs", tracks.map(\.run).value), ("track_landed", tracks.map { $0.landed ? 1 : 0 }.value),
            ("track_first_attempts", tracks.map(\.first).value),
            ("track_failure_counts", tracks.map(\.failures.count).value),
            ("track_failures", tracks.flatMap { $0.failures.map(\.rawValue) }.value),
            ("track_conditions", .vector(tracks.map(\.worstCondition))),
        ])
    }

    /// The chunk's outcomes stored in `record`, or nil if it is damaged.
    static func outcomes(_ record: Record) -> MinimaCensus.ChunkOutcomes? {
        guard let found = found(record), let runs = record["track_runs"].flatMap([Int].init(value:)),
              let landed = record["track_landed"].flatMap([Int].init(value:)),
              let firsts = record["track_first_attempts"].flatMap([Int].init(value:)), firsts.count == runs.count,
              let counts = record["track_failure_counts"].flatMap([Int].init(value:)),
              let codes = record["track_failures"].flatMap([Int].init(value:)),
              let conditions = record["track_conditions"].flatMap([Double].init(value:)),
              landed.count == runs.count, counts.count == runs.count, conditions.count == runs.count,
              counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, +) == codes.count else { return nil }
        let failures = codes.compactMap(TrackFailure.init(rawValue:))
        guard failures.count == codes.count else { return nil }
        var offset = 0
        let tracks = runs.indices.map { i in
            defer { offset += counts[i] }
            return MinimaCensus.TrackReport(run: runs[i], failures: Array(failures[offset..<(offset + counts[i])]),
                                            landed: landed[i] == 1, worstCondition: conditions[i], first: firsts[i])
        }
        return MinimaCensus.ChunkOutcomes(found: found, tracks: tracks)
    }

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
