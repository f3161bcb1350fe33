import Testing
@testable import PaperHTML

@Suite struct EscapingTests {
    @Test func escapedMarkupStaysText() throws {
        let html = try Fixtures.body("A string \\<script\\>alert(1)\\</script\\> and `<script>alert(2)</script>`.")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<code>&lt;script&gt;alert(2)&lt;/script&gt;</code>"))
        #expect(!html.contains("<script"))
    }

    @Test func rawHTMLIsDropped() throws {
        let html = try Fixtures.body("""
            <script>alert(1)</script>

            Inline <img src=x onerror=alert(2)> and <a id="x" onclick="alert(3)"></a> tags.

            <iframe src="https://example.com"></iframe>
            """)
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("<iframe"))
    }

    @Test func dangerousLinksAreEmptied() throws {
        let html = try Fixtures.body("[click](javascript:alert(1))")
        #expect(html.contains(#"<a href="">click</a>"#))
    }

    @Test func metadataIsEscaped() throws {
        let metadata = PaperMetadata(
            title: "<script>alert(1)</script> & co", authors: ["Eve <eve@example.com>"],
            abstract: "<b>bold</b> claim")
        let html = try Fixtures.render("Body.", metadata: metadata)
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>"))
        #expect(html.contains("Eve &lt;eve@example.com&gt;"))
        #expect(!html.contains("<b>bold</b>"))
        #expect(!html.contains("<script"))
    }

    @Test func htmlEscaping() {
        #expect(#"<a href="x">'&'</a>"#.htmlEscaped == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
