import ChildProcess
import Foundation
import Testing
@testable import Landscape

@Suite struct HomotopySystemTests {
    @Test(arguments: [1, 2, 3])
    func squareSystemHasOnePolynomialPerUnknown(n: Int) {
        let chart = SliceChart(system: BPSSystem(n: n), slice: GaugeSlice.all[5])
        let h = HomotopySystem(chart: chart)
        let lines = h.text.split(separator: "\n")
        #expect(lines.first == "\(chart.unknownCount) \(chart.unknownCount)")
        #expect(lines.count == chart.unknownCount + 1 && lines.dropFirst().allSatisfy { $0.hasSuffix(";") })
        #expect(GaugeSlice.unknownCount(n: n) == chart.unknownCount)
    }

    /// Parsing a solution list in phc's layout returns the values and keeps only true minima.
    @Test func parsesPHCSolutionLists() throws {
        var census = MinimaCensus(n: 1, runs: 24, seed: 3)
        census.slices = [.authors]
        census.completion = .none
        let minimum = try #require(census.run().minima.first)
        let chart = SliceChart(system: BPSSystem(n: 1), slice: .authors)
        let h = HomotopySystem(chart: chart)
        let u = chart.unknowns(minimum.configuration)
        func block(_ u: [Complex], _ k: Int) -> String {
            let values = zip(h.variables, u).map { " \($0) : \(HomotopySystem.number($1.re))  \(HomotopySystem.number($1.im))" }
            return (["solution \(k) :    start residual :  1.0E-15", "t :  1.0E+00   0.0E+00", "m : 1", "the solution for t :"]
                    + values + ["== err :  1.0E-15 = rco :  1.0E-01 = res :  1.0E-15 = complex regular =="]).joined(separator: "\n")
        }
        let junk = (0..<chart.unknownCount).map { Complex(Double($0), 1) }
        let output = "mixed volume : 12\nTHE SOLUTIONS :\n\n2 \(chart.unknownCount)\n====\n" + block(u, 1) + "\n" + block(junk, 2) + "\n"
        #expect(h.solutions(inOutput: output).count == 2)
        #expect(HomotopySystem.reported("mixed volume", inOutput: output) == 12)
        let minima = h.minima(inOutput: output)
        #expect(minima.count == 1 && minima[0].fingerprint.matches(minimum.fingerprint))
    }

    /// End to end through PHCpack when it is installed: at N = 1 the mixed volume is 12 and the
    /// 12 solutions are the census's 12 minima.
    @Test(.enabled(if: PHCpack.isInstalled, "PHCpack's phc is not installed (apt-get install phcpack)"))
    func phcFindsTheCensusMinimaAtRankOne() throws {
        let chart = SliceChart(system: BPSSystem(n: 1), slice: .authors)
        let h = HomotopySystem(chart: chart)
        let text = try PHCpack.blackbox(h.text, timeout: 600).output
        #expect(HomotopySystem.reported("mixed volume", inOutput: text) == 12)
        let minima = h.minima(inOutput: text)
        #expect(minima.count == 12)
        var census = MinimaCensus(n: 1, runs: 48, seed: 2023)
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        let reference = census.run().minima
        #expect(minima.allSatisfy { m in reference.contains { $0.fingerprint.matches(m.fingerprint) } })
    }
}
