import Foundation
import Testing
@testable import Landscape

@Suite struct MinimaCensusTests {
    /// A blind census (no expected count given) must stop on its own at the exact index.
    func blindCensus(n: Int, runs: Int, threads: Int = 2) -> MinimaCensus.Result {
        var census = MinimaCensus(n: n, runs: runs, seed: 2023)
        census.threads = ThreadBudget(threads: threads, heldByCaller: 1)
        return census.run()
    }

    func checkSolutions(_ result: MinimaCensus.Result, n: Int) {
        let system = BPSSystem(n: n)
        #expect(result.closedUnderSymmetries)
        for m in result.minima {
            #expect(m.residual < 1e-10)
            #expect(system.residual(m.configuration).allSatisfy { $0.magnitude < 1e-10 })
            // The stored configuration really lies in the stated slice.
            for (index, value) in m.slice.fixedEntries(in: system) { #expect(m.configuration[index] == value) }
        }
        // Distinct means distinct: no two fingerprints match, even by the authors' looser criterion at N = 1.
        for i in result.minima.indices { for j in result.minima.indices where j > i {
            #expect(!result.minima[i].fingerprint.matches(result.minima[j].fingerprint))
        } }
    }

    @Test func rankOneFindsExactlyTwelve() {
        let result = blindCensus(n: 1, runs: 48)
        #expect(result.minima.count == 12)
        #expect(result.descentDistinct == 12)
        #expect(result.discovery.count == 48 && result.discovery.last == 12)
        #expect(result.hits.reduce(0, +) <= result.runsAccepted)
        #expect(result.traces.count == 4 && result.traces.allSatisfy { !$0.isEmpty })
        checkSolutions(result, n: 1)
    }

    /// The N = 2 check of the issue: c(8) = -56. Reduced but real in debug builds: 96 plain Newton
    /// descents over the 24 slices, then symmetry images and monodromy loops until the count stops
    /// growing (the complete 56 with no expected count given). The full-size census is in the bench.
    @Test func rankTwoFindsExactlyFiftySix() {
        let result = blindCensus(n: 2, runs: 96)
        #expect(result.minima.count == 56)
        checkSolutions(result, n: 2)
    }

    @Test func resultsDoNotDependOnThreadCount() {
        let one = blindCensus(n: 2, runs: 40, threads: 1), two = blindCensus(n: 2, runs: 40, threads: 2)
        #expect(one.minima.map(\.fingerprint) == two.minima.map(\.fingerprint))
        #expect(one.hits == two.hits && one.discovery == two.discovery && one.stepsPerRun == two.stepsPerRun)
        #expect(one.traces == two.traces)
        #expect(one.tracks == two.tracks && one.trackRounds == two.trackRounds && one.pathsMet == two.pathsMet)
    }

    @Test func deflationCompletesRankOne() {
        var census = MinimaCensus(n: 1, runs: 12, seed: 7)
        census.completion = .deflation
        let result = census.run()
        #expect(result.minima.count == 12)
        checkSolutions(result, n: 1)
    }

    /// Results are plain values that survive a JSON round trip (for the engine's cache).
    @Test func resultsRoundTripThroughJSON() throws {
        let result = blindCensus(n: 1, runs: 24)
        let decoded = try JSONDecoder().decode(MinimaCensus.Result.self, from: JSONEncoder().encode(result))
        #expect(decoded.minima.map(\.fingerprint) == result.minima.map(\.fingerprint))
        #expect(decoded.minima.map(\.slice) == result.minima.map(\.slice) && decoded.hits == result.hits)
        #expect(decoded.discovery == result.discovery && decoded.authorsDistinct == result.authorsDistinct)
        #expect(decoded.tracks == result.tracks && decoded.trackRounds == result.trackRounds && decoded.closedUnderLoops == result.closedUnderLoops)
    }

    @Test func progressIsReported() {
        var census = MinimaCensus(n: 1, runs: 70, seed: 1)
        census.completion = .none
        var reports: [MinimaCensus.Progress] = []
        _ = census.run { reports.append($0) }
        #expect(reports.last?.runsDone == 70)
        #expect(reports.map(\.runsDone) == reports.map(\.runsDone).sorted())
    }
}

/// Descents split into run ranges, computed apart and completed together, give the census of the
/// whole range: every run is seeded by its own index.
@Suite struct CensusSplitTests {
    @Test func splittingTheDescentsChangesNoNumber() {
        var census = MinimaCensus(n: 1, runs: 70, seed: 9)
        census.slices = Array(GaugeSlice.all.prefix(3))
        let whole = census.run()
        let pieces = census.complete(descents: [census.descents(0..<7), census.descents(7..<40), census.descents(40..<70)])
        #expect(pieces.minima.map(\.configuration) == whole.minima.map(\.configuration))
        #expect(pieces.hits == whole.hits)
        #expect(pieces.stepsPerRun == whole.stepsPerRun && pieces.discovery == whole.discovery && pieces.traces == whole.traces)
        #expect(pieces.runsAccepted == whole.runsAccepted && pieces.completionRuns == whole.completionRuns)
        // A range computed alone is the same range of a longer computation.
        let alone = census.descents(40..<45), within = census.descents(35..<50)
        #expect(alone.steps == Array(within.steps[5..<10]))
        #expect(alone.minima.map(\.configuration) == within.minima.filter { (40..<45).contains($0.run) }.map(\.configuration))
    }
}

/// The completion as rounds of chunks: each chunk's outcomes computed alone, in any order, then
/// applied in order, give `run()`'s census to the bit.
@Suite struct CompletionRoundTests {
    /// The census folded by `complete` from chunks computed last to first (every chunk of a round
    /// at its first chunk, although the fold may stop before the last), with how many rounds and
    /// applied chunks it took.
    func staged(_ census: MinimaCensus) -> (result: MinimaCensus.Result, rounds: Int, chunks: Int) {
        var rounds = 0, chunks = 0
        var outcomes: [Int: MinimaCensus.ChunkOutcomes] = [:]
        let result = census.complete(census.startCompletion(descents: [census.descents(0..<census.runs)]), chunks: { round, stage, chunk in
            if stage > rounds {
                rounds = stage
                outcomes = [:]
                for k in (0..<round.chunkCount).reversed() { outcomes[k] = census.outcomes(of: round, chunk: k) }
            }
            chunks += 1
            return outcomes[chunk]!
        })
        return (result, rounds, chunks)
    }

