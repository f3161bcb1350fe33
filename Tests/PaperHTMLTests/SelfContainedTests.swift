import Foundation
import Testing
@testable import PaperHTML

@Suite struct SelfContainedTests {
    static let math = MathAssets(script: "window.katex = {render: function () {}};", stylesheet: ".katex{}")

    @Test func contentSecurityPolicyForbidsTheNetwork() throws {
        let html = try Fixtures.render("No math here.")
        #expect(html.contains("""
            <meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; \
            font-src data:; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">
            """))
        #expect(!html.contains("script-src"))
        #expect(!html.contains("<script"))
        let policy = try #require(html.range(of: "http-equiv=\"Content-Security-Policy\""))
        let style = try #require(html.range(of: "<style"))
        #expect(policy.lowerBound < style.lowerBound)
    }

    @Test func scriptsAreAllowedOnlyWithMath() throws {
        let html = try Fixtures.render(math: Self.math)
        #expect(html.contains("style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;;"))
        #expect(html.contains("window.katex = {render: function () {}};"))
        #expect(html.contains(".katex{}"))
        let plain = try Fixtures.render("No math, $5 and $10.", metadata: PaperMetadata(title: "T"), math: Self.math)
        #expect(!plain.contains("window.katex"))
        #expect(!plain.contains(".katex{}"))
        #expect(!plain.contains("script-src"))
    }

    @Test func everyImageIsADataURI() throws {
        let html = try Fixtures.render(math: Self.math)
        let sources = html.matches(of: #/\ssrc="([^"]*)"/#).map { String($0.output.1) }
        #expect(sources.count == 2)
        #expect(sources.allSatisfy { $0.hasPrefix("data:image/") })
        #expect(sources.first?.hasPrefix("data:image/svg+xml;base64,") == true)
        #expect(!html.contains("../figures/"))
        let urls = html.matches(of: #/url\(\s*['"]?([^'")]*)/#).map { String($0.output.1) }
        #expect(urls.allSatisfy { $0.hasPrefix("data:") })
    }

    @Test func unknownAndRemoteImagesAreErrors() {
        #expect(throws: HTMLPaperError.missingImage("../figures/none.svg")) {
            try Fixtures.render("![x](../figures/none.svg)")
        }
        #expect(throws: HTMLPaperError.missingImage("https://example.com/x.png")) {
            try Fixtures.render("![x](https://example.com/x.png)")
        }
    }

    @Test func invalidTemplateIsAnError() {
        #expect(throws: HTMLPaperError.self) {
            try HTMLPaper.render(
                body: PaperBody([.markdown("x")]), metadata: Fixtures.metadata, images: [:],
                assets: PaperAssets(template: "{{#open}}", stylesheet: ""))
        }
    }

    @Test func stylesheetHasPrintRules() {
        let css = Fixtures.assets.stylesheet
        #expect(css.contains("@media print"))
        #expect(css.contains("@page"))
        #expect(css.contains("break-inside: avoid"))
        #expect(!css.contains("@import"))
    }
}

@Suite struct MathAssetsTests {
    @Test func fontSourcesShrinkToInlinedWoff2() {
        let css = "@font-face{font-family:A;src:url(fonts/A.woff2) format('woff2'),url(fonts/A.woff) format('woff'),"
            + "url(fonts/A.ttf) format('truetype');font-weight:400}.x{color:red}"
        let inlined = MathAssets.inliningFonts(in: css) { path in Data(path.utf8) }
        #expect(inlined == "@font-face{font-family:A;src:url(data:font/woff2;base64,"
            + Data("fonts/A.woff2".utf8).base64EncodedString()
            + ") format('woff2');font-weight:400}.x{color:red}")
    }

    @Test func loadsDebianKaTeX() throws {
        let assets = try MathAssets.load()
        #expect(assets.script.contains("katex"))
        #expect(assets.stylesheet.contains("data:font/woff2;base64,"))
        #expect(!assets.stylesheet.contains("url(fonts/"))
    }

    @Test func missingDirectoryIsAnError() {
        #expect(throws: HTMLPaperError.unreadableMathAsset("/nonexistent/katex.min.css")) {
            try MathAssets.load(fromDirectory: "/nonexistent")
        }
    }
}
