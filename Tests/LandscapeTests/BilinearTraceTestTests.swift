import ChildProcess
import Foundation
import Testing
@testable import Landscape

/// The census certificate at N = 1: it passes on the complete set, fails with any one minimum
/// removed and with any one W2 point removed, and its W2 is the set PHCpack's polyhedral homotopy
/// finds on the square curve system. (N = 2: see `slow`.)
@Suite struct BilinearTraceTestTests {
    static let threads = ThreadBudget(threads: 2, heldByCaller: 1)
    /// The N = 2 cases run only with BPS_CERTIFY_N2 set, and are known to FAIL: on the complete 56
    /// the certificate lost 9 pencil paths and stopped at its 16-loop cap with 444 witness points
    /// (625 s on the shared machine, docs/benchmarks.md). They state the goal, not what holds.
    static let slow = ProcessInfo.processInfo.environment["BPS_CERTIFY_N2"] != nil

    /// The complete sets, from censuses that reach the known counts (12 and 56).
    static let complete: [Int: [[Complex]]] = [1: census(1, runs: 48)].merging(slow ? [2: census(2, runs: 192)] : [:]) { $1 }

    static func census(_ n: Int, runs: Int) -> [[Complex]] {
        var census = MinimaCensus(n: n, runs: runs, seed: 2023)
        census.expected = [1: 12, 2: 56][n]
        census.threads = threads
        return census.run().minima.map(\.configuration)
    }

    @Test(arguments: slow ? [1, 2] : [1]) func passesOnTheCompleteSet(n: Int) throws {
        let minima = try #require(Self.complete[n])
        #expect(minima.count == [1: 12, 2: 56][n])
        let result = CensusCertificate(n: n, seed: 7).certify(minima, threads: Self.threads)
        #expect(result.fiberPoints == minima.count && result.outsideChart == 0)
        #expect(result.passed, "deviation \(result.deviation) against \(result.threshold), |W2| = \(result.witnessPoints)")
        #expect(result.deviation <= result.threshold && result.threshold < 1e-9)
        #expect(result.trace.failed == 0 && result.trace.collisions == 0)
        if n == 1 { #expect(result.witnessPoints == 62) }
    }

    /// Every one of the 12 minima at N = 1 left out in turn; at N = 2, two of the 56 (each costs a
    /// full certificate that runs until W2 is stable).
    @Test(arguments: slow ? [1, 2] : [1]) func failsWithOneMinimumRemoved(n: Int) throws {
        let minima = try #require(Self.complete[n])
        let removed = n == 1 ? Array(minima.indices) : [9, 40]
        for i in removed {
            var subset = minima
            subset.remove(at: i)
            let result = CensusCertificate(n: n, seed: 11).certify(subset, threads: Self.threads)
            #expect(!result.passed, "minimum \(i + 1) removed: deviation \(result.deviation) against \(result.threshold)")
            #expect(result.deviation > 1e3 * result.threshold)
        }
    }

    /// The complete N = 1 certificate's witness points left out one at a time: each breaks the trace
    /// (measured: the two points that move least along the pencil give 1.1e-11 and 2.5e-11 against
    /// a threshold of 3.7e-14; the others more).
    @Test func failsWithOneWitnessPointRemoved() throws {
        let minima = try #require(Self.complete[1])
        let run = CensusCertificate(n: 1, seed: 7).run(minima, threads: Self.threads)
        #expect(run.trace.passed)
        let w1 = run.fiber.count
        for k in run.fill.points.indices {
            var transports = run.transports
            transports.remove(at: w1 + k)
            let result = run.test.evaluate(transports)
            #expect(!result.passed && result.deviation > 100 * result.threshold, "W2 point \(k + 1) removed: \(result.deviation)")
        }
    }

    /// A duplicated minimum is two coincident endpoints: a failure, whatever the traces say.
    @Test func duplicateMinimumFails() throws {
        let minima = try #require(Self.complete[1])
        let result = CensusCertificate(n: 1, seed: 7).certify(minima + [minima[3]], threads: Self.threads)
        #expect(!result.passed && result.trace.collisions == 2)
    }

    /// W2 against PHCpack's blackbox solver on the square curve system (n(N) equations and the cut,
    /// in the unknowns and lambda): its solutions that satisfy the left-out equations are exactly ours.
    @Test(.enabled(if: PHCpack.isInstalled, "PHCpack's phc is not installed (apt-get install phcpack)"))
    func witnessSetEqualsPolyhedralSolve() throws {
        let minima = try #require(Self.complete[1])
        let run = CensusCertificate(n: 1, seed: 7).run(minima, threads: Self.threads)
        let curve = run.test.curve
        let system = HomotopySystem(curve: curve, cut: run.test.a)
        let output = try PHCpack.blackbox(system.text, timeout: 600).output
        var reference: [[Complex]] = []
        let tracker = CurveTracker(curve: curve)
        for z in system.solutions(inOutput: output) where curve.largestResidual(z) < 1e-6 {
            let refined = try #require(tracker.refine(z, cut: .fixed(run.test.a), at: 0))
            if !reference.contains(where: { CurvePoints.same($0, refined.z) }) { reference.append(refined.z) }
        }
        #expect(reference.count == 62)
        #expect(run.fill.points.count == reference.count)
        #expect(reference.allSatisfy { r in run.fill.points.contains { CurvePoints.same($0, r) } })
    }
}
