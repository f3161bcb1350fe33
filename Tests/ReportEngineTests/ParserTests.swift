import Testing
@testable import ReportEngine

@Suite struct ParserTests {
    private func parse(_ source: String) -> (Template, [String]) {
        let (template, diagnostics) = TemplateParser.parse(source, file: "t.md")
        return (template, diagnostics.map(\.description))
    }

    private func directives(_ template: Template) -> [DirectiveCall] {
        template.blocks.compactMap { if case .directive(let call) = $0 { return call } else { return nil } }
    }

    @Test func frontMatterTypesParamsByTheirDefaults() {
        let (template, problems) = parse("""
            ---
            title: A paper
            authors: [A. One, B. Two]
            seed: 7
            params:
              runs: 2000
              rate: 0.5
              fast: true
              optimizer: adam
            date: 2026-01-01
            ---
            Text.
            """)
        #expect(problems.isEmpty)
        let front = template.frontMatter
        #expect(front.title == "A paper")
        #expect(front.authors == ["A. One", "B. Two"])
        #expect(front.seed == 7)
        #expect(front.params.map(\.name) == ["runs", "rate", "fast", "optimizer"])
        #expect(front.params.map(\.defaultValue) == [.int(2000), .real(0.5), .boolean(true), .text("adam")])
        #expect(front.params[0].location.description == "t.md:6:9")
        #expect(front.date == "2026-01-01")
        #expect(front.toc && front.keywords.isEmpty)
    }

