import Foundation
import Testing
@testable import ReportEngine

/// The template's body is read once, by cmark-gfm, and numbered once: the Markdown paper, the HTML
/// paper and the prose's cross-references all show the same section, figure and table numbers.
@Suite struct DocumentModelTests {
    private let sections = """
        ---
        title: Numbering
        ---
        ## Intro {#sec-intro}

        <!-- ## Hidden -->

        <!--
        ## Old section
        # x
        ```{bps-indx #broken}
        ```
        {{ nothing.here }} and @fig-none
        -->

        Method {#sec-method}
        --------------------

        ## Results {#sec-results}

        See @sec-intro, @sec-method and @sec-results.
        """

    @Test func setextAndCommentedHeadingsNumberTheSameInBothPapers() throws {
        let product = build(sections, formats: [.html, .md], page: try projectPage())
        #expect(product.errors.isEmpty)
        let markdown = product.markdown
        #expect(markdown.contains("See [Section 1](#sec-intro), [Section 2](#sec-method) and [Section 3](#sec-results)."))
        #expect(markdown.contains("\n## Method {#sec-method}\n"))
        #expect(markdown.contains("<!-- ## Hidden -->"))
        let html = String(decoding: try #require(product.outputs.first { $0.path.hasSuffix(".html") }).contents, as: UTF8.self)
        for (id, number) in [("sec-intro", "1"), ("sec-method", "2"), ("sec-results", "3")] {
            #expect(html.contains("<h2 id=\"\(id)\"><span class=\"section-number\">\(number)</span>"))
            #expect(html.contains("<a href=\"#\(id)\">Section \(number)</a>"))
        }
        #expect(!html.contains("Hidden"))
        #expect(!html.contains("Old section"))
    }

    /// A fence inside an HTML comment is text of the comment: not a directive, and nothing in a
    /// comment block is evaluated, so commenting a block out disables it.
    @Test func commentBlocksAreCopiedUntouched() throws {
        let (template, problems) = TemplateParser.parse(sections, file: "t.md")
        #expect(problems.isEmpty)
        let verbatim = template.blocks.compactMap { if case .verbatim(let text) = $0 { return text } else { return nil } }
        #expect(verbatim == ["<!-- ## Hidden -->", "<!--\n## Old section\n# x\n```{bps-indx #broken}\n```\n{{ nothing.here }} and @fig-none\n-->"])
        #expect(!template.blocks.contains { if case .directive = $0 { return true } else { return false } })
    }

    @Test func setextHeadingsKeepExactColumns() throws {
        let (template, problems) = TemplateParser.parse("Count {{ params.n }}\nand more {{ x.y }}\n===\n\n## Sum {{ a.b }} ##\n", file: "t.md")
        #expect(problems.isEmpty)
        let headings = template.blocks.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }
        #expect(headings.map(\.level) == [1, 2])
        let locations = headings.flatMap(\.text.segments).compactMap { segment -> String? in
            if case .expression(let e) = segment { return e.location.description } else { return nil }
        }
        #expect(locations == ["t.md:1:7", "t.md:2:10", "t.md:5:8"])
        #expect(headings[1].location.description == "t.md:5:1")
    }

    @Test func aDirectiveRightAfterASetextHeadingIsRead() {
        let (template, problems) = TemplateParser.parse("Title\n=====\n```{bps-index #i}\n```\nText.\n", file: "t.md")
        #expect(problems.isEmpty)
        let kinds = template.blocks.map { block -> String in
            switch block {
            case .heading: return "heading"
            case .directive(let call): return call.label ?? "?"
            case .prose: return "prose"
            case .verbatim: return "verbatim"
            }
        }
        #expect(kinds == ["heading", "i", "prose"])
    }

    @Test func windowsLineEndingsAreLines() throws {
        let source = "---\r\ntitle: T\r\n---\r\n> ```{bps-index #i max-charge=2}\r\n> ```\r\n\r\nB {#sec-b}\r\n===\r\n\r\n    {{ kept }}\r\n"
        let (template, problems) = TemplateParser.parse(source, file: "t.md")
        #expect(problems.isEmpty)
        #expect(template.frontMatter.title == "T")
        let call = try #require(template.blocks.compactMap { if case .directive(let c) = $0 { return c } else { return nil } }.first)
        #expect(call.location.description == "t.md:4:6")
        let heading = try #require(template.blocks.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }.first)
        #expect(heading.anchor == "sec-b")
        #expect(template.blocks.contains { if case .verbatim("    {{ kept }}") = $0 { return true } else { return false } })
    }

    @Test func directivesInListItemsStillWork() {
        let product = build("""
            1. Count the minima:

               ```{bps-index #b max-charge=2}
               ```

               which gives {{ b.minima[2] }}.
            2. Next.
            """)
        #expect(product.errors.isEmpty)
        #expect(product.markdown.contains("1. Count the minima:\n\n   which gives 56.\n2. Next."))
    }

    @Test func unclosedFenceInAListItemIsReported() {
        let (_, problems) = TemplateParser.parse("- item\n\n  ```{bps-index #x}\n  max-charge: 2\n\nNot indented.\n", file: "t.md")
        #expect(problems.map(\.description) == ["t.md:3:3: error: unclosed fence: '```' is never closed"])
    }

    @Test func figuresAndTablesAreNumberedOnceForBothPapers() throws {
        let product = build("""
            ```{bps-index #index max-charge=2}
            ```
            See @fig-a and @tbl-a.

            ```{table #tbl-a}
            show: index.table
            caption: Counts.
            ```

            ```{figure #fig-a}
            show: index.figure
            ```
            """, formats: [.html, .md], page: try projectPage())
        #expect(product.errors.isEmpty)
        #expect(product.markdown.contains("See [Figure 1](#fig-a) and [Table 1](#tbl-a)."))
        #expect(product.markdown.contains("<a id=\"fig-a\"></a>\n\n![Figure 1](../figures/test/fig-a.png)\n\n*Figure 1.*"))
        let html = String(decoding: try #require(product.outputs.first { $0.path.hasSuffix(".html") }).contents, as: UTF8.self)
        #expect(html.contains("<figure class=\"figure\" id=\"fig-a\">"))
        #expect(html.contains("<figcaption><span class=\"caption-label\">Figure 1.</span></figcaption>"))
        #expect(html.contains("<figure class=\"table\" id=\"tbl-a\">\n\n<figcaption><span class=\"caption-label\">Table 1:</span> Counts.</figcaption>"))
    }

    @Test func aTitleHeadingIsTheTitleInBothPapers() {
        let product = build("---\ntitle: T\n---\n# T\n\n# One {#sec-one}\n\nSee @sec-one.\n")
        #expect(product.errors.isEmpty)
        #expect(product.markdown == "# T\n\n# One {#sec-one}\n\nSee [Section 1](#sec-one).\n")
    }
}
