import Testing
@testable import PaperHTML

@Suite struct BodyTests {
    @Test func figureGroupsAnchorImageAndCaption() throws {
        let html = try Fixtures.render()
        #expect(html.contains("""
            <figure class="figure" id="fig-discovery">
            <img src="data:image/svg+xml;base64,
            """))
        #expect(html.contains(#"<figcaption><span class="caption-label">Figure 1:</span> Distinct minima found"#))
        #expect(html.contains(##"<a href="#fig-discovery">Figure 1</a>"##))
    }

    @Test func figurePartsMayBeSeparateParagraphs() throws {
        let html = try Fixtures.body(
            "<a id=\"fig-a\"></a>\n\n![Figure 3](a.png)\n\n*Figure 3: Apart.*", images: ["a.png": Fixtures.basinsPNG])
        #expect(html.hasPrefix("<figure class=\"figure\" id=\"fig-a\">\n<img src=\"data:image/png;base64,"))
        #expect(html.contains(#"<figcaption><span class="caption-label">Figure 3:</span> Apart.</figcaption>"#))
        #expect(!html.contains("<p>"))
    }

    @Test func proseBetweenAnchorAndImageBreaksTheFigure() throws {
        let html = try Fixtures.body(
            "<a id=\"fig-a\"></a>\n\nSome prose.\n\n![Figure 3](a.png)", images: ["a.png": Fixtures.basinsPNG])
        #expect(html.hasPrefix("<p><a id=\"fig-a\"></a></p>\n<p>Some prose.</p>\n<figure class=\"figure\">"))
    }

    @Test func anchoredTableGetsItsCaptionAbove() throws {
        let html = try Fixtures.body("""
            <a id="tbl-y"></a>

            | a | b |
            | - | - |
            | 1 | 2 |

            *Table 2: After the table in the source.*
            """)
        #expect(html.hasPrefix("<figure class=\"table\" id=\"tbl-y\">"))
        let caption = try #require(html.range(of: "<figcaption><span class=\"caption-label\">Table 2:</span>"))
        let table = try #require(html.range(of: "<table>"))
        #expect(caption.lowerBound < table.lowerBound)
    }

    @Test func unanchoredTablesAndEmphasisStayPlain() throws {
        let html = try Fixtures.body("*A remark.*\n\n| a |\n| - |\n| 1 |\n\n*Another.*")
        #expect(!html.contains("<figure"))
        #expect(html.contains("<p><em>A remark.</em></p>"))
    }

    @Test func inlineImagesAreInlinedButNotFigures() throws {
        let html = try Fixtures.body("An icon ![i](i.png) in text.", images: ["i.png": Fixtures.basinsPNG])
        #expect(html.contains("<p>An icon <img src=\"data:image/png;base64,"))
        #expect(!html.contains("<figure"))
    }

    @Test func looseAnchorsAreKept() throws {
        let html = try Fixtures.body("<a id=\"eq-1\"></a> An equation label.")
        #expect(html.contains(#"<a id="eq-1"></a>"#))
    }

    @Test func tablesRenderWithAlignment() throws {
        let html = try Fixtures.render()
        #expect(html.contains("<thead>"))
        #expect(html.contains(#"<th align="right"><span class="math inline">\Delta</span></th>"#))
        #expect(html.contains(#"<td align="right">324</td>"#))
    }

    @Test func footnotesRender() throws {
        let html = try Fixtures.render()
        #expect(html.contains(##"<sup class="footnote-ref"><a href="#fn-count" id="fnref-count" data-footnote-ref>1</a></sup>"##))
        #expect(html.contains(#"<section class="footnotes" data-footnotes>"#))
        #expect(html.contains(#"<li id="fn-count">"#))
    }

    @Test func gitHubExtensionsAreOn() throws {
        let html = try Fixtures.body("~~old~~ see https://example.org now")
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains(#"<a href="https://example.org">https://example.org</a>"#))
    }

    @Test func metadataFillsTheTitleBlock() throws {
        let html = try Fixtures.render()
        #expect(html.contains(#"<h1 class="title">Black holes and the loss landscape</h1>"#))
        #expect(html.contains(#"<span class="author">A. Researcher</span><span class="author">B. Theorist</span>"#))
        #expect(html.contains(#"<p class="date">23 November 2026</p>"#))
        #expect(html.contains(#"<p>We count the minima of a loss <span class="math inline">L(\theta)</span>"#))
        #expect(html.contains(#"<li id="ref-1">A. Author, <em>A landscape of minima</em>, J. Phys. <strong>1</strong> (2024) 1.</li>"#))
        #expect(html.components(separatedBy: "Black holes and the loss landscape").count == 3)
    }

    @Test func emptyMetadataLeavesNoEmptyBlocks() throws {
        let html = try Fixtures.render("Just text.", metadata: PaperMetadata(title: "T"))
        #expect(!html.contains("class=\"authors\""))
        #expect(!html.contains("class=\"abstract\""))
        #expect(!html.contains("class=\"contents\""))
        #expect(!html.contains("id=\"references\""))
    }
}

@Suite struct DeterminismTests {
    /// The same paper gives the same bytes, also when many are written at once.
    @Test func concurrentRendersAreIdentical() async throws {
        let reference = try Fixtures.render()
        let pages = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try Fixtures.render() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(pages.count == 16)
        #expect(pages.allSatisfy { $0 == reference })
    }
}
