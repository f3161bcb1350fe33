/// Multi-start census of the BPS minima: random starts in a rotation of gauge slices, descent,
/// polishing, deduplication on gauge invariants; then (optionally) completion of the set by its
/// symmetry images and by deflated Newton runs that repel from every known minimum.
public struct MinimaCensus: Sendable {
    public var n: Int
    /// Slices cycled through: run r uses `slices[r % slices.count]`.
    public var slices: [GaugeSlice] = GaugeSlice.all
    /// Number of plain descents.
    public var runs: Int
    public var optimizer: Optimizer = .newton
    /// Initialisation boxes: real and imaginary parts ~ U[-box, box]; run r uses
    /// `boxes[(r / slices.count) % boxes.count]` (the authors use 4.1 only).
    public var boxes = [4.1]
    public var seed: UInt64
    /// The threads the census may use; its results do not depend on them.
    public var threads = ThreadBudget.serial
    /// The exact count if known (c(4N)); completion stops when it is reached.
    public var expected: Int?
    /// How to complete the set after the plain descents; symmetry images are always added unless `.none`.
    public var completion = Completion.monodromy
    /// Completion stops after `patience` rounds without growth (with monodromy: restart rounds that
    /// add nothing to a set closed under the loops), or after `maximumCompletionRuns`.
    public var patience = 3
    public var maximumCompletionRuns = 20_000
    public var descent = DescentSettings()
    /// Loss traces are recorded for the first `tracedRuns` runs.
    public var tracedRuns = 4

    public init(n: Int, runs: Int, seed: UInt64) { self.n = n; self.runs = runs; self.seed = seed }

    /// Completion strategies, each followed by closing the set under the symmetries.
    public enum Completion: String, Sendable, CaseIterable {
        /// Plain descents only: no images, no completion.
        case none
        /// Symmetry images only.
        case images
        /// Deflated Newton from random starts in every slice, repelled from all known minima
        /// (`deflatedRunsPerSlice` per slice and round).
        case deflation
        /// Every known minimum tracked round every loop of a fixed family of loops of the couplings
        /// (`MonodromyLoop`), until the set is closed under them.
        case monodromy
    }

    /// Deflated runs per slice and round (completion `.deflation`).
    public var deflatedRunsPerSlice = 4
    /// Completion runs between two symmetry closures and progress reports.
    public var completionChunk = 64
    /// Fresh descents in a restart round (completion `.monodromy`, once the set is closed under the loops).
    public var restartRuns = 1200
    /// Loops of the monodromy family at the start (one more after each restart round that adds nothing).
    public var monodromyLoops = 3
    /// Attempts a completion track may make before it is left outstanding (`CompletionTracks.swift`:
    /// the first three follow the family's loop, the others fresh loops).
    public var trackAttempts = 8

    /// Progress after each chunk of runs.
    public struct Progress: Sendable {
        public let runsDone: Int
        public let distinct: Int
        public let elapsedSeconds: Double
        /// The completion round (from 1), or 0 during the plain descents.
        public var round = 0
    }

    /// Everything a census measured.
    public struct Result: Sendable, Codable {
        /// The complete set found (plain descents, then symmetry images and completion runs), in order of discovery.
        public let minima: [Minimum]
        /// Distinct minima found by the plain descents alone.
        public let descentDistinct: Int
        public let expected: Int?
        public let runs: Int
        public let runsAccepted: Int
        /// Steps (iterations) of every plain run.
        public let stepsPerRun: [Int]
        /// Distinct minima after each plain run.
        public let discovery: [Int]
        /// Loss against step for the first few runs.
        public let traces: [[Double]]
        /// Deflated runs or monodromy loops used by the completion.
        public let completionRuns: Int
        /// Minima added as symmetry images and by the completion runs.
        public let addedByImages: Int
        public let addedByCompletion: Int
        /// Whether the final set is closed under x -> -x and conjugation.
        public let closedUnderSymmetries: Bool
        /// Whether the set is closed under the family of loops with zero outstanding tracks: its
        /// last round of loops tracked every minimum round every loop not tracked before, added
        /// nothing, and no track of the census was left outstanding.
        public let closedUnderLoops: Bool
        /// The tracks of each round of loops: attempted, failed, retried, outstanding.
        public let trackRounds: [RoundTracks]
        /// Every track of the census, in run order: its start and end (positions in `minima`) and its report.
        public let tracks: [Track]
        /// Tracks of one loop that landed on a minimum another start of the same loop had reached
        /// (a permutation cannot do that: one of the two paths jumped).
        public let pathsMet: Int

