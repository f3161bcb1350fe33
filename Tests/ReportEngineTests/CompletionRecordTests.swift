import Landscape
import Testing
@testable import ReportEngine

/// A chunk of a completion round stored as a record and read back is the same chunk: minima,
/// and every track's run, failures, landing and condition estimate (what the census's track
/// counts are folded from when a build reads its chunks from the cache or from shards).
@Suite struct CompletionRecordTests {
    @Test func chunkOutcomesRoundTrip() throws {
        var census = MinimaCensus(n: 1, runs: 6, seed: 11)
        census.trackAttempts = 2
        var state = census.startCompletion(descents: [census.descents(0..<6)])
        let round = try #require(census.beginRound(&state))
        #expect(round.kind == .loops)
        let outcomes = census.outcomes(of: round, chunk: 0)
        #expect(!outcomes.tracks.isEmpty)
        let back = try #require(CompletionRecord.outcomes(CompletionRecord.record(outcomes)))
        #expect(back.tracks == outcomes.tracks)
        #expect(back.found.map(\.run) == outcomes.found.map(\.run) && back.found.map(\.configuration) == outcomes.found.map(\.configuration))
        // A track with failures survives too (built by hand: a round rarely has one at N = 1).
        let failing = MinimaCensus.ChunkOutcomes(found: [], tracks: [
            MinimaCensus.TrackReport(run: 3, failures: [.stepBudget, .diverged], landed: false, worstCondition: 1e9),
            MinimaCensus.TrackReport(run: 4, failures: [.correctorDiverged], landed: true, worstCondition: 12, first: 2),
        ])
        #expect(CompletionRecord.outcomes(CompletionRecord.record(failing))?.tracks == failing.tracks)
        // A damaged record (a failure code that names no cause) is refused, not misread.
        var damaged = CompletionRecord.record(failing)
        damaged["track_failures"] = Value.ints([2, 99, 1])
        #expect(CompletionRecord.outcomes(damaged) == nil)
    }
}
