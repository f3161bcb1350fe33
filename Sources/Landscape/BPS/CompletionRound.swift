extension MinimaCensus {
    /// One round of the completion: `runCount` runs numbered from `firstRun`, in chunks of
    /// `completionChunk`. Run `firstRun + k` is a pure function of the seed, its index and the
    /// set `known` at the round's start (loop run k tracks `known[pairs[k].minimum]` round loop
    /// `pairs[k].loop` of the family, deflation repels from all of `known`), so a chunk's outcomes
    /// can be computed anywhere, in any order (`outcomes`).
    public struct CompletionRound: Sendable {
        public enum Kind: String, Sendable {
            /// Monodromy: every (minimum, loop) pair of the family not tracked yet.
            case loops
            /// Fresh plain descents (`restartRuns`), once the set is closed under the loops.
            case restart
            /// Deflated Newton runs, `deflatedRunsPerSlice` in each slice.
            case deflation
            /// Monodromy again, carefully, for the (minimum, loop) pairs whose tracks met another
            /// start's endpoint round the same loop (one of the two paths jumped).
            case retries
        }

        public let kind: Kind
        /// The minima known at the round's start, in order of discovery.
        public let known: [Minimum]
        /// The run index of the round's first run (after the plain descents and earlier rounds).
        public let firstRun: Int
        /// The (minimum, loop) pairs a round of loops tracks, in run order.
        public let pairs: [Pair]
        public let runCount: Int
        public let chunkSize: Int

        public var chunkCount: Int { (runCount + chunkSize - 1) / chunkSize }

        /// A known minimum (its position in `known`) and a loop of the family (its index).
        public struct Pair: Sendable {
            public let minimum: Int, loop: Int
        }

        /// The positions in the round (from 0) of the runs of chunk `chunk`.
        public func positions(chunk: Int) -> Range<Int> {
            chunk * chunkSize..<min((chunk + 1) * chunkSize, runCount)
        }

        /// How the minima this round adds were obtained.
        var origin: Minimum.Origin {
            switch kind {
            case .loops, .retries: .monodromy
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
        /// Rounds begun so far.
        var stages = 0
        /// Whether the next round is a restart round.
        var restart = false
        /// Loops in the monodromy family, and how many of them each minimum (by discovery order) has been tracked round.
        var loops: Int
        var tracked: [Int] = []
        /// Pairs to track again carefully in a round of retries, because their paths met.
        var suspects: [CompletionRound.Pair] = []
        /// The tracks of each round of loops, every track, and per loop the endpoint each start
        /// reached (the latest track of the pair).
        var trackRounds: [RoundTracks] = [], tracks: [Track] = [], landings: [[Int: Int]] = []
        /// Meetings seen (two starts of one loop at one endpoint); `landings` holds no endpoint of
        /// a failed track or of one that landed only on a fresh loop.
        var pathsMet = 0

        /// Endpoints that more than one start of the same loop still reaches.
        var unresolvedMeetings: Int {
            landings.reduce(0) { total, ends in
                total + Dictionary(grouping: ends.values, by: { $0 }).values.filter { $0.count > 1 }.count
            }
        }
        /// Whether the last round of loops closed the set (see `Result.closedUnderLoops`).
        var closedUnderLoops = false

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
        var state = CompletionState(tally: tally, descentDistinct: tally.found.count, loops: monodromyLoops)
        if completion != .none { state.addedByImages += addImages(to: &state.tally.found, charts: charts) }
        return state
    }

    /// The next round of the completion, or nil when the census is done: the set has the expected
    /// count, `patience` rounds added nothing, or `maximumCompletionRuns` runs were spent. A
    /// round without runs (loops from an empty set) ends at once, updating `state`.
    public func beginRound(_ state: inout CompletionState) -> CompletionRound? {
        // A set closed under the loops with no outstanding track and no two paths met gets one
        // round of fresh descents, a check for minima beyond the loops' reach; if it adds nothing, the census ends.
        guard [.deflation, .monodromy].contains(completion), state.tally.found.count != expected, state.idle < patience,
              !(state.closedUnderLoops && state.idle >= 1),
              state.completionRuns < maximumCompletionRuns else { return nil }
        // Monodromy closes the set under a fixed family of loops: every minimum is tracked round
        // every loop once, so the rounds end when the set is closed under them (no collector's
        // tail of fresh random loops). A closed set short of the count gets a round of fresh
        // descents (`restartRuns`, for minima no loop reaches) and, if that adds nothing, one more loop.
        // Pairs whose paths met another start's are tracked again, carefully, before anything else.
        let kind: CompletionRound.Kind = !state.suspects.isEmpty ? .retries
            : state.restart ? .restart : completion == .deflation ? .deflation : .loops
        let known = state.minima
        state.tracked += Array(repeating: 0, count: known.count - state.tracked.count)
        let pairs = switch kind {
        case .loops: known.indices.flatMap { i in (state.tracked[i]..<state.loops).map { CompletionRound.Pair(minimum: i, loop: $0) } }
        case .retries: state.suspects.reduce(into: [CompletionRound.Pair]()) { unique, p in
            if !unique.contains(where: { $0.minimum == p.minimum && $0.loop == p.loop }) { unique.append(p) }
        }
        case .restart, .deflation: [CompletionRound.Pair]()
        }
        state.suspects = []
        let count = switch kind {
        case .restart: restartRuns
        case .deflation: slices.count * deflatedRunsPerSlice
        case .loops, .retries: pairs.count
        }
        let round = CompletionRound(kind: kind, known: known, firstRun: runs + state.completionRuns, pairs: pairs,
                                    runCount: count, chunkSize: completionChunk)
        guard round.chunkCount > 0 else {
            end(round, state: &state)
            return beginRound(&state)
        }
        state.stages += 1
        return round
    }

    /// The minima reached by the runs of chunk `chunk` of `round`, in run order (`run` is the
    /// run index), and the reports of its tracks; a pure function of the census, the round and the
    /// chunk index, on `threads`.
    public func outcomes(of round: CompletionRound, chunk: Int) -> ChunkOutcomes {
        let charts = charts, root = SeededGenerator(seed: seed), positions = round.positions(chunk: chunk)
        let roots = round.kind == .deflation
            ? charts.map { chart in Deflation(roots: round.known.compactMap { chart.slice.fix($0.configuration, in: chart.system) }) } : []
        let outcomes = deterministicMap(count: positions.count, threads: threads) { i -> (Minimum?, TrackReport?) in
            let k = positions.lowerBound + i, run = round.firstRun + k
            switch round.kind {
            case .restart: return (descend(run: run, charts: charts, root: root).minimum, nil)
            case .deflation: return (deflate(run: run, chart: charts[k % charts.count], deflation: roots[k % charts.count], root: root), nil)
            case .loops, .retries:
                let (report, minimum) = track(run: run, from: round.known[round.pairs[k].minimum], loop: round.pairs[k].loop,
                                              charts: charts, firstAttempt: round.kind == .retries ? Self.carefulAttempt : 0)
                return (minimum, report)
            }
        }
        return ChunkOutcomes(
            found: zip(positions, outcomes).compactMap { k, o in o.0.map { Descents.Found(run: round.firstRun + k, minimum: $0) } },
            tracks: outcomes.compactMap(\.1))
    }

    /// Applies the outcomes of chunk `chunk` of `round` (chunks are applied in order, from 0):
    /// adds the minima found, closes the set under the symmetries. Returns whether the round is
    /// over (its last chunk, or the set is complete: later chunks are not applied).
    public func apply(_ outcomes: ChunkOutcomes, chunk: Int, of round: CompletionRound, to state: inout CompletionState) -> Bool {
        precondition(state.completionRuns == round.firstRun - runs + round.positions(chunk: chunk).lowerBound, "chunks must be applied in order")
        let system = state.tally.system
        state.completionRuns += round.positions(chunk: chunk).count
        var ends: [Int: Int] = [:]
        for m in outcomes.found {
            let (index, isNew) = state.tally.found.insert(
                Minimum(configuration: m.configuration, slice: m.slice, system: system, origin: round.origin, hits: 0))
            if isNew { state.addedByCompletion += 1 }
            ends[m.run] = index
        }
        if round.kind == .loops || round.kind == .retries { record(outcomes.tracks, ends: ends, of: round, in: &state) }
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
                      addedByCompletion: state.addedByCompletion, closedUnderSymmetries: tally.found.isClosedUnderSymmetries,
                      closedUnderLoops: state.closedUnderLoops, trackRounds: state.trackRounds, tracks: state.tracks,
                      pathsMet: state.pathsMet)
    }

    /// Counts idle rounds, marks the pairs tracked, and decides whether the next round is a restart
    /// (the set is closed under the loops) and whether the family gets one more loop.
    private func end(_ round: CompletionRound, state: inout CompletionState) {
        let grew = state.tally.found.count > round.known.count
        if round.kind == .loops { for i in round.known.indices { state.tracked[i] = state.loops } }
        let tracking = round.kind == .loops || round.kind == .retries
        let allTracked = state.tracked.count == state.minima.count && state.tracked.allSatisfy { $0 == state.loops }
        if grew {
            state.idle = 0
        } else if !tracking {
            state.idle += 1
            if round.kind == .restart { state.loops += 1 }
        }
        state.restart = completion == .monodromy && tracking && !grew && allTracked && state.suspects.isEmpty
        if grew { state.closedUnderLoops = false }
        if tracking && !grew && allTracked {
            state.closedUnderLoops = state.suspects.isEmpty && state.unresolvedMeetings == 0
                && state.trackRounds.allSatisfy { $0.outstanding == 0 }
        }
    }

    /// Records a chunk's tracks (`ends`: the set position each run's minimum landed on): the
    /// round's counts, each pair's latest endpoint, and, when a track round the family's loop ends
    /// where another start of that loop ended, both pairs for a careful retry (a permutation
    /// cannot send two starts to one end: one of the paths jumped).
    private func record(_ reports: [TrackReport], ends: [Int: Int], of round: CompletionRound, in state: inout CompletionState) {
        let stage = state.stages
        if state.trackRounds.last?.round != stage { state.trackRounds.append(RoundTracks(round: stage)) }
        for report in reports {
            let pair = round.pairs[report.run - round.firstRun], start = pair.minimum, end = ends[report.run]
            state.trackRounds[state.trackRounds.count - 1].add(report)
            state.tracks.append(Track(start: start, loop: pair.loop, end: end, report: report))
            while state.landings.count <= pair.loop { state.landings.append([:]) }
            state.landings[pair.loop][start] = report.substituted ? nil : end
            guard let end, !report.substituted, round.kind == .loops else { continue }
            for (other, otherEnd) in state.landings[pair.loop] where otherEnd == end && other != start {
                state.pathsMet += 1
                state.suspects += [CompletionRound.Pair(minimum: other, loop: pair.loop), pair]
            }
        }
    }

    /// One chart per slice of the census.
    var charts: [SliceChart] {
        let system = BPSSystem(n: n)
        return slices.map { SliceChart(system: system, slice: $0) }
    }
}
