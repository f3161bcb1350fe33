import Foundation
import Landscape

/// `bench bps-certify [N ...] [--seed S] [--threads T]`: the census certificate's cost. A census
/// finds the complete set (with the known count, so the certificate is timed on a complete set),
/// then the certificate runs on it: |W2|, monodromy loops, paths tracked, the trace's deviation
/// against its threshold, wall and CPU seconds, and the load average when it ended.
extension BPSBench {
    func certificate(_ n: Int) {
        let seed = option("--seed").map { UInt64($0)! } ?? 2023
        var census = MinimaCensus(n: n, runs: option("--runs").map { Int($0)! } ?? Self.defaultRuns[n] ?? 1000, seed: seed)
        census.threads = budget
        census.expected = Self.exact[n]
        let minima = census.run().minima
        let start = Date(), cpuStart = cpuSeconds()
        let result = CensusCertificate(n: n, seed: seed).certify(minima.map(\.configuration), threads: budget)
        let seconds = Date().timeIntervalSince(start), cpu = cpuSeconds() - cpuStart
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        print("N=\(n), \(threads) threads: \(minima.count) minima (\(result.fiberPoints) in the chart, \(result.outsideChart) outside); "
              + "|W2| = \(result.witnessPoints) after \(result.loops) loops; \(result.tracks) paths (\(result.failedTracks) seed/loop paths failed, "
              + "\(result.trace.failed) pencil paths failed, \(result.trace.collisions) coincident); "
              + "certificate \(result.passed ? "PASSED" : "FAILED"): deviation \(String(format: "%.2e", result.deviation)) against \(String(format: "%.2e", result.threshold)); "
              + "\(fixed(seconds)) s wall, \(fixed(cpu)) s CPU; load \(load)")
    }
}
