extension MinimaCensus {
    /// One round of the completion: `runCount` runs numbered from `firstRun`, in chunks of
    /// `completionChunk`. Run `firstRun + k` is a pure function of the seed, its index and the
    /// set `known` at the round's start (loops start from `known[k]`, deflation repels from all of
    /// `known`), so a chunk's outcomes can be computed anywhere, in any order (`outcomes`).
    public struct CompletionRound: Sendable {
        public enum Kind: String, Sendable {
            /// Monodromy loops, one from each known minimum.
            case loops
            /// Fresh plain descents (`restartRuns`), after a round of loops that added nothing.
            case restart
            /// Deflated Newton runs, `deflatedRunsPerSlice` in each slice.
            case deflation
        }

        public let kind: Kind
        /// The minima known at the round's start, in order of discovery.
        public let known: [Minimum]
        /// The run index of the round's first run (after the plain descents and earlier rounds).
        public let firstRun: Int
        public let runCount: Int
        public let chunkSize: Int

        public var chunkCount: Int { (runCount + chunkSize - 1) / chunkSize }

        /// The positions in the round (from 0) of the runs of chunk `chunk`.
        public func positions(chunk: Int) -> Range<Int> {
            chunk * chunkSize..<min((chunk + 1) * chunkSize, runCount)
        }

        /// How the minima this round adds were obtained.
        var origin: Minimum.Origin {
            switch kind {
            case .loops: .monodromy
            case .restart: .descent
            case .deflation: .deflation
            }
        }
    }

    /// A census between two chunks of its completion: the plain descents, the set found so far
    /// (closed under the symmetries after every chunk) and the counts of the completion.
    public struct CompletionState: Sendable {
        var tally: DescentTally
        public let descentDistinct: Int
        public internal(set) var completionRuns = 0, addedByImages = 0, addedByCompletion = 0
        /// Rounds without growth (the monodromy completion counts its idle restart rounds only).
        var idle = 0
        /// Whether the next round is a restart round.
        var restart = false

        /// The set found so far, in order of discovery.
        public var minima: [Minimum] { tally.found.minima }
    }

    /// The state after the plain descents of every run, given in run order: deduplicated, and
    /// closed under the symmetries unless the completion is `.none`.
    public func startCompletion(descents batches: [Descents]) -> CompletionState {
        var tally = DescentTally(system: BPSSystem(n: n))
        for batch in batches { tally.add(batch) }
        precondition(tally.steps.count == runs, "the descents must cover every run, in order")
        return startCompletion(tally)
    }

    func startCompletion(_ tally: DescentTally) -> CompletionState {
        var state = CompletionState(tally: tally, descentDistinct: tally.found.count)
        if completion != .none { state.addedByImages += addImages(to: &state.tally.found, charts: charts) }
        return state
    }

    /// The next round of the completion, or nil when the census is done: the set has the expected
    /// count, `patience` rounds added nothing, or `maximumCompletionRuns` runs were spent. A
    /// round without runs (loops from an empty set) ends at once, updating `state`.
    public func beginRound(_ state: inout CompletionState) -> CompletionRound? {
        guard [.deflation, .monodromy].contains(completion), state.tally.found.count != expected, state.idle < patience,
              state.completionRuns < maximumCompletionRuns else { return nil }
        // Monodromy permutes only the minima it can connect; after a round that adds nothing, a
        // round of fresh descents (`restartRuns`) seeds any set of minima no loop reaches.
        let kind: CompletionRound.Kind = state.restart ? .restart : completion == .deflation ? .deflation : .loops
        let known = state.minima
        let count = switch kind {
        case .restart: restartRuns
        case .deflation: slices.count * deflatedRunsPerSlice
        case .loops: known.count
        }
        let round = CompletionRound(kind: kind, known: known, firstRun: runs + state.completionRuns, runCount: count, chunkSize: completionChunk)
        guard round.chunkCount > 0 else {
            end(round, state: &state)
            return beginRound(&state)
        }
        return round
    }

    /// The minima reached by the runs of chunk `chunk` of `round`, in run order (`run` is the
    /// run index); a pure function of the census, the round and the chunk index, on `threads`.
    public func outcomes(of round: CompletionRound, chunk: Int) -> [Descents.Found] {
        let charts = charts, root = SeededGenerator(seed: seed), positions = round.positions(chunk: chunk)
        let roots = round.kind == .deflation
            ? charts.map { chart in Deflation(roots: round.known.compactMap { chart.slice.fix($0.configuration, in: chart.system) }) } : []
        let minima = deterministicMap(count: positions.count, threads: threads) { i -> Minimum? in
            let k = positions.lowerBound + i, run = round.firstRun + k
            return switch round.kind {
            case .restart: descend(run: run, charts: charts, root: root).minimum
            case .deflation: deflate(run: run, chart: charts[k % charts.count], deflation: roots[k % charts.count], root: root)
            case .loops: loop(run: run, from: round.known[k], charts: charts, root: root)
            }
        }
        return zip(positions, minima).compactMap { k, m in m.map { Descents.Found(run: round.firstRun + k, minimum: $0) } }
    }

    /// Applies the outcomes of chunk `chunk` of `round` (chunks are applied in order, from 0):
    /// adds the minima found, closes the set under the symmetries. Returns whether the round is
    /// over (its last chunk, or the set is complete: later chunks are not applied).
    public func apply(_ found: [Descents.Found], chunk: Int, of round: CompletionRound, to state: inout CompletionState) -> Bool {
        precondition(state.completionRuns == round.firstRun - runs + round.positions(chunk: chunk).lowerBound, "chunks must be applied in order")
        let system = state.tally.system
        state.completionRuns += round.positions(chunk: chunk).count
        for m in found where state.tally.found.insert(
            Minimum(configuration: m.configuration, slice: m.slice, system: system, origin: round.origin, hits: 0)).isNew {
            state.addedByCompletion += 1
        }
        state.addedByImages += addImages(to: &state.tally.found, charts: charts)
        guard chunk == round.chunkCount - 1 || state.tally.found.count == expected else { return false }
        end(round, state: &state)
        return true
    }

    /// The census's result once `beginRound` gives no further round.
    public func result(_ state: CompletionState) -> Result {
        let tally = state.tally
        return Result(minima: tally.found.minima, descentDistinct: state.descentDistinct, expected: expected, runs: runs,
                      runsAccepted: tally.accepted, stepsPerRun: tally.steps, discovery: tally.discovery, traces: tally.traces,
                      completionRuns: state.completionRuns, addedByImages: state.addedByImages,
                      addedByCompletion: state.addedByCompletion, closedUnderSymmetries: tally.found.isClosedUnderSymmetries)
    }

    /// Counts idle rounds and decides whether the next round is a restart.
    private func end(_ round: CompletionRound, state: inout CompletionState) {
        let grew = state.tally.found.count > round.known.count
        if grew { state.idle = 0 } else if round.kind != .loops { state.idle += 1 }
        state.restart = completion == .monodromy && round.kind != .restart && !grew
    }

    /// One chart per slice of the census.
    var charts: [SliceChart] {
        let system = BPSSystem(n: n)
        return slices.map { SliceChart(system: system, slice: $0) }
    }
}
