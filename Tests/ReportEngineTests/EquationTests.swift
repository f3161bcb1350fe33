import Foundation
import Testing
@testable import ReportEngine

/// Numbered display equations: `$$ ... $$ {#eq-x}` numbered in order by `Numbering`, `@eq-x`
/// written "Eq. (n)" and linked, `\tag{n}` in both papers.
@Suite struct EquationTests {
    static let source = """
        ---
        title: T
        ---

        The loss is
        $$
        L(\\theta) = \\sum_i \\ell_i(\\theta)
        $$ {#eq-loss}
        and its Hessian $$H = \\nabla^2 L$$ {#eq-hessian} is positive at a minimum of @eq-loss.
        Unlabelled $$x = 1$$ stays unnumbered; @eq-hessian follows from @eq-loss.

        """

    @Test func equationsAreNumberedTaggedAndReferenced() {
        let product = build(Self.source)
        #expect(product.errors.isEmpty, "\(product.errors)")
        let markdown = product.markdown
        #expect(markdown.contains("<a id=\"eq-loss\"></a>$$\nL(\\theta) = \\sum_i \\ell_i(\\theta) \\tag{1}\n$$\nand its Hessian <a id=\"eq-hessian\"></a>$$H = \\nabla^2 L \\tag{2}$$ is positive at a minimum of [Eq. (1)](#eq-loss)."), "\(markdown)")
        #expect(markdown.contains("Unlabelled $$x = 1$$ stays unnumbered; [Eq. (2)](#eq-hessian) follows from [Eq. (1)](#eq-loss)."))
        #expect(!markdown.contains("{#eq-"))
    }

    @Test func theHTMLPaperTagsTheEquationForKaTeXAndKeepsItsAnchor() throws {
        let product = build(Self.source, formats: [.html], page: try projectPage())
        let page = String(decoding: try #require(product.outputs.first { $0.path.hasSuffix(".html") }).contents, as: UTF8.self)
        #expect(page.contains(#"<a id="eq-hessian"></a><span class="math display">H = \nabla^2 L \tag{2}</span>"#), "\(page)")
        #expect(page.contains(##"<a href="#eq-loss">Eq. (1)</a>"##))
    }

    @Test func unknownDuplicateAndMisplacedEquationLabelsAreErrors() {
        #expect(problems("See @eq-loss.\n") == ["t.md:1:5: error: unknown cross-reference '@eq-loss'"])
        #expect(problems("$$a$$ {#eq-a}\n\n$$b$$ {#eq-a}\n") == ["t.md:3:7: error: duplicate label 'eq-a' (first at t.md:1:7)"])
        #expect(problems("Text {#eq-a}\n") == ["t.md:1:6: error: '{#eq-a}' must follow the closing '$$' of a display equation on the same line"])
    }
}
