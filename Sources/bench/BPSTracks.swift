import Foundation
import Landscape

/// What `bench bps` reports about the completion's tracks: failures by cause, the retries that
/// landed them, the conditioning along the paths, and (`--misses`) for every minimum a census
/// missed, what became of the tracks that should have reached it.
extension BPSBench {
    func reportTracks(_ result: MinimaCensus.Result) {
        let tracks = result.tracks.map(\.report)
        guard !tracks.isEmpty else { return }
        var firstFailures: [TrackFailure: Int] = [:], allFailures: [TrackFailure: Int] = [:], landedAt: [Int: Int] = [:]
        for t in tracks {
            if let f = t.failures.first { firstFailures[f, default: 0] += 1 }
            for f in t.failures { allFailures[f, default: 0] += 1 }
            if t.landed { landedAt[t.attempts, default: 0] += 1 }
        }
        func describe(_ counts: [TrackFailure: Int]) -> String {
            TrackFailure.allCases.compactMap { f in counts[f].map { "\(f) \($0)" } }.joined(separator: ", ")
        }
        func quantiles(_ xs: [Double]) -> String {
            let s = xs.sorted()
            guard !s.isEmpty else { return "-" }
            return [0.5, 0.9, 0.99].map { String(format: "%.1e", s[min(s.count - 1, Int($0 * Double(s.count)))]) }.joined(separator: " / ")
        }
        print("  tracks: \(tracks.count), failed at the first attempt \(result.failedTracks) (\(describe(firstFailures))); "
              + "every failed attempt: \(describe(allFailures)); landed at attempt "
              + landedAt.keys.sorted().map { "\($0): \(landedAt[$0]!)" }.joined(separator: ", ")
              + "; outstanding \(result.outstandingTracks); paths met \(result.pathsMet); closed under the loops \(result.closedUnderLoops)")
        print("  condition estimate along the paths (median / 90% / 99%): landed at once \(quantiles(tracks.filter { $0.failures.isEmpty }.map(\.worstCondition))), "
              + "failed first \(quantiles(tracks.filter { !$0.failures.isEmpty }.map(\.worstCondition)))")
        for r in result.trackRounds {
            print("    round \(r.round): attempted \(r.attempted), failed \(r.failed), retried \(r.retried), substituted \(r.substituted), outstanding \(r.outstanding)")
        }
    }

    /// For each minimum of `reference` that `result` lacks, and each loop of the census's family:
    /// the minimum whose track round the loop lands on it (tracked back carefully), and what the
    /// census's track of that pair did.
    func reportMisses(_ result: MinimaCensus.Result, reference: [Minimum], census: MinimaCensus) {
        let missed = reference.filter { MinimaCensus.position(of: $0, in: result.minima) == nil }
        let loops = (result.tracks.map(\.loop).max() ?? -1) + 1
        print("  missed \(missed.count) of the reference's \(reference.count); each against the \(loops) loops of the family:")
        var verdicts: [String: Int] = [:]
        for (k, y) in missed.enumerated() {
            var lines: [String] = []
            for loop in 0..<loops {
                let verdict: String
                if let x = census.preimage(of: y, loop: loop) {
                    if let i = MinimaCensus.position(of: x, in: result.minima) {
                        let pair = result.tracks.filter { $0.start == i && $0.loop == loop }
                        if let t = pair.first {
                            let failures = t.report.failures.map(\.description).joined(separator: ", ")
                            let condition = String(format: "%.1e", t.report.worstCondition)
                            if !t.report.landed {
                                verdict = "outstanding after \(t.report.attempts) attempts (\(failures)), condition \(condition)"
                            } else if t.report.substituted {
                                verdict = "failed on the loop (\(failures)), landed on a fresh loop"
                            } else {
                                verdict = "landed on a known minimum instead (a path jumped), attempts \(t.report.attempts), condition \(condition)"
                            }
                        } else {
                            verdict = "never tracked (the census stopped first)"
                        }
                    } else {
                        verdict = "its preimage was missed too"
                    }
                } else {
                    verdict = "no preimage: the careful reverse track failed"
                }
                verdicts[verdict.components(separatedBy: " (").first!.components(separatedBy: ",").first!, default: 0] += 1
                lines.append("loop \(loop): \(verdict)")
            }
            print("    missed \(k + 1): " + lines.joined(separator: "; "))
        }
        for (v, count) in verdicts.sorted(by: { $0.value > $1.value }) { print("    \(count) x \(v)") }
    }
}

extension BPSBench {
    /// `--probe K`: the first K tracks that failed at their first attempt, followed again in their
    /// first chart without moving to another: with the loop's steps, with short steps and a large
    /// budget, and in each of the census's slice charts.
    func reportProbes(_ result: MinimaCensus.Result, census: MinimaCensus, count: Int) {
        let loops = (result.tracks.map(\.loop).max() ?? -1) + 1
        for loop in 0..<loops {
            let tracks = result.tracks.filter { $0.loop == loop }
            print("  loop \(loop): \(tracks.filter { !$0.report.failures.isEmpty }.count) of \(tracks.count) failed first; "
                  + "nearest vanishing coupling \(String(format: "%.3f", census.nearestVanishingCoupling(loop: loop)))")
        }
        let failed = result.tracks.filter { !$0.report.failures.isEmpty && $0.report.first == 0 }.prefix(count)
        var careful = 0, chartsLanded: [Int] = [], legs = [Int](repeating: 0, count: 4)
        for t in failed {
            let start = result.minima[t.start]
            let again = census.probe(run: t.report.run, from: start, loop: t.loop, rechart: false)
            let slow = census.probe(run: t.report.run, from: start, loop: t.loop, longestStep: 0.01, stepBudget: 100_000, rechart: false)
            let landed = census.slices.indices.filter {
                census.probe(run: t.report.run, from: start, loop: t.loop, chart: $0, rechart: false).failure == nil
            }
            if slow.failure == nil { careful += 1 }
            chartsLanded.append(landed.count)
            legs[min(3, Int(again.position))] += 1
            func describe(_ p: MinimaCensus.TrackProbe) -> String {
                "\(p.failure.map(\.description) ?? "landed") at \(String(format: "%.3f", p.position)) after \(p.steps) steps, "
                    + "max |u| \(String(format: "%.1e", p.largestUnknown)), cond \(String(format: "%.1e", p.worstCondition)), recharts \(p.recharts)"
            }
            print("    run \(t.report.run) loop \(t.loop): \(describe(again)); careful: \(describe(slow)); lands in \(landed.count) of \(census.slices.count) charts")
        }
        print("  probed \(failed.count): careful steps land \(careful); stopped on leg 1/2/3: \(legs[0])/\(legs[1])/\(legs[2]); "
              + "charts landing (sorted): \(chartsLanded.sorted())")
    }
}
