import Foundation
import Landscape
import Testing
@testable import ReportEngine

/// `bps-certify` on the CSV a census writes: the complete N = 1 set is certified, the set with one
/// row deleted is not (deviation far above threshold), and foreign, malformed, duplicated or wrong
/// rows are refused at their line before anything is tracked.
@Suite struct CensusCertificateDirectiveTests {
    static let csv: String = {
        var census = MinimaCensus(n: 1, runs: 48, seed: 2023)
        census.expected = 12
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        return SolutionsCSV.text(census.run().minima, system: BPSSystem(n: 1))
    }()

    static let template = """
        ```{bps-certify #cert n=1 solutions=set.csv}
        ```
        {{ cert.certificate }} {{ cert.trace_deviation }} {{ cert.trace_threshold }} {{ cert.witness_points }} {{ cert.tracks }}
        """

    static func lines() -> [String] { csv.split(separator: "\n").map(String.init) }

    @Test func certifiesTheCompleteSetAndNotOneMinimumLess() {
        #expect(Self.lines().count == 13)
        let complete = build(Self.template, files: ["set.csv": Self.csv])
        #expect(complete.errors.isEmpty)
        #expect(complete.markdown.contains("true ") && complete.markdown.contains(" 62 "), "\(complete.markdown)")
        var rows = Self.lines()
        rows.remove(at: 5)
        let short = build(Self.template, files: ["set.csv": rows.joined(separator: "\n") + "\n"])
        #expect(short.errors.isEmpty)
        #expect(short.markdown.contains("false "), "\(short.markdown)")
    }

    @Test func refusesForeignMalformedDuplicatedAndWrongRowsAtTheirLine() {
        func errors(_ rows: [String]) -> String { build(Self.template, files: ["set.csv": rows.joined(separator: "\n")]).errors.joined(separator: "\n") }
        var rows = Self.lines()
        // A file of another charge, or another program's.
        #expect(errors(["a,b,c", "1,2,3"]).contains("line 1"))
        let twoHeader = SolutionsCSV.text([], system: BPSSystem(n: 2)).split(separator: "\n")[0]
        #expect(errors([String(twoHeader)] + rows.dropFirst()).contains("line 1"))
        // A cell that is not a number, and a row cut short.
        var bad = rows
        bad[3] = bad[3].split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") + ",zero"
        #expect(errors(bad).contains("line 4"))
        bad = rows
        bad[2] = String(bad[2].prefix(40))
        #expect(errors(bad).contains("line 3"))
        // The same minimum twice.
        #expect(errors(rows + [rows[2]]).contains("line 14 (minimum 2) is the same minimum as line 3"))
        // A row moved off the solution set.
        var cells = rows[6].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[cells.count - 1] = String((Double(cells[cells.count - 1]) ?? 0) + 1e-3)
        rows[6] = cells.joined(separator: ",")
        #expect(errors(rows).contains("line 7 (minimum 6) is not a solution"))
    }
}
