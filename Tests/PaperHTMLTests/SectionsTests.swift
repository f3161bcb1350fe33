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
        ]
        let positions = entries.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func contentsCanBeTurnedOffAndKeywordsFollowTheAbstract() throws {
        var metadata = Fixtures.metadata
        metadata.contents = false
        metadata.keywords = ["BPS black holes", "minima <counting>"]
        let html = try Fixtures.render(metadata: metadata)
        #expect(!html.contains(#"<nav class="contents""#))
        #expect(html.contains(#"<h2 id="sec-intro">"#), "the sections themselves stay")
        let keywords = #"<p class="keywords"><span class="keywords-label">Keywords:</span> BPS black holes, minima &lt;counting&gt;</p>"#
        #expect(html.contains(keywords))
        #expect(try Fixtures.render().contains(#"<nav class="contents""#), "on unless turned off")
        #expect(try !Fixtures.render().contains(#"class="keywords""#))
    }

    @Test func givenNumbersAreShownWhateverTheLevels() throws {
        let html = try RenderedMarkdown.body(PaperBody([
            .heading(PaperHeading(level: 1, depth: 1, number: "7", id: "sec-a", text: "Intro")),
            .heading(PaperHeading(level: 2, depth: 2, number: "7.1", id: nil, text: "Detail")),
        ]), images: [:])
        #expect(html.sections.map(\.number) == ["7", "7.1"])
        #expect(html.sections.map(\.depth) == [1, 2])
        #expect(html.html.contains("<h1 id=\"sec-a\"><span class=\"section-number\">7</span> \nIntro\n</h1>"))
    }

    @Test func generatedIdsAreUniqueAndLeaveGivenIdsAlone() throws {
        let results = PaperBlock.heading(PaperHeading(level: 2, depth: 1, number: nil, id: nil, text: "Results"))
        let given = PaperBlock.heading(PaperHeading(level: 2, depth: 1, number: nil, id: "sec-results", text: "Given"))
        let html = try RenderedMarkdown.body(PaperBody([results, results, given, results]), images: [:])
        #expect(html.sections.map(\.id) == ["sec-results-2", "sec-results-3", "sec-results", "sec-results-4"])
    }

    @Test func mathInHeadingsReachesTheContents() throws {
        let heading = PaperHeading(level: 2, depth: 1, number: "1", id: nil, text: "The $L^2$ loss")
        let sections = try RenderedMarkdown.body(PaperBody([.heading(heading)]), images: [:]).sections
        #expect(sections.map(\.titleHTML) == [#"The <span class="math inline">L^2</span> loss"#])
        #expect(sections.map(\.id) == ["sec-the-loss"])
    }
}
