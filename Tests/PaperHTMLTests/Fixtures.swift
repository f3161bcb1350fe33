import Foundation
@testable import PaperHTML

/// A small paper exercising every feature of the HTML writer, and helpers to render it.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let assets = PaperAssets(
        template: read("templates/paper.mustache"), stylesheet: read("templates/paper.css"))

    static func read(_ path: String) -> String {
        (try? String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    static let metadata = PaperMetadata(
        title: "Black holes and the loss landscape",
        authors: ["A. Researcher", "B. Theorist"],
        abstract: "We count the minima of a loss $L(\\theta)$ exactly and by descent.",
        date: "23 November 2026")

    static let discoverySVG = ImageAsset(data: Data("""
        <svg xmlns="http://www.w3.org/2000/svg" width="480" height="240" viewBox="0 0 480 240">\
        <rect width="480" height="240" fill="#fff" stroke="#000"/>\
        <polyline points="20,220 100,120 200,70 300,50 460,40" fill="none" stroke="#0072b2" stroke-width="3"/>\
        <line x1="20" y1="40" x2="460" y2="40" stroke="#d55e00" stroke-dasharray="8 6" stroke-width="2"/>\
        </svg>
        """.utf8), mimeType: "image/svg+xml")

    /// A 96x48 PNG of four coloured blocks.
    static let basinsPNG = ImageAsset(data: Data(base64Encoded: """
        iVBORw0KGgoAAAANSUhEUgAAAGAAAAAwCAIAAABhdOiYAAAAcUlEQVR42u3RMRGAQBRDwWiG6sxASY8OdJwOTKT6szPPQDbJ8VbadyrlOit966kUQIAAAQIECBAgQIAAAQIECBAgQIAAAQIECBAgQCOAxg4rHQ8IECBAgAABAgQIECBAgAABAgQIECBAgAABAgRoBNAPweBseFySuZQAAAAASUVORK5CYII=
        """)!, mimeType: "image/png")

    static let images = [
        "../figures/bps/fig-discovery.svg": discoverySVG,
        "../figures/bps/fig-basins.png": basinsPNG,
    ]

    /// A paper body as the engine hands it over: numbered headings, a figure, a table, and
    /// Markdown between them (math, footnotes, code).
    static let paper = PaperBody([
        .heading(PaperHeading(level: 2, depth: 1, number: "1", id: "sec-intro", text: "Introduction")),
        .markdown("""
            The BPS loss $L(z) = \\sum_i |F_i(z)|^2$ has $x_1 * y_2$ and *emphasis* and a price of \\$5.
            As [Figure 1](#fig-discovery) shows, descent finds every minimum; see [Section 2](#sec-method)
            and the footnote.[^count] Code keeps dollars: `cost $a$ here`.

            $$
            c(\\Delta) = \\oint \\frac{d\\tau}{\\eta(\\tau)^{24}}
            $$
            """),
        .heading(PaperHeading(level: 2, depth: 1, number: "2", id: "sec-method", text: "Method")),
        .heading(PaperHeading(level: 3, depth: 2, number: "2.1", id: nil, text: "Descent")),
        .markdown("We ran 2000 descents."),
        .figure(PaperFigure(
            id: "fig-discovery", number: 1,
            caption: "Distinct minima found against the number of descents; dashed, the exact count.",
            image: "../figures/bps/fig-discovery.svg")),
        .table(PaperTable(
            id: "tbl-index", number: 1, caption: "Helicity-trace index for the first charges.",
            columns: ["$\\Delta$", "$c(\\Delta)$"], alignments: [.right, .right], rows: [["1", "1"], ["2", "324"]])),
        .heading(PaperHeading(level: 3, depth: 2, number: nil, id: nil, text: "Basins")),
        .figure(PaperFigure(id: "fig-basins", number: 2, caption: "Basin sizes.", image: "../figures/bps/fig-basins.png")),
        .heading(PaperHeading(level: 2, depth: 1, number: "3", id: nil, text: "Results")),
        .markdown("""
            See [Table 1](#tbl-index) and [Figure 2](#fig-basins).

            ```python
            price = "$5"  # $not math$
            ```

            [^count]: Counting with multiplicity.
            """),
    ])

    static func render(
        _ body: PaperBody = paper, metadata: PaperMetadata = metadata,
        images: [String: ImageAsset] = images, math: MathAssets? = nil
    ) throws -> String {
        var assets = assets
        assets.math = math
        return try HTMLPaper.render(body: body, metadata: metadata, images: images, assets: assets)
    }

    /// A page whose body is one block of Markdown.
    static func render(
        _ markdown: String, metadata: PaperMetadata = metadata,
        images: [String: ImageAsset] = images, math: MathAssets? = nil
    ) throws -> String {
        try render(PaperBody([.markdown(markdown)]), metadata: metadata, images: images, math: math)
    }

    /// The HTML of a body alone, rendered by the writer's Markdown stage.
    static func body(_ blocks: [PaperBlock], images: [String: ImageAsset] = [:]) throws -> String {
        try RenderedMarkdown.body(PaperBody(blocks), images: images).html
    }

    /// The HTML of one block of Markdown.
    static func body(_ markdown: String, images: [String: ImageAsset] = [:]) throws -> String {
        try body([.markdown(markdown)], images: images)
    }
}
