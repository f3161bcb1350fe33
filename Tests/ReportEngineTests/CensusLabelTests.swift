import Foundation
import Testing
@testable import ReportEngine

/// A figure labels a reference only when the reference was given: a census told no count draws no
/// line labelled "exact" at the number it found.
@Suite struct CensusLabelTests {
    private func discovery(expected: String?) throws -> (lines: [String?], legend: [String], printed: String) {
        let source = """
            ---
            seed: 7
            ---
            ```{bps-index #index max-charge=2}
            ```
            ```{bps-minima #c}
            n: 1
            runs: 24
            completion: none
            \(expected.map { "expected: \($0)" } ?? "")
            ```
            ```{figure #fig-d}
            show: c.discovery_figure
            ```
            {{ c.expected }} {{ c.expected_given }}
            """
        let product = build(source)
        #expect(product.errors.isEmpty, "\(product.errors)")
        guard case .drawn(let figure)? = product.document?.figures.first?.artwork else {
            Issue.record("no drawn figure")
            return ([], [], "")
        }
        let legend = figure.panels[0].layers.compactMap { layer -> String? in
            if case .series(let series) = layer { return series.label }
            return nil
        }
        return (figure.panels[0].referenceLines.map(\.label), legend, product.markdown)
    }

    @Test func aCensusToldNoCountDrawsNoExactLine() throws {
        let found = try discovery(expected: nil)
        #expect(found.lines.isEmpty)
        #expect(!found.legend.contains { $0.contains("exact") })
        #expect(found.printed.contains("false"))
        let given = try discovery(expected: "index.minima[1]")
        #expect(given.lines == ["exact 12"])
        #expect(given.printed.contains("12 true"))
    }
}
