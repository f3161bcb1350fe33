import ChildProcess
import Foundation
import Testing
@testable import ReportEngine

/// Data files: CSV read on the fast path and through SwiftCSV alike; gzip files read decompressed,
/// hashed as stored, and refused with a located error when corrupted.
@Suite struct DataFileTests {
    /// `data` compressed by the system's gzip, an implementation independent of ours.
    static func gzip(_ data: Data) throws -> Data {
        try ChildProcess("gzip", ["-c", "-n"], input: data, timeout: 60).run().standardOutput
    }

    static let csv = Data((["step,loss"] + (1...2000).map { "\($0),\(1.0 / Double($0))" }).joined(separator: "\n").utf8)

    @Test func decompressesWhatGzipCompressed() throws {
        let compressed = try Self.gzip(Self.csv)
        #expect(Gzip.isCompressed(compressed) && !Gzip.isCompressed(Self.csv))
        #expect(try Gzip.decompress(compressed) == Self.csv)
        // Concatenated members decompress to the concatenated contents.
        #expect(try Gzip.decompress(compressed + (try Self.gzip(Data("more".utf8)))) == Self.csv + Data("more".utf8))
        #expect(try Gzip.decompress(try Self.gzip(Data())) == Data())
    }

    @Test func refusesCorruptedTruncatedAndOversizedStreams() throws {
        let compressed = try Self.gzip(Self.csv)
        var corrupted = compressed
        for i in stride(from: 20, to: compressed.count - 10, by: 7) { corrupted[i] ^= 0x5a }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(corrupted) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(compressed.prefix(compressed.count / 2)) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(compressed + Data("trailing".utf8)) }
        // A bomb in miniature: 1 MB of zeros compresses to about 1 kB.
        let zeros = try Self.gzip(Data(count: 1 << 20))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(zeros, limit: 1 << 19) }
        #expect(try Gzip.decompress(zeros, limit: 1 << 20).count == 1 << 20)
    }

    /// Plans `source` with in-memory files of raw bytes.
    static func plan(_ source: String, files: [String: Data]) -> (plan: Plan?, problems: [String]) {
        let (template, parseProblems) = TemplateParser.parse(source, file: "t.md")
        let (plan, planProblems) = Planner.plan(template) { path in
            guard let data = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return data
        }
        return (plan, (parseProblems + planProblems).map(\.description))
    }

    @Test func dataReadsACompressedFileAndHashesItsCompressedBytes() throws {
        let compressed = try Self.gzip(Self.csv)
        let (plan, problems) = Self.plan("```{data #d file=obs.csv.gz}\n```\n", files: ["obs.csv.gz": compressed])
        #expect(problems.isEmpty)
        let computation = try #require(plan?.computations.first)
        let file = try #require(computation.arguments.files["file"]?.first)
        #expect(file.contents == Self.csv)
        let (results, _, runProblems) = Executor.run(try #require(plan), cache: nil)
        #expect(runProblems.isEmpty)
        #expect(results.values["d"]?["rows"] == .int(2000))
        // Changing the compressed bytes (the compression level) changes the digest even though the contents are equal.
        let other = try ChildProcess("gzip", ["-c", "-n", "-1"], input: Self.csv, timeout: 60).run().standardOutput
        let recompressed = try #require(Self.plan("```{data #d file=obs.csv.gz}\n```\n", files: ["obs.csv.gz": other]).plan?.computations.first)
        #expect(recompressed.arguments.files["file"]?.first?.contents == Self.csv)
        #expect(recompressed.arguments.files["file"]?.first?.digest != file.digest)
    }

    @Test func aCorruptedCompressedFileIsAnErrorAtItsParameter() throws {
        var corrupted = try Self.gzip(Self.csv)
        corrupted[corrupted.count / 2] ^= 0xff
        corrupted[corrupted.count / 2 + 1] ^= 0xff
        let (_, problems) = Self.plan("```{data #d file=obs.csv.gz}\n```\n", files: ["obs.csv.gz": corrupted])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("t.md:1:18: error: cannot decompress 'obs.csv.gz': ") == true, "\(problems)")
        let (_, notGzip) = Self.plan("```{data #d file=obs.csv.gz}\n```\n", files: ["obs.csv.gz": Self.csv])
        #expect(notGzip.first?.hasPrefix("t.md:1:18: error: cannot decompress 'obs.csv.gz': corrupted gzip data") == true, "\(notGzip)")
    }

    @Test func aFileWithoutHeaderNamesItsColumnsByPosition() throws {
        let (plan, problems) = Self.plan("```{data #d file=m.csv header=false}\n```\n", files: ["m.csv": Data("1,2,7\n3,4,8\n".utf8)])
        #expect(problems.isEmpty)
        let (results, _, runProblems) = Executor.run(try #require(plan), cache: nil)
        #expect(runProblems.isEmpty)
        guard case .table(let table) = results.values["d"]?["table"] else { Issue.record("no table"); return }
        #expect(table.columns == ["c0", "c1", "c2"] && table.rows == [[.int(1), .int(2), .int(7)], [.int(3), .int(4), .int(8)]])
    }

    @Test func unquotedAndQuotedFilesReadAlike() throws {
        // The same file, once without quotes (split directly) and once with a quoted name (SwiftCSV).
        let plain = "step, loss ,name\r\n1,0.5, adam\r\n\r\n2,1e-3,sgd\n3,-4,x y\n"
        let quoted = "step, loss ,\"name\"\r\n1,0.5, adam\r\n\r\n2,1e-3,sgd\n3,-4,x y\n"
        let a = try Table(csv: Data(plain.utf8), name: "a.csv"), b = try Table(csv: Data(quoted.utf8), name: "b.csv")
        #expect(a == b)
        #expect(a.columns == ["step", "loss", "name"])
        #expect(a.rows == [[.int(1), .real(0.5), .text("adam")], [.int(2), .real(1e-3), .text("sgd")], [.int(3), .real(-4), .text("x y")]])
        #expect(throws: DirectiveFailure.self) { try Table(csv: Data("a,b\n1,2,3\n".utf8), name: "c.csv") }
    }
}

