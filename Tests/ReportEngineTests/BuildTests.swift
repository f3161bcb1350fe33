import BigInt
import Foundation
import Testing
@testable import ReportEngine

/// End-to-end builds of small templates, checking the Markdown paper's text.
@Suite struct BuildTests {
    private let paper = """
        ---
        title: Counting minima
        authors: [A. Researcher]
        seed: 1
        params:
          charge: 4
        ---
        ## Counts {#sec-counts}

        ```{bps-index #index}
        max-charge: $charge
        ```

        At N = {{ params.charge }} there are {{ index.minima[params.charge] | thousands }} minima
        (@tbl-counts, @sec-counts); c(-1) = {{ index.c[-1] }}.

        ```{table #tbl-counts}
        show: index.table
        columns: [N, "c(Δ)"]
        caption: Exact counts up to N = {{ params.charge }}.
        formats: {"c(Δ)": thousands}
        ```

        ```python
        print("{{ untouched }}")
        ```

        ```{check}
        index.minima[2] == 56
        ```
        """

    @Test func fillsNumbersTablesAndReferences() throws {
        let product = build(paper)
        #expect(product.errors.isEmpty)
        #expect(product.markdown == """
            # Counting minima

            A. Researcher

            ## Counts {#sec-counts}

            At N = 4 there are 684 minima
            ([Table 1](#tbl-counts), [Section 1](#sec-counts)); c(-1) = 1.

            <a id="tbl-counts"></a>

            *Table 1: Exact counts up to N = 4.*

            | N | c(Δ) |
            |---:|---:|
            | 1 | -12 |
            | 2 | -56 |
            | 3 | -208 |
            | 4 | -684 |

            ```python
            print("{{ untouched }}")
            ```

            - `index.minima[2] == 56`: 56 = 56

            """)
        #expect(product.lock?.values.map(\.text) == ["4", "684", "1", "4"])
        // Every printed table cell is in the lock, as printed and as computed.
        let table = try #require(product.lock?.tables.first)
        #expect(table.name == "Table 1 (tbl-counts)" && table.columns == ["N", "c(Δ)"])
        #expect(table.rows.map { $0.map(\.text) } == [["1", "-12"], ["2", "-56"], ["3", "-208"], ["4", "-684"]])
        #expect(table.rows[3][1].value == .int(-684))
        #expect(product.lock?.checks == [CheckOutcome(
            at: "reports/test.md:29:1", claim: "index.minima[2] == 56", holds: true,
            compared: [ComparedTerm(expression: "(index.minima[2] == 56)", values: [.int(56), .int(56)], text: "56 = 56")])])
        #expect(product.outputs.map(\.path) == ["build/test.md", "build/test.lock.json"])
    }

    @Test func htmlPaperIsWrittenFromTheSameBody() throws {
        let product = build(paper.replacingOccurrences(of: "At N = ", with: "Who: {{ params.who }}. At N = ")
            .replacingOccurrences(of: "  charge: 4", with: "  charge: 4\n  who: \"<script>alert(1)</script>\""),
            formats: [.html, .md], page: try projectPage())
        #expect(product.errors.isEmpty)
        #expect(product.outputs.map(\.path) == ["build/test.html", "build/test.md", "build/test.lock.json"])
        let html = String(decoding: product.outputs[0].contents, as: UTF8.self)
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("<h2 id=\"sec-counts\"><span class=\"section-number\">1</span>"))
        #expect(html.contains("<a href=\"#tbl-counts\">Table 1</a>"))
        #expect(html.contains("<a href=\"#sec-counts\">Section 1</a>"))
    }

    @Test func tableLabelsRenameShownColumnsAndAreChecked() {
        let labelled = paper.replacingOccurrences(of: "formats: {\"c(Δ)\": thousands}",
                                                 with: "formats: {\"c(Δ)\": thousands}\nlabels: {N: charge N, \"c(Δ)\": coefficient}")
        let product = build(labelled)
        #expect(product.errors.isEmpty, "\(product.errors)")
        #expect(product.markdown.contains("| charge N | coefficient |"))
        #expect(!product.markdown.contains("| N | c(Δ) |"))
        let wrong = build(paper.replacingOccurrences(of: "formats: {\"c(Δ)\": thousands}", with: "labels: {M: m}"))
        #expect(wrong.errors.first?.contains("label given for 'M', which is not a shown column (did you mean 'N'?)") == true)
    }

    @Test func dateTodayIsTheSourceDateAndKeywordsReachBothPapers() throws {
        var request = BuildRequest(source: paper.replacingOccurrences(of: "seed: 1", with: "seed: 1\ndate: today\nkeywords: [minima, dualities]"),
                                   templatePath: "reports/test.md")
        request.formats = [.html, .md]
        request.page = try projectPage()
        // 1 700 000 000 s after 1970 is 14 November 2023, 22:13 UTC.
        request.buildDate = try #require(BuildRequest.sourceDate(["SOURCE_DATE_EPOCH": "1700000000"]))
        let product = ReportBuild.run(request, loadFile: { _ in throw CocoaError(.fileNoSuchFile) }, cache: nil)
        #expect(product.errors.isEmpty)
        let html = String(decoding: product.outputs[0].contents, as: UTF8.self)
        #expect(html.contains(#"<p class="date">14 November 2023</p>"#))
        #expect(html.contains("Keywords:</span> minima, dualities"))
        #expect(product.markdown.contains("**Keywords:** minima, dualities"))
        #expect(ReportBuild.printedDate(try #require(BuildRequest.sourceDate(["SOURCE_DATE_EPOCH": "0"]))) == "1 January 1970")
        #expect(BuildRequest.sourceDate([:]) == nil && BuildRequest.sourceDate(["SOURCE_DATE_EPOCH": "soon"]) == nil)
    }

    @Test func sectionNumbersMatchTheHTMLWritersScheme() {
        let product = build("""
            ---
            title: T
            ---
            # T

            ## Intro {#sec-intro}

            ### Detail {#sec-detail}

            ## Aside {- #sec-aside}

            ## Method {#sec-method}

            See @sec-intro, @sec-detail, @sec-aside and @sec-method.
            """)
        #expect(product.errors.isEmpty)
        #expect(product.markdown.contains("See [Section 1](#sec-intro), [Section 1.1](#sec-detail), [Section](#sec-aside) and [Section 2](#sec-method)."))
    }

    @Test func figuresAreDrawnNumberedAndInlined() throws {
        let source = """
            ```{data #obs file=obs.csv}
            ```
            ```{bps-index #index max-charge=3}
            ```
            As @fig-loss and @fig-growth show.

            ```{figure #fig-loss}
            show: obs.columns.loss
            kind: histogram
            bins: 4
            x-label: Loss
            caption: Losses of {{ obs.rows }} runs.
            ```

            ```{figure #fig-growth}
            show: index.figure
            width: 5
            ```
            """
        let product = build(source, files: ["obs.csv": "loss\n0.1\n0.2\n0.2\n0.4\n"], formats: [.html, .md], page: try projectPage())
        #expect(product.errors.isEmpty)
        #expect(product.outputs.map(\.path) == [
            "figures/test/fig-loss.svg", "figures/test/fig-loss.png", "figures/test/fig-loss.pdf",
            "figures/test/fig-growth.svg", "figures/test/fig-growth.png", "figures/test/fig-growth.pdf",
            "build/test.html", "build/test.md", "build/test.lock.json",
        ])
        #expect(product.markdown.contains("As [Figure 1](#fig-loss) and [Figure 2](#fig-growth) show."))
        #expect(product.markdown.contains("<a id=\"fig-loss\"></a>\n\n![Figure 1](../figures/test/fig-loss.png)\n\n*Figure 1: Losses of 4 runs.*"))
        guard case .drawn(let resized)? = product.document?.figures[1].artwork else { Issue.record("not a drawn figure"); return }
        #expect(resized.width == 5)
        let png = product.outputs[1].contents
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let html = String(decoding: product.outputs[6].contents, as: UTF8.self)
        #expect(html.components(separatedBy: "data:image/svg+xml;base64,").count == 3)
        #expect(!html.contains("../figures/"))
        // The same build again gives the same bytes.
        let again = build(source, files: ["obs.csv": "loss\n0.1\n0.2\n0.2\n0.4\n"], formats: [.html, .md], page: try projectPage())
        #expect(again.outputs.map(\.contents) == product.outputs.map(\.contents))
    }

    @Test func anOverlayIsDrawnOverAFigureResultsFirstPanel() throws {
        let product = build("""
            ```{bps-minima #a n=1 runs=30 completion=none}
            ```
            ```{bps-minima #b n=1 runs=20 optimizer=adam completion=none}
            ```
            ```{figure #fig-both}
            show: a.discovery_figure
            overlay: b.discovery
            overlay-label: Adam
            ```
            """)
        #expect(product.errors.isEmpty)
        guard case .drawn(let figure)? = product.document?.figures.first?.artwork else { Issue.record("not a drawn figure"); return }
        let layers = figure.panels[0].layers
        #expect(layers.count == 3)
        guard case .series(let overlay) = layers[2] else { Issue.record("the overlay is not a series"); return }
        #expect(overlay.label == "Adam")
        #expect(overlay.x == (1...20).map(Double.init))
        #expect(layers.first.map { if case .series(let s) = $0 { s.label == "Levenberg–Marquardt" } else { false } } == true)
        let misplaced = build("""
            ```{bps-minima #a n=1 runs=30 completion=none}
            ```
            ```{figure #fig-bad}
            show: a.steps
            overlay: a.discovery
            ```
            """)
        #expect(misplaced.errors == ["reports/test.md:3:4: error: 'overlay' draws over a figure result; this is a list"])
    }

    @Test func figureErrorsPointAtTheDirective() {
        let product = build("""
            ```{bps-index #index max-charge=2}
            ```
            ```{figure #fig-a}
            show: index.table
            ```
            ```{figure #fig-b}
            show: index.figure
            kind: histogram
            ```
            """)
        #expect(product.errors == [
            "reports/test.md:3:4: error: cannot draw a table as a figure",
            "reports/test.md:6:4: error: the result is already a figure; leave out 'kind'",
        ])
    }

    @Test func parameterOverrideChangesTheNumbers() {
        let product = build(paper, overrides: [("charge", "5")])
        #expect(product.markdown.contains("At N = 5 there are 2,032 minima"))
    }

    @Test func failedCheckNamesBothSides() {
        let product = build("""
            ```{bps-index #index max-charge=2}
            ```
            ```{check}
            index.methods_agree and index.minima[2] == 57
            ```
            """)
        #expect(product.errors == [
            "reports/test.md:4:1: error: check failed: index.methods_agree and index.minima[2] == 57 (index.minima[2] = 56, 57 = 57)",
        ])
        #expect(product.outputs.isEmpty)
    }

    @Test func insertedTextIsNeverMarkup() {
        let product = build("""
            ---
            params:
              who: "<script>alert(1)</script> *bold* [link](x)"
            ---
            Hello {{ params.who }}.
            """)
        #expect(product.markdown.contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[link\\](x)."))
    }

    @Test func verifyCatchesAMovedValue() throws {
        let product = build(paper)
        var lock = try #require(product.lock)
        #expect(Verification.compare(locked: lock, rebuilt: lock, tolerance: 1e-9).isEmpty)
        lock.values[1].value = .int(683)
        let drifts = Verification.compare(locked: lock, rebuilt: try #require(build(paper).lock), tolerance: 1e-9)
        #expect(drifts.map(\.description) == ["reports/test.md:14:38: error: 'index.minima[params.charge] | thousands' moved: locked 683, rebuilt 684"])
        #expect(Verification.agree(.real(1.0), .real(1.0 + 1e-12), tolerance: 1e-9))
        #expect(!Verification.agree(.real(1.0), .real(1.0 + 1e-6), tolerance: 1e-9))
    }

    /// An exact count near 10^54 that moved in its last digit is a drift, whatever the tolerance:
    /// a relative tolerance would let it move by 10^45.
    @Test func verifyComparesIntegersExactly() throws {
        let large = BigInt("123456789012345678901234567890123456789012345678901234")
        #expect(Verification.agree(.integer(large), .integer(large), tolerance: 1e-9))
        #expect(!Verification.agree(.integer(large), .integer(large + 1), tolerance: 1e-9))
        #expect(!Verification.agree(.list([.integer(large)]), .list([.integer(large - 1)]), tolerance: 0.5))
    }

    @Test func lockFileRoundTripsAndRecordsOverrides() throws {
        let product = build(paper, overrides: [("charge", "3")])
        let lock = try #require(product.lock)
        #expect(try LockFile.decode(try lock.encoded()) == lock)
        #expect(lock.overrides.map { "\($0.0)=\($0.1)" } == ["charge=3"])
        #expect(lock.directives.map(\.label) == ["index"])
    }

    @Test func dataFilesBecomeTables() {
        let product = build("""
            ```{data #runs file=runs.csv}
            ```
            ```{stats #s of=runs.columns.steps}
            ```
            {{ runs.rows }} runs, {{ runs.sum.steps }} steps, mean {{ s.mean | fixed:1 }}, sd {{ s.sd | fixed:3 }}, median {{ s.median }}.
            """, files: ["runs.csv": "run,steps,optimizer\n1,100,adam\n2,250,\"momentum, reset\"\n3,400,newton\n"])
        #expect(product.errors.isEmpty)
        #expect(product.markdown.contains("3 runs, 750 steps, mean 250.0, sd 150.000, median 250."))
    }
}
