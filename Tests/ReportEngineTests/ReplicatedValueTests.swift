import Foundation
import Testing
@testable import ReportEngine

/// Replicated values in expressions and formats: paired arithmetic, the summaries, the
/// uncertainty formats and the statistical functions (the tests themselves are compared with
/// SciPy in LandscapeTests; here, that the expression functions reach them and say so).
@Suite struct ReplicatedValueTests {
    private let origin = SourceLocation(file: "t.md", line: 1, column: 1)
    private let evaluator = Evaluator(
        params: Record(),
        results: [
            "a": Record([("x", .replicated([.real(2), .real(4), .real(9)])), ("n", .replicated([.int(1), .int(2), .int(3)])),
                         ("curve", .replicated([.vector([1, 2]), .vector([3, 6]), .vector([5, 10])]))]),
            "b": Record([("y", .replicated([.real(1), .real(2), .real(3)])), ("k4", .replicated([.real(1), .real(2), .real(3), .real(4)]))]),
        ])

    private func value(_ text: String) throws -> Value {
        try evaluator.evaluate(try ExpressionParser.parse(text, at: origin))
    }

    private func error(_ text: String) -> String {
        do {
            _ = try value(text)
            return ""
        } catch let diagnostic as Diagnostic {
            return diagnostic.message
        } catch {
            return "\(error)"
        }
    }

    private func formatted(_ text: String, _ spec: String) throws -> String {
        try ValueFormat.parseSpec(spec, at: origin).format.apply(to: try value(text))
    }

    @Test func arithmeticPairsReplicateRWithReplicateR() throws {
        // Per replicate: 2/1, 4/2, 9/3 = 2, 2, 3 — mean 7/3; the ratio of means is 5/2.
        #expect(try value("a.x / b.y") == .replicated([.real(2), .real(2), .real(3)]))
        #expect(try value("mean(a.x / b.y)") == .real(7.0 / 3))
        #expect(try value("mean(a.x) / mean(b.y)") == .real(2.5))
        #expect(try value("a.x - 1") == .replicated([.real(1), .real(3), .real(8)]))
        #expect(try value("-a.n + a.n") == .replicated([.int(0), .int(0), .int(0)]))
        #expect(try value("sqrt(a.x * 4)").replicates?.count == 3)
        #expect(try value("len(a.x)") == .int(3))
        #expect(error("a.x / b.k4").contains("pairs replicates"))
        #expect(throws: Diagnostic.self) { try evaluator.truth(try value("a.x > 1"), at: origin) }
    }

    private func close(_ v: Value, _ expected: Double) -> Bool { v.number.map { abs($0 - expected) <= 1e-14 * abs(expected) } ?? false }

    @Test func summaries() throws {
        #expect(try value("median(a.x)") == .real(4))
        #expect(close(try value("sd(a.x)"), sqrt(13.0)))
        #expect(close(try value("se(b.y)"), 1 / sqrt(3.0)))
        #expect(try value("quantile(a.x, 0.25)") == .real(3))
        #expect(try value("values(a.x)") == .list([.real(2), .real(4), .real(9)]))
        #expect(try value("mean(a.curve)") == .vector([3, 6]))
        #expect(try value("percentile(4, values(a.x))") == .real(50))
        #expect(close(try value("zscore(9, a.x)"), 4 / sqrt(13.0)))
        #expect(error("quantile(a.x, 2)").contains("the level q must lie in [0, 1]"))
        #expect(error("sd(3)").contains("needs a replicated number or a list of numbers"))
    }

    @Test func uncertaintyFormats() throws {
        // b.y = 1, 2, 3: mean 2, sd 1, se 0.57735; t(0.975, 2) = 4.302653.
        #expect(try formatted("b.y", "pm") == "2.00 ± 0.58")
        #expect(try formatted("b.y", "pm:3") == "2.000 ± 0.577")
        #expect(try formatted("b.y", "pm-sd") == "2.0 ± 1.0")
        #expect(try formatted("b.y", "ci:95") == "[-0.5, 4.5]")
        #expect(try formatted("b.y * 0.000001", "pm") == "(2.00 ± 0.58) × 10⁻⁶")
        #expect(try formatted("values(a.x)", "pm") == "5.0 ± 2.1")
        #expect(throws: ValueFormat.FormatError.self) { try formatted("a.x", "fixed:2") }
        #expect(throws: ValueFormat.FormatError.self) { try formatted("3.5", "pm") }
        #expect(throws: Diagnostic.self) { try ValueFormat.parseSpec("ci:100", at: origin) }
    }

    @Test func testsReturnTheirPAndDescribeThemselves() throws {
        let p = try #require(try value("paired_ttest_p(a.x, b.y)").number)
        #expect(p > 0 && p < 1)
        let reports = evaluator.testReports(in: try ExpressionParser.parse("paired_ttest_p(a.x, b.y) < 0.05 and spearman_rho(a.x, b.y) > 0.9", at: origin))
        #expect(reports.count == 2)
        #expect(reports[0].hasPrefix("paired t test of a.x against b.y: t = ") && reports[0].contains("df = 2.00, p = "), "\(reports)")
        #expect(reports[1] == "Spearman's correlation of a.x and b.y: ρ = 1.00, p = 0.00", "\(reports)")
        #expect(try value("spearman_rho(a.x, b.y)") == .real(1))
        #expect(error("wilcoxon_p(a.x, b.k4)").contains("pairs two equally long samples"))
    }
}