        /// Tracks whose first attempt failed.
        public var failedTracks: Int { trackRounds.reduce(0) { $0 + $1.failed } }
        /// Tracks that spent every attempt without landing.
        public var outstandingTracks: Int { trackRounds.reduce(0) { $0 + $1.outstanding } }

        /// How many minima the authors' criterion alone (9 invariants, squared distance < 1e-4) would
        /// tell apart: greedy classes in discovery order.
        public var authorsDistinct: Int {
            var representatives: [Fingerprint] = []
            for m in minima where !representatives.contains(where: { $0.matchesAuthors(m.fingerprint) }) {
                representatives.append(m.fingerprint)
            }
            return representatives.count
        }

        /// Hits per minimum among the plain descents (zero for those found only by completion).
        public var hits: [Int] { minima.map(\.hits) }
        /// n H_n for the number of minima (expected if given, found otherwise): the equal-basin bound.
        public var equalBasinRuns: Double { RunsNeeded.equalBasins(expected ?? minima.count) }
        /// The unequal-basin estimate from the hit frequencies of the minima descent found.
        public var unequalBasinRuns: Double {
            RunsNeeded.unequalBasins(probabilities: hits.filter { $0 > 0 }.map { Double($0) / Double(runs) })
        }
    }

    /// Outcome of one start.
    struct RunOutcome {
        var steps: Int
        var converged: Bool
        var minimum: Minimum?
        var trace: [Double]
    }

    /// Runs the census; `progress` is called after every chunk, from the calling thread.
    public func run(progress: (Progress) -> Void = { _ in }) -> Result {
        let clock = ContinuousClock(), started = clock.now
        var tally = DescentTally(system: BPSSystem(n: n))
        let chunk = 32 * threads.count
        for first in stride(from: 0, to: runs, by: chunk) {
            tally.add(descents(first..<min(first + chunk, runs)))
            progress(Progress(runsDone: tally.steps.count, distinct: tally.found.count, elapsedSeconds: (clock.now - started).seconds))
        }
        return complete(startCompletion(tally), started: started, progress: progress)
    }

    /// The census from the plain descents of every run, given in run order (as computed by
    /// `descents` in one piece or many): deduplication, then the completion, whose progress is
    /// reported after each chunk.
    public func complete(descents batches: [Descents], progress: (Progress) -> Void = { _ in }) -> Result {
        complete(startCompletion(descents: batches), started: ContinuousClock().now, progress: progress)
    }

    /// The plain descents of the runs in `range`, on `threads`. Each run is a pure function of the
    /// seed and its run index, so ranges computed apart (in other processes, on other machines)
    /// and concatenated in run order are the descents of the whole range.
    public func descents(_ range: Range<Int>) -> Descents {
        let charts = charts, root = SeededGenerator(seed: seed)
        let outcomes = deterministicMap(count: range.count, threads: threads) { k in
            descend(run: range.lowerBound + k, charts: charts, root: root)
        }
        return Descents(
            runs: range, steps: outcomes.map(\.steps), converged: outcomes.map(\.converged),
            minima: zip(range, outcomes).compactMap { run, outcome in
                outcome.minimum.map { Descents.Found(run: run, minimum: $0) }
            },
            traces: zip(range, outcomes).filter { $0.0 < tracedRuns }.map(\.1.trace))
    }

