import Testing
@testable import Landscape

/// The completion's tracks: every one accounted for, retried when it fails, and a landed track's
/// endpoint carried back round the reversed loop to its start.
@Suite struct CompletionTrackTests {
    func census(attempts: Int) -> MinimaCensus.Result {
        var census = MinimaCensus(n: 2, runs: 96, seed: 2023)
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        census.trackAttempts = attempts
        return census.run()
    }

    /// The per-round counts add up to the census's tracks; `closed under the loops` means no
    /// track outstanding; the blind N = 2 census closes with all 56.
    @Test func countsAccountForEveryTrack() {
        let result = census(attempts: 6)
        let tracks = result.tracks.map(\.report)
        #expect(result.trackRounds.reduce(0) { $0 + $1.attempted } == tracks.count && !tracks.isEmpty)
        #expect(result.failedTracks == tracks.filter { !$0.failures.isEmpty }.count)
        #expect(result.outstandingTracks == tracks.filter { !$0.landed }.count)
        #expect(result.trackRounds.reduce(0) { $0 + $1.retried } == tracks.reduce(0) { $0 + $1.attempts - 1 })
        #expect(tracks.allSatisfy { $0.first + $0.attempts <= 6 && ($0.landed || $0.first + $0.attempts == 6) })
        #expect(result.tracks.allSatisfy { ($0.end != nil) == $0.report.landed && $0.start < result.minima.count })
        #expect(result.closedUnderLoops && result.outstandingTracks == 0 && result.minima.count == 56)
    }

    /// With one attempt per track nothing is retried, and every failure is left outstanding.
    @Test func oneAttemptRetriesNothing() {
        let result = census(attempts: 1)
        #expect(result.trackRounds.allSatisfy { $0.retried == 0 })
        #expect(result.tracks.allSatisfy { $0.report.attempts == 1 })
        #expect(result.outstandingTracks == result.failedTracks)
        #expect(result.closedUnderLoops == (result.outstandingTracks == 0 && result.trackRounds.last!.attempted > 0))
    }

    /// A track that landed on the family's own loop, carried back round the reversed loop from its
    /// end, returns to its start (the inverse monodromy), and not to any other minimum.
    @Test func reversedLoopReturnsToTheStart() throws {
        var census = MinimaCensus(n: 1, runs: 24, seed: 5)
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        let result = census.run()
        let moved = result.tracks.filter { $0.report.landed && !$0.report.substituted && $0.end != $0.start }.prefix(4)
        #expect(!moved.isEmpty)
        for t in moved {
            let back = try #require(census.preimage(of: result.minima[t.end!], loop: t.loop))
            #expect(MinimaCensus.position(of: back, in: result.minima) == t.start)
        }
    }
}