    @Test func frontMatterKeysAreCheckedWithTheClosestSpellingSuggested() {
        let (template, problems) = parse("""
            ---
            title: A paper
            fromats: [html]
            toc: false
            keywords: [loss landscapes, Langevin dynamics]
            date: today
            ---
            Text.
            """)
        // A misspelt key is an error at the key, not silently ignored; the known keys still apply.
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("t.md:3:1: error: unknown front-matter key 'fromats' (did you mean 'formats'?)") == true)
        #expect(template.frontMatter.toc == false)
        #expect(template.frontMatter.keywords == ["loss landscapes", "Langevin dynamics"])
        #expect(template.frontMatter.date == "today")
        let (_, notBoolean) = parse("---\ntoc: no contents\n---\n")
        #expect(notBoolean.first?.contains("'toc' is true or false") == true)
    }

    @Test func directiveHeaderWithLabelAndQuotedValues() throws {
        let (template, problems) = parse("""
            ```{bps-index #index max-charge=3 note="two words" other='x y'}
            ```
            """)
        #expect(problems.isEmpty)
        let call = try #require(directives(template).first)
        #expect(call.kind == "bps-index")
        #expect(call.label == "index")
        #expect(call.labelLocation?.description == "t.md:1:15")
        #expect(call.options.map(\.name) == ["max-charge", "note", "other"])
        #expect(call.options.map { $0.value.value.scalarText } == ["3", "two words", "x y"])
        #expect(call.options[1].nameLocation.description == "t.md:1:35")
    }

    @Test func tildeLongerAndIndentedFences() {
        let (template, problems) = parse("""
            ~~~~{bps-index #a}
            max-charge: 2
            ```
            not a close
            ~~~~

            1. An item:

               ```{bps-index #b}
               max-charge: 3
               ```
            """)
        #expect(problems.isEmpty)
        let calls = directives(template)
        #expect(calls.map(\.label) == ["a", "b"])
        #expect(calls[0].body == "max-charge: 2\n```\nnot a close")
        #expect(calls[1].body == "max-charge: 3")
        #expect(calls[1].bodyLocation.description == "t.md:10:4")
    }

    @Test func ordinaryCodeBlocksAreUntouched() {
        let source = """
            ```swift
            let x = "{{ not.an.expression }}"
            ```
            """
        let (template, problems) = parse(source)
        #expect(problems.isEmpty)
        guard case .verbatim(let text)? = template.blocks.first else {
            Issue.record("expected a code block")
            return
        }
        #expect(text == source)
    }

    @Test func inlineExpressionsEscapesAndCodeSpans() {
        let (template, problems) = parse("Value {{ census.fraction | percent:1 }}, literal \\{{ x }}, code `{{ y }}`, see @fig-a.")
        #expect(problems.isEmpty)
        guard case .prose(let prose)? = template.blocks.first else {
            Issue.record("expected prose")
            return
        }
        var texts: [String] = [], expressions: [InlineExpression] = [], references: [String] = []
        for segment in prose.segments {
            switch segment {
            case .text(let t): texts.append(t)
            case .expression(let e): expressions.append(e)
            case .reference(let r): references.append(r.label)
            case .equationLabel, .citation: Issue.record("unexpected \(segment)")
            }
        }
        #expect(expressions.count == 1)
        #expect(expressions[0].source == "census.fraction | percent:1")
        #expect(expressions[0].formats.map(\.format) == [.percent(1)])
        #expect(expressions[0].location.description == "t.md:1:7")
        #expect(texts.joined() == "Value , literal {{ x }}, code `{{ y }}`, see .")
        #expect(references == ["fig-a"])
    }

    @Test func emailAddressesAreNotCrossReferences() {
        let (template, _) = parse("Write to someone@fig-lab.org.")
        guard case .prose(let prose)? = template.blocks.first else { return }
        #expect(prose.segments.allSatisfy { if case .text = $0 { return true } else { return false } })
    }

    @Test func headingAnchors() {
        let (template, problems) = parse("## Method {#sec-method}\nText")
        #expect(problems.isEmpty)
        guard case .heading(let heading)? = template.blocks.first else {
            Issue.record("expected a heading")
            return
        }
        #expect(heading.level == 2)
        #expect(heading.anchor == "sec-method")
    }

    @Test func unterminatedExpressionIsReportedAtItsOpening() {
        let (_, problems) = parse("First line.\nThe value {{ census.distinct is here.\n\nNext paragraph }}.")
        #expect(problems == ["t.md:2:11: error: unterminated '{{': no matching '}}' in this paragraph"])
    }

    @Test func unclosedFenceIsReportedAtItsOpening() {
        let (_, problems) = parse("Text\n\n  ```{bps-index #x}\nmax-charge: 2\n")
        #expect(problems == ["t.md:3:3: error: unclosed fence: '```' is never closed"])
    }

    @Test func malformedHeaderAndExpressionErrorsHaveExactColumns() {
        let (_, problems) = parse("""
            ```{bps-index #x stray}
            ```
            Result {{ a.b + }} here.
            """)
        #expect(problems == [
            "t.md:1:18: error: expected '#label' or 'key=value' in directive header, found 'stray'",
            "t.md:3:16: error: expected a value but found end of expression",
        ])
    }

    @Test func unclosedFrontMatter() {
        let (_, problems) = parse("---\ntitle: x\n")
        #expect(problems == ["t.md:1:1: error: front matter opened by '---' is never closed"])
    }

    @Test func badFrontMatterYAMLHasItsLocation() {
        let (_, problems) = parse("---\ntitle: [unclosed\n---\n")
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("t.md:3:1: error: bad YAML"))
    }

    /// Raw HTML is left out of every paper, so it is a warning where it stands; an empty anchor
    /// (which the HTML paper keeps), a comment, code and a tag inside a code span are not.
    @Test func rawHTMLIsAWarningWhereItStands() {
        let (_, problems) = parse("""
            ---
            title: T
            ---
            A <span class="x">word</span> and <a id="eq-1"></a> an anchor; `<b>` in code.

            <div align="center">
            centred
            </div>

            <!-- a comment -->

                <pre>indented code</pre>
            """)
        let message = "is left out of the papers (the HTML paper keeps only what Markdown makes, and the Markdown, PDF and LaTeX papers could not carry it); write it in Markdown"
        #expect(problems == [
            "t.md:4:3: warning: raw HTML '<span class=\"x\">' \(message)",
            "t.md:4:23: warning: raw HTML '</span>' \(message)",
            "t.md:6:1: warning: raw HTML '<div align=\"center\">' \(message)",
        ])
    }
}