    /// The completion from `start`: each round's chunks, in order, from `chunks` (computed here,
    /// or obtained from a cache or another process: each chunk's outcomes are a pure function of
    /// the round and the chunk index), applied until the round is over, then the next round. This
    /// is the one completion loop: `run`, the tests and the papers' directive all fold through it.
    /// `chunks` is called with the round, its stage (1 for the first round) and the chunk index;
    /// progress is reported after each chunk, time counted from `started`.
    public func complete(_ start: CompletionState, started: ContinuousClock.Instant = ContinuousClock().now,
                         chunks: (_ round: CompletionRound, _ stage: Int, _ chunk: Int) throws -> ChunkOutcomes,
                         progress: (Progress) -> Void = { _ in }) rethrows -> Result {
        let clock = ContinuousClock()
        var state = start, stage = 0
        while let round = beginRound(&state) {
            stage += 1
            for chunk in 0..<round.chunkCount {
                let over = apply(try chunks(round, stage, chunk), chunk: chunk, of: round, to: &state)
                progress(Progress(runsDone: runs + state.completionRuns, distinct: state.minima.count,
                                  elapsedSeconds: (clock.now - started).seconds, round: stage))
                if over { break }
            }
        }
        return result(state)
    }

    /// The completion from `start` with every chunk computed here, on `threads`.
    private func complete(_ start: CompletionState, started: ContinuousClock.Instant, progress: (Progress) -> Void) -> Result {
        complete(start, started: started, chunks: { round, _, chunk in outcomes(of: round, chunk: chunk) }, progress: progress)
    }

    /// Plain run `index`: random start in slice `index % slices.count`, descent, polish, fingerprint.
    func descend(run index: Int, charts: [SliceChart], root: SeededGenerator) -> RunOutcome {
        var generator = root.child(index)
        let chart = charts[index % charts.count], box = boxes[(index / charts.count) % boxes.count]
        var settings = descent
        if index < tracedRuns { settings.traceStride = optimizer == .newton ? 1 : 10 }
        let d = chart.descend(from: chart.randomUnknowns(box: box, using: &generator), optimizer: optimizer, settings: settings)
        let minimum = d.converged ? chart.polish(d.unknowns).map {
            Minimum(configuration: chart.configuration($0), slice: chart.slice, system: chart.system, origin: .descent, hits: 0)
        } : nil
        return RunOutcome(steps: d.steps, converged: d.converged, minimum: minimum, trace: d.trace)
    }

    /// Deflated Newton run `index` in `chart`, repelled from the known minima the chart reaches.
    func deflate(run index: Int, chart: SliceChart, deflation: Deflation, root: SeededGenerator) -> Minimum? {
        var generator = root.child(index)
        let box = boxes[(index / slices.count) % boxes.count]
        let d = chart.descend(from: chart.randomUnknowns(box: box, using: &generator), optimizer: .newton,
                              settings: descent, deflation: deflation)
        guard d.converged, let u = chart.polish(d.unknowns) else { return nil }
        return Minimum(configuration: chart.configuration(u), slice: chart.slice, system: chart.system, origin: .deflation, hits: 0)
    }

    /// Loop `index` of the census's fixed family: corner shifts of size 1, 2 or 0.5 in turn.
    func monodromyLoop(_ index: Int) -> MonodromyLoop {
        var generator = SeededGenerator(seed: seed).child(-1 - index)
        return MonodromyLoop(scale: Self.loopScales[index % 3], using: &generator)
    }

    static let loopScales = [1.0, 2, 0.5]

    /// Adds the images under x -> -x and conjugation of every minimum, each mapped back into a slice
    /// (its own if the orbit meets it) and re-polished there. Returns how many were new.
    func addImages(to found: inout MinimumSet, charts: [SliceChart]) -> Int {
        var added = 0, i = 0
        while i < found.count {
            let m = found.minima[i]
            let maps: [(Fingerprint, (Complex) -> Complex)] = [
                (m.fingerprint.negated, { -$0 }), (m.fingerprint.conjugated, { $0.conjugate }),
                (m.fingerprint.negated.conjugated, { -$0.conjugate }),
            ]
            for (image, map) in maps where found.index(of: image) == nil {
                let y = m.configuration.map(map)
                let preferred = charts.first { $0.slice == m.slice }.map { [$0] } ?? []
                for chart in preferred + charts {
                    guard let fixed = chart.slice.fix(y, in: chart.system),
                          let u = chart.polish(chart.unknowns(fixed)) else { continue }
                    let candidate = Minimum(configuration: chart.configuration(u), slice: chart.slice,
                                            system: chart.system, origin: .image, hits: 0)
                    if candidate.fingerprint.matches(image, tolerance: 1e-5), found.insert(candidate).isNew { added += 1 }
                    break
                }
            }
            i += 1
        }
        return added
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