extension DataFileTests {
    /// A refused or failing directive leaves its label known: its uses in prose, checks, tables and
    /// other directives add no error of their own, so the only error is the real one.
    @Test func aFailedDirectiveIsTheOnlyError() throws {
        let uses = "Rows: {{ obs.rows }}.\n\n```{stats #s of=obs.columns.loss}\n```\n\n```{check}\nobs.rows > 0\n```\n\n```{table #tbl-obs}\nshow: obs.table\ncaption: Rows.\n```\n"
        let missing = Self.plan("```{data #obs file=absent.csv}\n```\n\n" + uses, files: [:])
        #expect(missing.problems.count == 1, "\(missing.problems)")
        #expect(missing.problems.first?.hasPrefix("t.md:1:20: error: cannot read 'absent.csv'") == true, "\(missing.problems)")
        let misspelt = Self.plan("```{dta #obs file=absent.csv}\n```\n\n" + uses, files: [:])
        #expect(misspelt.problems == ["t.md:1:4: error: unknown directive 'dta' (did you mean 'data'?)"], "\(misspelt.problems)")
        let badParameter = Self.plan("```{data #obs file=obs.csv header=maybe}\n```\n\n" + uses, files: ["obs.csv": Data("loss\n1\n".utf8)])
        #expect(badParameter.problems.count == 1, "\(badParameter.problems)")
        // A label that names a figure is still not a result.
        let figure = Self.plan("```{figure #fig-x}\nshow: nope.figure\n```\n\n{{ fig-x.value }}\n", files: [:])
        #expect(figure.problems.contains { $0.contains("'fig-x' is a figure, table or section, not a result") }, "\(figure.problems)")
    }
}
