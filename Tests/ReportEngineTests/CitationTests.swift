import ChildProcess
import Foundation
import Testing
@testable import ReportEngine

/// Citations in Pandoc's syntax, formatted by Pandoc's citeproc with the APS style (both Debian
/// packages), and the errors of a key not in the bibliography and of an unreadable `.bib`.
@Suite(.enabled(
    if: ChildProcess.find("pandoc") != nil && FileManager.default.fileExists(atPath: Citeproc.debianStyles),
    "pandoc or the CSL styles are not installed (apt-get install pandoc citation-style-language-styles)"))
struct CitationTests {
    static let bib = """
        @article{kumar2023,
          author = {Kumar, Pranav and Mandal, Taniya and Mondal, Swapnamay},
          title = {Black holes and the loss landscape in machine learning},
          journal = {JHEP}, volume = {10}, pages = {107}, year = {2023}
        }
        @article{jules2023,
          author = {Jules, Theo and Brener, Gal},
          title = {Charting the topography of the neural network landscape with thermal-like noise},
          journal = {arXiv:2304.01335}, year = {2023}
        }
        @book{sokal1997,
          author = {Sokal, Alan D.}, title = {Monte Carlo methods in statistical mechanics},
          publisher = {Springer}, year = {1997}
        }

        """

    static func paper(_ body: String, front: String = "bibliography: refs.bib\n") -> String {
        "---\ntitle: T\n\(front)---\n\n## Introduction\n\n\(body)\n"
    }

    @Test func citationsAreNumberedInOrderAndListed() throws {
        let product = build(
            Self.paper("First [@jules2023], then [see @kumar2023; @jules2023, sec. 3], and @kumar2023 again (me@example.org)."),
            files: ["refs.bib": Self.bib])
        #expect(product.errors.isEmpty, "\(product.errors)")
        let markdown = product.markdown
        // APS: numbered by first citation, numbers sorted within a citation, the uncited work left out.
        #expect(markdown.contains("First \\[[1](#ref-jules2023)\\], then \\[[1](#ref-jules2023),see [2](#ref-kumar2023)\\], and \\[[2](#ref-kumar2023)\\] again (me@example.org)."), "\(markdown)")
        // The reference list is the last section, numbered after the paper's own.
        #expect(markdown.contains("again (me@example.org).\n\n## References\n\n<a id=\"ref-jules2023\"></a>\\[1\\] T. Jules and G. Brener, *Charting"))
        #expect(markdown.hasSuffix("<a id=\"ref-kumar2023\"></a>\\[2\\] P. Kumar, T. Mandal, and S. Mondal, *Black Holes and the Loss Landscape in Machine Learning*, JHEP **10**, 107 (2023).\n"))
        #expect(!markdown.contains("Sokal"))
        let sources = try #require(product.lock?.sources)
        #expect(sources.map(\.role) == ["bibliography", "csl"])
        #expect(sources[0].sha256 == CacheKeys.hex(Data(Self.bib.utf8)))
        #expect(sources[1].path == "american-physics-society")
    }

    @Test func theHTMLPaperLinksCitationsToItsReferenceList() throws {
        let product = build(Self.paper("As [@kumar2023] found."), files: ["refs.bib": Self.bib], formats: [.html], page: try projectPage())
        #expect(product.errors.isEmpty, "\(product.errors)")
        let html = try #require(product.outputs.first { $0.path.hasSuffix(".html") }).contents
        let page = String(decoding: html, as: UTF8.self)
        #expect(page.contains(##"As [<a href="#ref-kumar2023">1</a>] found."##))
        // The reference list follows the paper's one numbered section, unnumbered, in the contents too.
        #expect(page.contains(##"<li class="depth-1"><a href="#sec-references"><span class="section-number"></span>References</a></li>"##))
        #expect(page.contains(#"<h2 id="sec-references">\#nReferences\#n</h2>\#n<div class="references">\#n<p><a id="ref-kumar2023"></a>[1] P. Kumar, T. Mandal, and S. Mondal, <em>Black Holes"#), "\(page)")
    }

