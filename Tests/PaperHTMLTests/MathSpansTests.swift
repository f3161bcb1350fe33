import Testing
@testable import PaperHTML

@Suite struct MathSpansTests {
    @Test func inlineMathIsCutOutBeforeCmark() {
        let math = MathSpans(protecting: "a $x_1 * y_2$ b $$\\sum_i x_i$$ c")
        #expect(math.spans == [.init(tex: "x_1 * y_2", display: false), .init(tex: "\\sum_i x_i", display: true)])
        #expect(math.markdown == "a \(MathSpans.placeholder(0)) b \(MathSpans.placeholder(1)) c")
    }

    @Test func mathIsNotEmphasis() throws {
        let html = try Fixtures.body("Take $x_1 * y_2$ and $a * b$ here.")
        #expect(html.contains(#"<span class="math inline">x_1 * y_2</span>"#))
        #expect(html.contains(#"<span class="math inline">a * b</span>"#))
        #expect(!html.contains("<em>"))
    }

    @Test func displayMathMaySpanLines() throws {
        let html = try Fixtures.body("Before\n\n$$\nc(\\Delta) = \\oint \\frac{d\\tau}{\\eta^{24}}\n$$\n\nAfter")
        #expect(html.contains("<span class=\"math display\">\nc(\\Delta) = \\oint \\frac{d\\tau}{\\eta^{24}}\n</span>"))
    }

    @Test func mathIsEscapedWhenRestored() throws {
        let html = try Fixtures.body("If $a<b$ and $c>d \\& e$ then.")
        #expect(html.contains(#"<span class="math inline">a&lt;b</span>"#))
        #expect(html.contains(#"<span class="math inline">c&gt;d \&amp; e</span>"#))
    }

    @Test func dollarsInCodeStayLiteral() throws {
        let html = try Fixtures.body("""
            Run `echo $HOME $PATH` or ``a `$x$` b`` now.

            ```sh
            price="$5"  # $not math$
            ```

            ~~~
            $$ also not math $$
            ~~~
            """)
        #expect(html.contains("<code>echo $HOME $PATH</code>"))
        #expect(html.contains("<code>a `$x$` b</code>"))
        #expect(html.contains("price=&quot;$5&quot;  # $not math$"))
        #expect(html.contains("$$ also not math $$"))
        #expect(!html.contains("class=\"math"))
    }

    @Test func dollarsInIndentedCodeStayLiteral() throws {
        let html = try Fixtures.body("Prose.\n\n    indented $x$ and $$y$$\n\nMore.")
        #expect(html.contains("<pre><code>indented $x$ and $$y$$\n</code></pre>"))
        #expect(!html.contains("class=\"math"))
        #expect(try !RenderedMarkdown.blocks("    $x$", images: [:]).hasMath)
    }

    @Test func escapedAndMonetaryDollarsStayLiteral() throws {
        let html = try Fixtures.body("It costs \\$5 or \\$10; also $5 and $10; a $ b $ c.")
        #expect(html.contains("It costs $5 or $10; also $5 and $10; a $ b $ c."))
        #expect(!html.contains("class=\"math"))
    }

    @Test func mathDoesNotCrossParagraphs() {
        #expect(MathSpans(protecting: "a $b\n\nc$ d").spans.isEmpty)
        #expect(MathSpans(protecting: "a $$b\n\nc$$ d").spans.isEmpty)
    }

    @Test func escapedDollarInsideMathIsPartOfIt() {
        #expect(MathSpans(protecting: "$a \\$ b$").spans == [.init(tex: "a \\$ b", display: false)])
    }

    @Test func barsInMathDoNotSplitTableCells() throws {
        let html = try Fixtures.body("| norm | value |\n| --- | --- |\n| $|x|$ | 1 |")
        #expect(html.contains(#"<td><span class="math inline">|x|</span></td>"#))
        #expect(html.contains("<td>1</td>"))
    }

    @Test func imageAltKeepsTheMathSource() throws {
        let html = try Fixtures.body("![the map $f$](f.png)", images: ["f.png": Fixtures.basinsPNG])
        #expect(html.contains(#"alt="the map $f$""#))
    }
}
