import Foundation
import PaperHTML
import Testing
@testable import report

/// The page `report watch` serves, from a paper rendered with this project's page template: the
/// policy is widened for the reload script and nothing more, the banner and script land in the
/// body, and error text stays text.
@Suite struct PreviewPageTests {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func paper(_ markdown: String) throws -> String {
        let page = URL(fileURLWithPath: "templates/paper.mustache", relativeTo: Self.repository)
        let assets = PaperAssets(
            template: try String(contentsOf: page, encoding: .utf8),
            stylesheet: try String(contentsOf: page.deletingPathExtension().appendingPathExtension("css"), encoding: .utf8),
            math: MathAssets(script: "/* katex */", stylesheet: ""))
        return try HTMLPaper.render(body: PaperBody([.markdown(markdown)]), metadata: PaperMetadata(title: "T"), images: [:], assets: assets)
    }

    @Test func widensThePolicyForTheReloadScriptOnly() {
        let paper = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
        #expect(PreviewPage.widened(paper) == paper + "; script-src 'unsafe-inline'; connect-src 'self'")
        #expect(PreviewPage.widened("default-src 'none'; script-src 'none'; connect-src https://example.org")
            == "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
    }

    @Test func servedCopyCarriesScriptAndPolicyOfThePreview() throws {
        for markdown in ["Plain prose.", "Math: $x^2$."] {
            let written = try paper(markdown)
            let served = PreviewPage.html(paper: written, errors: [], build: "b-1")
            let policy = try #require(policyRange(in: served))
            let directives = served[policy].replacingOccurrences(of: "&#39;", with: "'").components(separatedBy: "; ")
            #expect(directives.contains("connect-src 'self'") && directives.contains("script-src 'unsafe-inline'"), "\(directives)")
            #expect(directives.contains("default-src 'none'") && directives.contains("img-src data:"))
            #expect(served.contains("new EventSource(\"/__events?since=b-1\")"))
            #expect(!served.contains(PreviewPage.bannerID))
            // Only the policy and the script differ from the paper written to disk.
            let script = try #require(served.range(of: "<script>\n(function () {\n  var key = \"report-watch-scroll\""))
            let scriptEnd = try #require(served[script.upperBound...].range(of: "</script>\n"))
            var rest = served
            rest.removeSubrange(script.lowerBound..<scriptEnd.upperBound)
            rest.removeSubrange(try #require(policyRange(in: rest)))
            var disk = written
            disk.removeSubrange(try #require(policyRange(in: disk)))
            #expect(rest == disk)
        }
    }

    /// The value of the page's Content-Security-Policy meta.
    private func policyRange(in page: String) -> Range<String.Index>? {
        guard let start = page.range(of: "http-equiv=\"Content-Security-Policy\" content=\""),
              let end = page[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return start.upperBound..<end
    }

    @Test func errorsShowAboveTheLastGoodPaperAsText() throws {
        let served = PreviewPage.html(paper: try paper("The paper."), errors: ["reports/x.md:3:1: error: <b>bold</b> & more"], build: "b-2")
        let body = try #require(served.range(of: "<body"))
        let banner = try #require(served.range(of: "<div id=\"\(PreviewPage.bannerID)\""))
        let prose = try #require(served.range(of: "<p>The paper.</p>"))
        #expect(body.upperBound < banner.lowerBound && banner.upperBound < prose.lowerBound)
        #expect(served.contains("reports/x.md:3:1: error: &lt;b&gt;bold&lt;/b&gt; &amp; more"))
        #expect(served.contains("The last build failed; below is the last good paper, stale against the source until a build succeeds."))

        let first = PreviewPage.html(paper: nil, errors: ["reports/x.md:1:1: error: e"], build: "b-1")
        #expect(first.contains("The build failed.") && first.contains("No paper has been built yet."))
        #expect(first.contains("EventSource"))
    }
}
