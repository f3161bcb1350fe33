import Testing
@testable import PaperHTML

@Suite struct SectionsTests {
    @Test func headingsGetIdsAndNumbers() throws {
        let html = try Fixtures.render()
        #expect(html.contains(#"<h2 id="sec-intro"><span class="section-number">1</span> "#))
        #expect(html.contains(#"<h2 id="sec-method"><span class="section-number">2</span> "#))
        #expect(html.contains(#"<h3 id="sec-descent"><span class="section-number">2.1</span> "#))
        #expect(html.contains("<h3 id=\"sec-basins\">\nBasins\n</h3>"))
        #expect(html.contains(#"<h2 id="sec-results"><span class="section-number">3</span> "#))
        #expect(!html.contains("{#sec-"))
        #expect(!html.contains("{-}"))
    }

    @Test func tableOfContentsListsSections() throws {
        let html = try Fixtures.render()
        let entries = [
            ##"<li class="depth-1"><a href="#sec-intro"><span class="section-number">1</span> Introduction</a></li>"##,
            ##"<li class="depth-1"><a href="#sec-method"><span class="section-number">2</span> Method</a></li>"##,
            ##"<li class="depth-2"><a href="#sec-descent"><span class="section-number">2.1</span> Descent</a></li>"##,
            ##"<li class="depth-2"><a href="#sec-basins"><span class="section-number"></span>Basins</a></li>"##,
            ##"<li class="depth-1"><a href="#sec-results"><span class="section-number">3</span> Results</a></li>"##,
            ##"<li class="depth-1"><a href="#references">References</a></li>"##,
        ]
        let positions = entries.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func titleHeadingIsDroppedAndOneHashSectionsAreNumbered() throws {
        let html = try RenderedMarkdown.body(
            "# My paper\n\n# Intro\n\n## Detail\n\n# Outro", title: "My paper", images: [:])
        #expect(html.sections.map(\.number) == ["1", "1.1", "2"])
        #expect(html.sections.map(\.id) == ["sec-intro", "sec-detail", "sec-outro"])
        #expect(!html.html.contains("My paper"))
    }

    @Test func generatedIdsAreUnique() throws {
        let html = try RenderedMarkdown.body("## Results\n\n## Results\n\n## Results", title: "", images: [:])
        #expect(html.sections.map(\.id) == ["sec-results", "sec-results-2", "sec-results-3"])
    }

    @Test func mathInHeadingsReachesTheContents() throws {
        let sections = try RenderedMarkdown.body("## The $L^2$ loss", title: "", images: [:]).sections
        #expect(sections.map(\.titleHTML) == [#"The <span class="math inline">L^2</span> loss"#])
        #expect(sections.map(\.id) == ["sec-the-loss"])
    }

    @Test func headingAttributes() {
        #expect(HeadingAttributes.parse("Method {#sec-method}")?.0 == HeadingAttributes(id: "sec-method"))
        #expect(HeadingAttributes.parse("Method {#sec-method}")?.1 == "Method")
        #expect(HeadingAttributes.parse("Notes {-}")?.0 == HeadingAttributes(numbered: false))
        #expect(HeadingAttributes.parse("Notes {.unnumbered #sec-n}")?.0 == HeadingAttributes(id: "sec-n", numbered: false))
        #expect(HeadingAttributes.parse("Sets {a, b}") == nil)
        #expect(HeadingAttributes.parse("Plain") == nil)
    }
}
