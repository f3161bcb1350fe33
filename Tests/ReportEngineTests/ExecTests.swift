import BigInt
import Foundation
import Testing
@testable import ReportEngine

/// `exec`: a researcher's own program, its inputs, parameters and seed, and what it writes back.
@Suite struct ExecTests {
    /// Reads a parameter from the environment and the whole input from stdin; writes results.json
    /// and a CSV.
    static let squares = """
        given=$(cat)
        n=$REPORT_PARAM_N
        printf '{"seed": %s, "doubled": %s, "label": "%s", "given": %s}\\n' "$REPORT_SEED" "$((n * 2))" "$REPORT_PARAM_NOISE_LEVEL" "$given" > results.json
        echo 'i,square' > squares.csv
        i=1
        while [ $i -le $n ]; do echo "$i,$((i * i))" >> squares.csv; i=$((i + 1)); done
        echo 'not a result' > notes.txt
        """

    static let template = """
        ---
        seed: 7
        params:
          n: 4
        ---
        ```{exec #run}
        run: sh
        script: scripts/squares.sh
        params: {n: $n, noise-level: low}
        ```

        {{ run.doubled }} {{ run.squares.square[3] }} {{ run.given.params.n }}
        """

    @Test func aShellScriptReadsItsSeedAndParametersAndWritesResultsAndATable() throws {
        let product = build(Self.template, files: ["scripts/squares.sh": Self.squares], overrides: [("n", "5")], allowExec: true)
        #expect(product.errors.isEmpty, "\(product.errors)")
        #expect(product.markdown.contains("10 16 5"))
        let record = try #require(execute(Self.template, files: ["scripts/squares.sh": Self.squares], overrides: [("n", "5")])["run"])
        let seed = CacheKeys.derivedSeed(7, label: "run")
        #expect(record["seed"] == .integer(BigInt(seed)))
        #expect(record["label"] == .text("low"))
        #expect(record["given"] == .record(Record([
            ("seed", .integer(BigInt(seed))), ("params", .record(Record([("n", .int(5)), ("noise-level", .text("low"))]))),
        ])))
        #expect(record["squares"] == .table(Table(columns: ["i", "square"], rows: (1...5).map { [.int($0), .int($0 * $0)] })))
        // Files other than results.json, CSV, SVG and PNG are not results; results.json's fields come first.
        #expect(record.names == ["seed", "doubled", "label", "given", "squares"])
    }

    @Test func jsonIntegersStayExactRealsStayRealsAndListsOfNumbersBecomeVectors() throws {
        let text = #"{"big": 123456789012345678901234567890, "negative": -3, "real": 0.5, "exponent": 1e3, "#
            + #""counts": [1, 2, 3], "losses": [1, 0.5, 0.25], "mixed": [1, "a", true], "nested": {"b": 2, "a": [[1.5, 2]]}, "#
            + #""nan": NaN, "text": "é\n\u00e9\ud83d\ude00"}"#
        let value = try ValueJSON.read(Data(text.utf8), name: "results.json")
        guard case .record(let record) = value else { Issue.record("not a record"); return }
        #expect(record["big"] == .integer(BigInt("123456789012345678901234567890")))
        #expect(record["negative"] == .int(-3))
        #expect(record["real"] == .real(0.5))
        #expect(record["exponent"] == .real(1000))
        #expect(record["counts"] == .ints([1, 2, 3]))
        #expect(record["losses"] == .vector([1, 0.5, 0.25]))
        #expect(record["mixed"] == .list([.int(1), .text("a"), .boolean(true)]))
        #expect(record["nested"] == .record(Record([("b", .int(2)), ("a", .list([.vector([1.5, 2])]))])))
        #expect(record["nan"]?.number?.isNaN == true)
        #expect(record["text"] == .text("é\né😀"))
        #expect(record.names == ["big", "negative", "real", "exponent", "counts", "losses", "mixed", "nested", "nan", "text"])
        // What the program is given reads back as it was.
        let params = Value.record(Record([("big", record["big"]!), ("x", .real(0.1)), ("names", .list([.text("a\"b")]))]))
        #expect(try ValueJSON.read(Data(ValueJSON.text(params).utf8), name: "stdin") == params)
    }

    @Test func malformedJSONIsAnErrorWithItsLine() {
        let cases = [
            "{\"a\": 1,\n \"a\": 2}": "'r.json' line 2: field 'a' is given twice",
            "{\"a\":\n null}": "'r.json' line 2: null is not a value; leave the field out instead",
            "{\"a\": 01x}": "'r.json' line 1: expected ',' or '}'",
            "{\"a\": 1} x": "'r.json' line 1: unexpected text after the JSON value",
            String(repeating: "[", count: 10_000): "'r.json' line 1: nested deeper than 200 levels",
        ]
        for (text, message) in cases {
            #expect(throws: DirectiveFailure.self) { try ValueJSON.read(Data(text.utf8), name: "r.json") }
            do {
                _ = try ValueJSON.read(Data(text.utf8), name: "r.json")
            } catch let failure as DirectiveFailure {
                #expect(failure.message == message)
            } catch {}
        }
    }

    @Test func aFailingScriptIsAnErrorAtTheDirectiveWithTheEndOfItsStandardError() {
        let script = "echo 'step 1' >&2\necho '{\"half\": 1}' > results.json\necho 'Traceback: x is undefined' >&2\nexit 3\n"
        let product = build("Intro.\n\n```{exec #fit}\nrun: sh\nscript: fail.sh\n```\n", files: ["fail.sh": script], allowExec: true)
        #expect(product.errors == [
            "reports/test.md:3:4: error: exec 'fit' failed: sh fail.sh exited with status 3; its standard error ended with:\n    step 1\n    Traceback: x is undefined",
        ])
        #expect(product.outputs.isEmpty)
    }

    /// One error per cause: the places that read a failed directive's results, and the directives
    /// that depend on it, are one note each, not an error each.
    @Test func aFailedDirectiveRaisesNoFollowOnErrors() {
        let template = """
            ```{exec #fit}
            run: sh
            script: fail.sh
            ```

            Slope {{ fit.slope }}, intercept {{ fit.intercept }}, {{ fit.r2 }}.

            ```{table #tbl-fit}
            show: fit.table
            ```

            ```{check}
            fit.slope > 0
            ```
            """
        let product = build(template, files: ["fail.sh": "exit 3\n"], allowExec: true)
        #expect(product.errors.count == 1)
        #expect(product.errors.first?.contains("exec 'fit' failed") == true)
        let notes = product.diagnostics.filter { $0.severity == .note }.map(\.description)
        #expect(notes == ["reports/test.md:6:10: note: this and 4 more places read 'fit', whose computation failed (the error above); left out"])
    }

    @Test func aScriptThatRunsTooLongIsEnded() {
        let start = Date()
        let product = build("```{exec #slow run=sh timeout=1}\nscript: slow.sh\n```\n\n{{ slow.x }}\n", files: ["slow.sh": "echo started >&2\nsleep 30\n"], allowExec: true)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(product.errors.first?.hasPrefix("reports/test.md:1:4: error: exec 'slow' failed: sh slow.sh did not finish within 1 s") == true)
        #expect(product.errors.first?.contains("started") == true)
        #expect(product.errors.first?.hasSuffix("(raise 'timeout' if it needs longer)") == true)
    }

    @Test func aMissingInterpreterIsAClearError() {
        let product = build("```{exec #x}\nrun: no-such-interpreter-4711\nscript: s.py\n```\n", files: ["s.py": "print(1)\n"], allowExec: true)
        #expect(product.errors == ["reports/test.md:1:4: error: exec 'x' failed: cannot run 'no-such-interpreter-4711': not found on PATH (is it installed?)"])
    }

    @Test func theScriptsContentIsInTheCacheKeyItsTimestampIsNot() {
        let cache = MemoryCache()
        let source = "```{exec #x run=sh script=s.sh}\n```\n\n{{ x.v }}\n"
        let first = build(source, files: ["s.sh": "echo '{\"v\": 1}' > results.json\n"], cache: cache, allowExec: true)
        #expect(first.log.computed == ["x"])
        #expect(first.markdown.contains("1"))
        // The same content read again (as after `touch`): nothing runs.
        let touched = build(source, files: ["s.sh": "echo '{\"v\": 1}' > results.json\n"], cache: cache, allowExec: true)
        #expect(touched.log.computed.isEmpty)
        #expect(touched.log.cached == ["x"])
        // Edited: it runs again.
        let edited = build(source, files: ["s.sh": "echo '{\"v\": 2}' > results.json\n"], cache: cache, allowExec: true)
        #expect(edited.log.computed == ["x"])
        #expect(edited.markdown.contains("2"))
        // An input file's content is in the key too.
        let withInput = "```{exec #x run=sh script=s.sh}\ninputs: [data/in.csv]\n```\n\n{{ x.in.a[0] }}\n"
        let copy = "cp in.csv out.csv; echo '{\"v\": 1}' > results.json\n"
        #expect(build(withInput, files: ["s.sh": copy, "data/in.csv": "a\n1\n"], cache: cache, allowExec: true).log.computed == ["x"])
        #expect(build(withInput, files: ["s.sh": copy, "data/in.csv": "a\n1\n"], cache: cache, allowExec: true).log.computed.isEmpty)
        #expect(build(withInput, files: ["s.sh": copy, "data/in.csv": "a\n2\n"], cache: cache, allowExec: true).log.computed == ["x"])
    }

    @Test func theSameSeedGivesTheSameResults() throws {
        let script = "echo \"{\\\"draw\\\": $(( REPORT_SEED % 1000 ))}\" > results.json\n"
        let source = { (seed: Int) in "---\nseed: \(seed)\n---\n```{exec #x run=sh script=s.sh}\n```\n\n{{ x.draw }}\n" }
        let a = try #require(execute(source(1), files: ["s.sh": script])["x"])
        let b = try #require(execute(source(1), files: ["s.sh": script])["x"])
        let c = try #require(execute(source(2), files: ["s.sh": script])["x"])
        #expect(a == b)
        #expect(a != c)
        #expect(a["draw"] == .int(Int(CacheKeys.derivedSeed(1, label: "x") % 1000)))
    }

    @Test func parametersThatWouldShareAVariableAreAnError() {
        let product = build("```{exec #x run=sh}\nparams: {noise-level: 1, noise_level: 2}\n```\n", allowExec: true)
        #expect(product.errors == ["reports/test.md:1:4: error: exec 'x' failed: parameters 'noise-level' and 'noise_level' would both be REPORT_PARAM_NOISE_LEVEL"])
    }

    @Test func aCommandLineRunsWithoutAScript() {
        let product = build("```{exec #x}\nrun: [sh, -c, 'echo \"{\\\"n\\\": 12}\" > results.json']\n```\n\n{{ x.n }}\n", allowExec: true)
        #expect(product.errors.isEmpty, "\(product.errors)")
        #expect(product.markdown.contains("12"))
    }

    @Test func anImageTheScriptWritesIsAFigurePlacedAsItIs() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
        let script = "cat > curve.svg <<'EOF'\n\(svg)\nEOF\n"
        let source = "```{exec #x run=sh script=s.sh}\n```\n\n```{figure #fig-curve}\nshow: x.curve\ncaption: A curve.\n```\n"
        let product = build(source, files: ["s.sh": script], formats: [.md, .html], page: try projectPage(), allowExec: true)
        #expect(product.errors.isEmpty, "\(product.errors)")
        let figures = product.outputs.filter { $0.path.hasPrefix("figures/") }
        #expect(figures.map(\.path) == ["figures/test/fig-curve.svg"])
        #expect(figures.first?.contents == Data((svg + "\n").utf8))
        #expect(product.markdown.contains("../figures/test/fig-curve.svg"))
        let html = String(decoding: try #require(product.outputs.first { $0.path.hasSuffix(".html") }).contents, as: UTF8.self)
        #expect(html.contains("data:image/svg+xml;base64,"))
        // It cannot be restyled.
        let restyled = build(source.replacingOccurrences(of: "caption:", with: "x-label: t\ncaption:"), files: ["s.sh": script], allowExec: true)
        #expect(restyled.errors == ["reports/test.md:4:4: error: the result is an image, placed as it is; leave out x-label"])
    }

    @Test func aPNGImageIsEmbeddedAsPNG() throws {
        let script = "printf '\\211PNG\\r\\n\\032\\n' > dots.png\n"
        let source = "```{exec #x run=sh script=s.sh}\n```\n\n```{figure #fig-dots}\nshow: x.dots\n```\n"
        let product = build(source, files: ["s.sh": script], formats: [.md, .html], page: try projectPage(), allowExec: true)
        #expect(product.errors.isEmpty, "\(product.errors)")
        #expect(product.outputs.filter { $0.path.hasPrefix("figures/") }.map(\.path) == ["figures/test/fig-dots.png"])
        #expect(product.markdown.contains("../figures/test/fig-dots.png"))
        let html = String(decoding: try #require(product.outputs.first { $0.path.hasSuffix(".html") }).contents, as: UTF8.self)
        #expect(html.contains("data:image/png;base64,iVBORw0KGgo"))
    }

    @Test func outputsThatCannotBeResultsAreErrors() {
        let cases = [
            "echo '[1, 2]' > results.json": "results.json must hold one JSON object, such as {\"slope\": 1.5}",
            "echo '{\"t\": 1}' > results.json; echo 'a\n1' > t.csv": "result 't' is written twice (by results.json and t.csv)",
            "echo 'a\n1' > 'two words.csv'": "'two words' (from two words.csv) cannot name a result: use letters, digits, '_' and '-', starting with a letter",
            "echo 'hello' > plot.png": "'plot.png' is not a PNG image",
            "true": "the program wrote no results (results.json, or CSV, SVG or PNG files in its working directory)",
        ]
        for (script, message) in cases {
            let product = build("```{exec #x run=sh script=s.sh}\n```\n", files: ["s.sh": script], allowExec: true)
            #expect(product.errors == ["reports/test.md:1:4: error: exec 'x' failed: \(message)"])
        }
    }

    @Test func inputFilePathsAreCheckedWhereTheyAreWritten() {
        let source = "```{exec #x run=sh script=s.sh}\ninputs: [a/in.csv, /etc/passwd, b/in.csv]\n```\n"
        #expect(problems(source, files: ["s.sh": "", "a/in.csv": "", "b/in.csv": ""]) == [
            "t.md:2:20: error: '/etc/passwd' is an absolute path; name a file relative to the template, inside its project",
        ])
        // The loader's refusal (a path leaving the project) is placed at the script and at each input.
        let (template, _) = TemplateParser.parse("```{exec #x run=sh}\nscript: ../run.sh\ninputs: [ok.csv, ../../secret.csv]\n```\n", file: "t.md")
        let (_, refused) = Planner.plan(template) { path in
            guard path == "ok.csv" else { throw Diagnostic.error(at: nil, "'\(path)' is outside the project directory") }
            return Data()
        }
        #expect(refused.map(\.description) == [
            "t.md:2:9: error: '../run.sh' is outside the project directory",
            "t.md:3:18: error: '../../secret.csv' is outside the project directory",
        ])
        let twice = build("```{exec #x run=sh script=s.sh}\ninputs: [a/in.csv, b/in.csv]\n```\n", files: ["s.sh": "", "a/in.csv": "", "b/in.csv": ""], allowExec: true)
        #expect(twice.errors == ["reports/test.md:1:4: error: exec 'x' failed: two files are named 'in.csv'; the scratch directory holds each input under its file name"])
    }

    /// A paper is often someone else's: without the reader's consent no `exec` runs, and each one
    /// is an error at its line, with the other errors of the template; the built-in directives
    /// need no consent.
    @Test func execRunsOnlyWhenAllowed() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("exec-ran-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let source = """
            ```{exec #a run=sh script=s.sh}
            ```

            ```{bps-index #index max-charge=2}
            ```

            ```{exec #b}
            run: [sh, -c, 'touch \(marker.path); echo "{\\"n\\": 2}" > results.json']
            ```

            {{ a.n }} {{ b.n }} {{ index.minima[2] }} {{ missing.x }}
            """
        let script = "touch \(marker.path)\necho '{\"n\": 1}' > results.json\n"
        let refused = build(source, files: ["s.sh": script])
        let refusal = "error: this paper runs commands (exec); rebuild with --allow-exec if you trust it"
        #expect(Array(refused.errors.prefix(2)) == ["reports/test.md:1:4: \(refusal)", "reports/test.md:7:4: \(refusal)"])
        #expect(refused.errors.count == 3)
        #expect(refused.errors.last?.hasPrefix("reports/test.md:11:") == true)
        #expect(refused.outputs.isEmpty)
        #expect(refused.log.computed.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: marker.path))

        let allowed = build(source.replacingOccurrences(of: " {{ missing.x }}", with: ""), files: ["s.sh": script], allowExec: true)
        #expect(allowed.errors.isEmpty, "\(allowed.errors)")
        #expect(allowed.markdown.contains("1 2 56"))
        #expect(FileManager.default.fileExists(atPath: marker.path))
        // Without exec, consent is not asked for.
        #expect(build("```{bps-index #index max-charge=2}\n```\n\n{{ index.minima[2] }}\n").errors.isEmpty)
    }

    /// The results of every directive of `source`, computed without a cache.
    private func execute(_ source: String, files: [String: String], overrides: [(String, String)] = []) -> [String: Record] {
        let (template, _) = TemplateParser.parse(source, file: "t.md")
        let (plan, _) = Planner.plan(template, overrides: overrides) { path in Data(files[path]!.utf8) }
        guard let plan else { return [:] }
        return Executor.run(plan, cache: nil).0.values
    }
}
