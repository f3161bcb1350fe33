import Foundation
import Testing
@testable import ReportEngine

/// `exec` steps that feed each other through `reads`: the upstream runs first, its values and
/// tables reach the program, and its cache key reaches the downstream key.
@Suite struct ExecPipelineTests {
    /// Writes a number and a table with a quoted cell and a tiny real.
    static let produce = """
        echo '{"x": 3}' > results.json
        printf 'k,v,name\\n1,0.1,"a, b"\\n2,1e-300,plain\\n' > t.csv
        """

    /// Reads a number from the environment and the table from the file it names; copies the table
    /// back as a result of its own.
    static let consume = """
        echo "{\\"twice\\": $((REPORT_PARAM_X * 2)), \\"count\\": $(($(wc -l < "$REPORT_PARAM_ROWS") - 1)), \\"file\\": \\"$REPORT_PARAM_ROWS\\", \\"given\\": $(cat)}" > results.json
        cp "$REPORT_PARAM_ROWS" copy.csv
        """

    /// The consumer is written first: the order comes from what it reads.
    static let template = """
        ```{exec #b run=sh script=b.sh}
        params: {scale: 2}
        reads: {x: a.x, rows: a.t}
        ```

        ```{exec #a run=sh script=a.sh}
        ```

        {{ b.twice }} {{ b.count }} {{ b.file }}
        """

    static let files = ["a.sh": produce, "b.sh": consume]

    @Test func aProgramReadsAnUpstreamProgramsNumberAndTable() throws {
        let product = build(Self.template, files: Self.files, allowExec: true)
        #expect(product.errors.isEmpty, "\(product.errors)")
        #expect(product.markdown.contains("6 2 rows.csv"))
        #expect(product.log.computed == ["a", "b"])

        let (template, _) = TemplateParser.parse(Self.template, file: "t.md")
        let (plan, _) = Planner.plan(template) { path in Data(Self.files[path]!.utf8) }
        let results = Executor.run(try #require(plan), cache: nil).0.values
        let a = try #require(results["a"]), b = try #require(results["b"])
        // The table went out as CSV and came back as the same values.
        #expect(b["copy"] == a["t"])
        // On stdin, params and reads together, in the order written; the table by its file name.
        guard case .record(let given)? = b["given"], case .record(let params)? = given["params"] else {
            Issue.record("no params on stdin: \(String(describing: b["given"]))")
            return
        }
        #expect(params == Record([("scale", .int(2)), ("x", .int(3)), ("rows", .text("rows.csv"))]))
        // The table handed over is an input, not a result of the consumer.
        #expect(Set(b.names) == ["twice", "count", "file", "given", "copy"])
    }

    @Test func editingTheUpstreamProgramRecomputesTheDownstreamOne() {
        let cache = MemoryCache()
        #expect(build(Self.template, files: Self.files, cache: cache, allowExec: true).log.computed == ["a", "b"])
        #expect(build(Self.template, files: Self.files, cache: cache, allowExec: true).log.computed.isEmpty)
        var edited = Self.files
        edited["a.sh"] = Self.produce.replacingOccurrences(of: "\"x\": 3", with: "\"x\": 4")
        let rebuilt = build(Self.template, files: edited, cache: cache, allowExec: true)
        #expect(rebuilt.log.computed == ["a", "b"])
        #expect(rebuilt.markdown.contains("8 2 rows.csv"))
    }

    @Test func readsNameResultsWhereTheyAreWritten() {
        let files = ["s.sh": ""]
        #expect(problems("```{exec #b run=sh script=s.sh}\nreads: {x: nosuch.y, n: 5}\n```\n", files: files) == [
            "t.md:2:25: error: 'n' in 'reads' must name a result, such as sim.rates",
        ])
        #expect(problems("```{exec #b run=sh script=s.sh}\nreads: {x: nosuch.y}\n```\n", files: files) == [
            "t.md:2:12: error: unknown label 'nosuch'",
        ])
        #expect(problems("```{exec #b run=sh script=s.sh}\nreads: [a.x]\n```\n", files: files).first?.contains("expects mapping of names to result paths") == true)
    }

    @Test func whatAProgramCannotReadIsAnError() {
        let both = Self.template.replacingOccurrences(of: "params: {scale: 2}", with: "params: {x: 2}")
        #expect(build(both, files: Self.files, allowExec: true).errors
            == ["reports/test.md:1:4: error: exec 'b' failed: 'x' is named in both 'params' and 'reads'; the program receives them together, so give it another name"])
        let clash = Self.template.replacingOccurrences(of: "script=b.sh}", with: "script=b.sh}\ninputs: [rows.csv]")
        #expect(build(clash, files: Self.files.merging(["rows.csv": "a\n1\n"]) { $1 }, allowExec: true).errors
            == ["reports/test.md:1:4: error: exec 'b' failed: 'rows' in 'reads' would be written as 'rows.csv', which is already the name of another input"])
        // A program that is not replicated reads a replicated input whole: a table whose cells
        // differ between replicates has no one CSV file.
        let replicated = Self.template.replacingOccurrences(of: "script=a.sh}", with: "script=a.sh replicates=2}")
        let seeded = Self.files.merging(["a.sh": "echo '{\"x\": 3}' > results.json\nprintf 'k,v\\n1,%s\\n' \"$REPORT_SEED\" > t.csv\n"]) { $1 }
        #expect(build(replicated, files: seeded, allowExec: true).errors
            == ["reports/test.md:1:4: error: exec 'b' failed: 'rows' in 'reads' holds the values of several replicates; run this directive with as many replicates, or read a summary of them"])
    }

    @Test func aTableWrittenAsCSVReadsBackAsTheSameValues() throws {
        let table = Table(columns: ["n", "x", "label, quoted \"too\""], rows: [
            [.int(1), .real(0.1), .text("plain")],
            [.int(-2), .real(1e-300), .text("a, \"b\"\nc")],
            [.int(3), .real(-.infinity), .text("")],
        ])
        let text = table.csvText
        #expect(try Table(csv: Data(text.utf8), name: "t.csv") == table)
        let nan = try Table(csv: Data("x\nnan\ninf\n".utf8), name: "n.csv")
        #expect(nan.column("x")?[0].number?.isNaN == true)
        #expect(nan.column("x")?[1] == .real(.infinity))
    }

    /// A traceback names the files as the template does, not their copies in the removed scratch directory.
    @Test func aFailingProgramsMessageNamesTheTemplatesFiles() {
        let helper = "echo \"$(pwd)/helper.sh: line 1: boom\" >&2\nexit 3\n"
        let product = build("```{exec #x run=sh script=s.sh}\ninputs: [lib/helper.sh]\n```\n",
                            files: ["s.sh": "sh helper.sh\n", "lib/helper.sh": helper], allowExec: true)
        #expect(product.errors.count == 1)
        #expect(product.errors.first?.contains("    lib/helper.sh: line 1: boom") == true, "\(product.errors)")
        #expect(product.errors.first?.contains("report-exec-") == false, "\(product.errors)")
    }
}