    @Test func aStyleByNameFromDebiansCollection() throws {
        let product = build(
            Self.paper("As @kumar2023 found.", front: "bibliography: refs.bib\ncsl: apa\n"), files: ["refs.bib": Self.bib])
        #expect(product.errors.isEmpty, "\(product.errors)")
        #expect(product.markdown.contains("As Kumar et al. ([2023](#ref-kumar2023)) found."), "\(product.markdown)")
        #expect(product.markdown.contains("<a id=\"ref-kumar2023\"></a>Kumar, P., Mandal, T., & Mondal, S. (2023)."))
    }

    @Test func anUnknownKeyIsAnErrorAtTheKeyNamingTheNearestKey() {
        let product = build(Self.paper("See [@jules2023; @kumra2023]."), files: ["refs.bib": Self.bib])
        #expect(product.errors == [
            "reports/test.md:8:19: error: unknown citation key 'kumra2023': not in refs.bib (the nearest key is 'kumar2023')",
        ])
    }

    @Test func anUnreadableBibliographyIsAnErrorAtItsOwnLine() {
        let broken = Self.bib.replacingOccurrences(of: "journal = {JHEP}, volume", with: "journal = {JHEP} volume")
        let product = build(Self.paper("See [@kumar2023]."), files: ["refs.bib": broken])
        #expect(product.errors.count == 1)
        #expect(product.errors.first?.hasPrefix("reports/refs.bib:4:") == true, "\(product.errors)")
        #expect(product.errors.first?.contains("error: bad BibTeX") == true)
    }
}

/// What is refused before Pandoc runs: a citation without a bibliography, a missing or dependent
/// style, a missing bibliography; and what is not a citation at all.
@Suite struct CitationInputTests {
    @Test func withoutABibliographyABracketedCitationIsAnErrorAndABareAtIsText() {
        let product = build(CitationTests.paper("Write to @home or see [@kumar2023].", front: ""))
        #expect(product.errors == [
            "reports/test.md:7:23: error: '[@kumar2023]' cites a work, but the front matter names no bibliography (bibliography: refs.bib)",
        ])
        #expect(build(CitationTests.paper("Write to @home.", front: "")).markdown.contains("Write to @home."))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Citeproc.debianStyles), "citation-style-language-styles is not installed"))
    func aMissingStyleAndAMissingBibliographyAreErrorsAtTheirKeys() {
        let missingStyle = build(CitationTests.paper("[@kumar2023]", front: "bibliography: refs.bib\ncsl: americn-physics-society\n"), files: ["refs.bib": CitationTests.bib])
        #expect(missingStyle.errors == [
            "reports/test.md:4:6: error: no CSL style 'americn-physics-society' in /usr/share/citation-style-language/styles (did you mean 'american-physics-society'?)",
        ])
        let missingBib = build(CitationTests.paper("[@kumar2023]", front: "bibliography: nowhere.bib\n"))
        #expect(missingBib.errors.count == 1 && missingBib.errors[0].hasPrefix("reports/test.md:3:15: error: cannot read 'nowhere.bib'"), "\(missingBib.errors)")
    }

    /// A dependent style names its parent by URL; Pandoc would download it, so it is refused.
    @Test func aDependentStyleIsRefused() {
        let dependent = #"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>"#
        let product = build(
            CitationTests.paper("[@kumar2023]", front: "bibliography: refs.bib\ncsl: styles/journal.csl\n"),
            files: ["refs.bib": CitationTests.bib, "styles/journal.csl": dependent])
        #expect(product.errors == [
            "reports/test.md:4:6: error: 'styles/journal.csl' is a dependent CSL style (it names a parent style to download); name its parent, an independent style",
        ])
    }

    @Test func citationSyntaxLeavesLinksEmailsAndCrossReferencesAlone() {
        let source = "[a link](https://x.org), me@example.org, [@fig-x] and [-@kumar2023].\n[@ref]: https://x.org\nAs [@b]: this."
        let (template, _) = TemplateParser.parse(source, file: "t.md")
        guard case .prose(let prose)? = template.blocks.first else { Issue.record("no prose"); return }
        let citations = prose.segments.compactMap { segment -> Citation? in
            if case .citation(let c) = segment { return c }
            return nil
        }
        // A citation before a colon is one, unless it starts a link reference definition.
        #expect(citations.map(\.source) == ["[-@kumar2023]", "[@b]"])
        #expect(citations.first?.keys.map(\.location.description) == ["t.md:1:58"])
        #expect(prose.segments.contains { if case .reference(let r) = $0 { return r.label == "fig-x" } else { return false } })
    }
}
