import Testing
@testable import ReportEngine

/// Every error a researcher can make in a template gets a compiler-style message at its location,
/// and all of them are reported in one build.
@Suite struct DiagnosticsTests {
    @Test func unknownDirectiveSuggestsTheClosestName() {
        #expect(problems("```{bps-indx #i}\n```\n") == [
            "t.md:1:4: error: unknown directive 'bps-indx' (did you mean 'bps-index'?)",
        ])
    }

    @Test func unknownAndMistypedParameters() {
        #expect(problems("""
            ```{bps-index #i}
            max-chrage: 3
            ```
            ```{bps-index #j max-charge=three}
            ```
            ```{bps-index #k}
            max-charge: 0
            ```
            """) == [
                "t.md:2:1: error: unknown parameter 'max-chrage' for bps-index (did you mean 'max-charge'?)",
                "t.md:4:29: error: parameter 'max-charge' of bps-index expects integer in 1...400, got 'three'",
                "t.md:7:13: error: parameter 'max-charge' of bps-index expects integer in 1...400, got 0",
            ])
    }

    /// A list of numbers takes one number or a list; integers read as reals, and a word or an
    /// out-of-range entry is located.
    @Test func listsOfNumbers() {
        #expect(problems("```{langevin-sweep #a}\ntemperatures: [1e-4, 0.01, 1]\n```\n").isEmpty)
        #expect(problems("```{langevin-sweep #b temperatures=0.5}\n```\n").isEmpty)
        #expect(problems("```{langevin-sweep #c}\ntemperatures: [1e-4, hot]\n```\n") == [
            "t.md:2:15: error: parameter 'temperatures' of langevin-sweep expects number or list of numbers in [1e-12, 1000.0], got 'hot'",
        ])
        #expect(problems("```{langevin-sweep #d}\ntemperatures: [-1]\n```\n").count == 1)
    }

    @Test func templateParameterReferences() {
        let source = """
            ---
            params:
              charge: 3
              label: x
            ---
            ```{bps-index #i max-charge=$chrage}
            ```
            ```{bps-index #j}
            max-charge: $label
            ```
            """
        #expect(problems(source) == [
            "t.md:6:29: error: unknown template parameter '$chrage' (did you mean '$charge'?)",
            "t.md:9:13: error: parameter 'max-charge' of bps-index expects integer in 1...400, got 'x'",
        ])
    }

    @Test func duplicateLabelsAndUnknownReferences() {
        #expect(problems("""
            ```{bps-index #i}
            ```
            ```{bps-index #i}
            ```
            Value {{ index.minima[1] }} and {{ i.minmia }}, see @tbl-none.
            """) == [
                "t.md:3:15: error: duplicate label 'i' (first at t.md:1:15)",
                "t.md:5:53: error: unknown cross-reference '@tbl-none'",
                "t.md:5:10: error: unknown label 'index'",
                "t.md:5:36: error: bps-index 'i' has no result 'minmia' (did you mean 'minima'?)",
            ])
    }

    @Test func badYAMLBodyIsLocatedInTheTemplate() {
        let result = problems("Intro\n\n```{bps-index #i}\nmax-charge: [1, 2\n```\n")
        #expect(result.count == 1)
        #expect(result[0].hasPrefix("t.md:5:1: error: bad YAML"))
    }

    @Test func unquotedColonInACaptionGetsAHintAndNoCascade() {
        #expect(problems("See @fig-a.\n\n```{figure #fig-a}\nshow: x.y\ncaption: Left: right\n```\n") == [
            "t.md:5:14: error: bad YAML: mapping values are not allowed in this context (a value containing ': ' must be quoted, or written on its own lines after '>-')",
        ])
    }

    @Test func aTabInYAMLIsNamed() {
        // libyaml says "found character that cannot start any token" of a tab that indents a key.
        let result = problems("---\ntitle: x\nparams:\n\tn: 2\n---\nText.\n")
        #expect(result == ["t.md:4:1: error: a tab in YAML: indent with spaces, and quote a value that holds a tab"])
    }

    @Test func bodyThatIsNotAMapping() {
        #expect(problems("```{bps-index #i}\n- 1\n- 2\n```\n") == [
            "t.md:2:1: error: the body of bps-index must be a YAML mapping of parameters",
        ])
    }

    @Test func parameterOverridesAreTypedByTheirDefault() {
        let source = "---\nparams:\n  runs: 10\n  rate: 0.5\n---\n{{ params.runs }} {{ params.rate }}\n"
        #expect(problems(source, overrides: [("runs", "20"), ("rate", "1")]).isEmpty)
        #expect(problems(source, overrides: [("runs", "many"), ("rnus", "1")]) == [
            "report: error: --param runs=many: 'runs' is an integer (declared at t.md:3:9), not 'many'",
            "report: error: --param rnus=1: the template has no parameter 'rnus' (did you mean 'runs'?)",
        ])
    }

    @Test func missingDataFile() {
        #expect(problems("```{data #d file=missing.csv}\n```\n").count == 1)
        #expect(problems("```{data #d file=missing.csv}\n```\n")[0].hasPrefix("t.md:1:18: error: cannot read 'missing.csv'"))
    }

    @Test func manyErrorsAreAllReported() {
        let result = problems("""
            ```{unknown-thing #a}
            ```
            {{ nothing.here }} and {{ unclosed
            ```{bps-index #b}
            max-charge: -3
            ```
            ```{check}
            b.minima[1] ==
            ```
            """)
        #expect(result.count == 5)
    }
}