    func expectIdentical(_ a: MinimaCensus.Result, _ b: MinimaCensus.Result) {
        #expect(a.minima.map(\.configuration) == b.minima.map(\.configuration))
        #expect(a.minima.map(\.origin) == b.minima.map(\.origin) && a.minima.map(\.slice) == b.minima.map(\.slice))
        #expect(a.hits == b.hits && a.discovery == b.discovery && a.stepsPerRun == b.stepsPerRun)
        #expect(a.completionRuns == b.completionRuns && a.addedByImages == b.addedByImages)
        #expect(a.addedByCompletion == b.addedByCompletion && a.descentDistinct == b.descentDistinct)
    }

    /// N = 2 from 24 descents, chunks of 8: several rounds of loops, each of several chunks,
    /// blind (idle rounds and a restart round) and told the exact count (stopping mid-round).
    @Test(arguments: [nil, 56])
    func monodromyChunksFoldToTheCensus(expected: Int?) {
        var census = MinimaCensus(n: 2, runs: 24, seed: 11)
        census.completionChunk = 8
        census.restartRuns = 40
        census.patience = 1
        census.expected = expected
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        let whole = census.run(), (folded, rounds, chunks) = staged(census)
        expectIdentical(folded, whole)
        #expect(rounds >= 2 && chunks > rounds && whole.addedByCompletion > 0)
        // The chunks applied cover exactly the completion runs counted.
        #expect(whole.completionRuns <= chunks * census.completionChunk)
    }

    @Test func deflationChunksFoldToTheCensus() {
        var census = MinimaCensus(n: 1, runs: 3, seed: 7)
        census.completion = .deflation
        census.completionChunk = 16
        let whole = census.run(), (folded, rounds, _) = staged(census)
        expectIdentical(folded, whole)
        #expect(rounds >= 1 && whole.minima.count == 12)
    }

    /// A round's chunks partition its runs, and its runs follow the plain descents and the rounds before.
    @Test func roundsNumberTheirRunsAfterTheDescents() {
        var census = MinimaCensus(n: 1, runs: 5, seed: 3)
        census.completionChunk = 7
        census.slices = Array(GaugeSlice.all.prefix(2))
        var state = census.startCompletion(descents: [census.descents(0..<5)])
        var next = census.runs
        while let round = census.beginRound(&state) {
            #expect(round.firstRun == next)
            #expect((0..<round.chunkCount).flatMap { Array(round.positions(chunk: $0)) } == Array(0..<round.runCount))
            for chunk in 0..<round.chunkCount {
                let found = census.outcomes(of: round, chunk: chunk), positions = round.positions(chunk: chunk)
                #expect(found.found.allSatisfy { positions.contains($0.run - round.firstRun) })
                #expect(found.tracks.map(\.run) == (round.kind == .loops ? positions.map { round.firstRun + $0 } : []))
                if census.apply(found, chunk: chunk, of: round, to: &state) { break }
            }
            next = census.runs + state.completionRuns
        }
        #expect(census.result(state).completionRuns == next - census.runs)
    }
}
