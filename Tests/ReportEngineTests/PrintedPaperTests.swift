import ChildProcess
import Foundation
import Testing
@testable import report

extension CommandLineTests {
    /// `formats: [html, pdf]` in the front matter prints the HTML paper with headless Chromium: a
    /// PDF of the front matter's page size, with the times Chromium stamps pinned, so that two
    /// builds give the same bytes; `--format` on the command line overrides the front matter.
    @Test(.enabled(if: HeadlessChromium.installed != nil, "headless Chromium is not installed (apt-get install chromium)"))
    func frontMatterFormatsPrintThePDFPaper() throws {
        let template = "---\ntitle: Printed\npaper: letter\nformats: [html, pdf]\n---\n```{bps-index #index max-charge=2}\n```\n\n$$L = \\sum_i F_i^2$$\n\nN = 2: {{ index.minima[2] }} minima.\n\n```{figure #fig-c}\nshow: index.figure\ncaption: The index.\n```\n"
        let directory = try workspace(template)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try run(["build", "reports/p.md"], in: directory)
        #expect(first.termination == .exited(0), "\(first.stderr)")
        #expect(first.stderr.contains("wrote build/p.html, build/p.pdf"), "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("build/p.md").path))
        let pdfURL = directory.appendingPathComponent("build/p.pdf")
        let pdf = try Data(contentsOf: pdfURL)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(text.contains("/CreationDate (D:19700101000000+00'00')") && text.contains("/ModDate (D:19700101000000+00'00')"))
        #expect(text.contains("/MediaBox [0 0 612 792]"), "not US letter")
        #expect(text.contains("/Title (Printed)"))

        sleep(1)
        let second = try run(["build", "reports/p.md", "--no-cache"], in: directory)
        #expect(second.termination == .exited(0), "\(second.stderr)")
        #expect(try Data(contentsOf: pdfURL) == pdf, "two prints of one paper differ")

        let markdownOnly = try run(["build", "reports/p.md", "--format", "md", "--out", "md-only"], in: directory)
        #expect(markdownOnly.termination == .exited(0), "\(markdownOnly.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("md-only/p.pdf").path))
    }

    /// The dates are rewritten in place, zone and all, and nothing else moves.
    @Test func pinnedDatesKeepEveryOffset() {
        let printed = Data("%PDF-1.4\n1 0 obj\n<</CreationDate (D:20261207050124-05'00')\n/ModDate (D:20261207050124+00'00')>>\nendobj\n".utf8)
        let pinned = PrintedPaper.pinnedDates(printed, epoch: 86_400)
        #expect(pinned.count == printed.count)
        #expect(String(decoding: pinned, as: UTF8.self) == "%PDF-1.4\n1 0 obj\n<</CreationDate (D:19700102000000+00'00')\n/ModDate (D:19700102000000+00'00')>>\nendobj\n")
    }
}

extension CommandLineTests {
    /// `--format tex` writes the arXiv source, a directory and its tarball (the same bytes from two
    /// builds), which pdflatex compiles offline in an empty directory: math, a figure as PDF, a
    /// table, Greek letters and superscripts from the prose, and the paper's numbers in it.
    @Test(.enabled(if: ChildProcess.find("pandoc") != nil && ChildProcess.find("pdflatex") != nil,
                   "pandoc or pdflatex is not installed (apt-get install pandoc texlive-latex-recommended lmodern)"))
    func arxivSourceCompilesWithPdflatex() throws {
        let template = """
            ---
            title: Minima, θ and c(Δ)
            authors: [A. Researcher, B. Researcher]
            abstract: The count is exact at 10⁻⁸ relative precision.
            ---
            ## Counts {#sec-counts}

            ```{bps-index #index max-charge=3}
            ```

            At N = 2 the loss has {{ index.minima[2] }} minima (@tbl-index, @fig-index, @sec-counts), with
            $$L(\\theta) = \\sum_i |F_i(\\theta)|^2 \\geq 0$$

            ```{table #tbl-index}
            show: index.table
            caption: Exact counts, θ-independent.
            ```

            ```{figure #fig-index}
            show: index.figure
            caption: "|c(Δ)| against Δ."
            ```

            """
        let directory = try workspace(template)
        defer { try? FileManager.default.removeItem(at: directory) }
        let built = try run(["build", "reports/p.md", "--format", "tex"], in: directory)
        #expect(built.termination == .exited(0), "\(built.stderr)")
        #expect(built.stderr.contains("wrote build/p-arxiv.tar.gz"), "\(built.stderr)")
        let tarball = try Data(contentsOf: directory.appendingPathComponent("build/p-arxiv.tar.gz"))
        let source = try String(contentsOf: directory.appendingPathComponent("build/p-arxiv/p.tex"), encoding: .utf8)
        #expect(source.contains("56 minima"))
        #expect(source.contains("\\includegraphics{figures/fig-index.pdf}"))
        #expect(source.contains("\\protect\\hyperlink{tbl-index}{Table 1}"))
        #expect(source.contains("\\DeclareUnicodeCharacter{03B8}{\\ensuremath{\\theta}}"))

        let again = try run(["build", "reports/p.md", "--format", "tex", "--no-cache"], in: directory)
        #expect(again.termination == .exited(0), "\(again.stderr)")
        #expect(try Data(contentsOf: directory.appendingPathComponent("build/p-arxiv.tar.gz")) == tarball)

        // Unpacked in an empty directory and compiled with no shell escape: only what the tarball holds.
        let empty = directory.appendingPathComponent("compile")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let listing = try ChildProcess("tar", ["-tzf", "../build/p-arxiv.tar.gz"], directory: empty.path, timeout: 60).run()
        #expect(String(decoding: listing.standardOutput, as: UTF8.self).split(separator: "\n").sorted()
                == ["./", "./figures/", "./figures/fig-index.pdf", "./p.tex"])
        _ = try ChildProcess("tar", ["-xzf", "../build/p-arxiv.tar.gz"], directory: empty.path, timeout: 60).run()
        for _ in 0..<2 {
            var latex = ChildProcess("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "p.tex"],
                                     directory: empty.path, timeout: 300)
            latex.requiresSuccess = false
            let output = try latex.run()
            #expect(output.termination == .exited(0), "\(String(decoding: output.standardOutput, as: UTF8.self).suffix(2000))")
        }
        let log = try String(contentsOf: empty.appendingPathComponent("p.log"), encoding: .utf8)
        #expect(log.contains("Output written on p.pdf"))
        #expect(!log.contains("undefined references"), "a cross-reference has no target")
    }
}
