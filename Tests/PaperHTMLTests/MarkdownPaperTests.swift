import Testing
@testable import PaperHTML

/// The Markdown paper is written from the same body as the HTML paper.
@Suite struct MarkdownPaperTests {
    @Test func blocksAreSeparatedByOneBlankLine() {
        let body = PaperBody([
            .heading(PaperHeading(level: 2, depth: 1, number: "1", id: "sec-a", text: "Counts", attributes: "{#sec-a}")),
            .markdown("Text with [Figure 1](#fig-a)."),
            .figure(PaperFigure(id: "fig-a", number: 1, caption: "Growth.", image: "../figures/p/fig-a.png")),
            .table(PaperTable(
                id: "tbl-a", number: 1, caption: "", columns: ["N", "name"], alignments: [.right, .left],
                rows: [["1", "one"]])),
            .table(PaperTable(id: nil, number: 2, caption: "Bare.", columns: ["x"], alignments: [.right], rows: [])),
        ])
        #expect(body.markdown == """
            ## Counts {#sec-a}

            Text with [Figure 1](#fig-a).

            <a id="fig-a"></a>

            ![Figure 1](../figures/p/fig-a.png)

            *Figure 1: Growth.*

            <a id="tbl-a"></a>

            *Table 1.*

            | N | name |
            |---:|:---|
            | 1 | one |

            *Table 2: Bare.*

            | x |
            |---:|
            """)
    }
}
