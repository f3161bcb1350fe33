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

    @Test func figureBlockBecomesAFigure() throws {
        let html = try Fixtures.body(
            [.figure(PaperFigure(id: "fig-a", number: 3, caption: "Apart, with $x^2$.", image: "a.png"))],
            images: ["a.png": Fixtures.basinsPNG])
        #expect(html.hasPrefix("<figure class=\"figure\" id=\"fig-a\">\n<img src=\"data:image/png;base64,"))
        #expect(html.contains(#"alt="Figure 3">"#))
        #expect(html.contains(#"<figcaption><span class="caption-label">Figure 3:</span> Apart, with <span class="math inline">x^2</span>.</figcaption>"#))
        #expect(!html.contains("<p>"))
    }

    @Test func figureWithoutCaptionShowsItsLabel() throws {
        let html = try Fixtures.body(
            [.figure(PaperFigure(id: "fig-a", number: 1, caption: "", image: "a.png"))], images: ["a.png": Fixtures.basinsPNG])
        #expect(html.contains(#"<figcaption><span class="caption-label">Figure 1.</span></figcaption>"#))
    }

    @Test func figureWithoutItsImageIsAnError() {
        #expect(throws: HTMLPaperError.missingImage("none.png")) {
            try Fixtures.body([.figure(PaperFigure(id: "fig-a", number: 1, caption: "x", image: "none.png"))])
        }
    }

    /// Floats come from figure and table blocks only: Markdown that looks like the Markdown
    /// paper's figures stays what it is.
    @Test func markdownConventionsAreNotGuessed() throws {
        let html = try Fixtures.body(
            "<a id=\"fig-a\"></a>\n![Figure 3](a.png)\n*Figure 3: Apart.*", images: ["a.png": Fixtures.basinsPNG])
        #expect(!html.contains("<figure"))
        #expect(!html.contains("<figcaption"))
    }

    @Test func tableBlockGetsItsCaptionAbove() throws {
        let table = PaperTable(
            id: "tbl-y", number: 2, caption: "Counts.", columns: ["a", "b"], alignments: [.left, .right],
            rows: [["1", "2"]])
        let html = try Fixtures.body([.markdown("Before."), .table(table), .markdown("After.")])
        #expect(html.hasPrefix("<p>Before.</p>\n<figure class=\"table\" id=\"tbl-y\">"))
        let caption = try #require(html.range(of: "<figcaption><span class=\"caption-label\">Table 2:</span> Counts.</figcaption>"))
        let grid = try #require(html.range(of: "<table>"))
        #expect(caption.lowerBound < grid.lowerBound)
        #expect(html.contains(#"<th align="left">a</th>"#))
        #expect(html.contains(#"<td align="right">2</td>"#))
        #expect(html.hasSuffix("</figure>\n<p>After.</p>\n"))
        var unlabelled = table
        unlabelled.id = nil
        #expect(try Fixtures.body([.table(unlabelled)]).hasPrefix("<figure class=\"table\">"))
    }

    @Test func aTableWiderThanThePrintedColumnIsMarkedWide() throws {
        // Ten columns of ten characters: 120 characters with the gaps, wider than the 80 that fit.
        let wide = PaperTable(
            id: "tbl-w", number: 1, caption: "", columns: (1...10).map { "column_\($0)".padding(toLength: 10, withPad: "x", startingAt: 0) },
            alignments: Array(repeating: .right, count: 10), rows: [(1...10).map(String.init)])
        #expect(wide.printedWidth == 120)
        #expect(try Fixtures.body([.table(wide)]).hasPrefix(#"<figure class="table wide" id="tbl-w">"#))
        var narrow = wide
        (narrow.columns, narrow.alignments, narrow.rows) = (Array(wide.columns.prefix(6)), Array(wide.alignments.prefix(6)), [Array(wide.rows[0].prefix(6))])
        #expect(narrow.printedWidth == 72)
        #expect(try Fixtures.body([.table(narrow)]).hasPrefix(#"<figure class="table" id="tbl-w">"#))
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
        #expect(html.components(separatedBy: "Black holes and the loss landscape").count == 3)
    }

    @Test func emptyMetadataLeavesNoEmptyBlocks() throws {
        let html = try Fixtures.render("Just text.", metadata: PaperMetadata(title: "T"))
        #expect(!html.contains("class=\"authors\""))
        #expect(!html.contains("class=\"abstract\""))
        #expect(!html.contains("class=\"contents\""))
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
