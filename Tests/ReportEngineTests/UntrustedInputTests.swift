import Foundation
import Testing
@testable import ReportEngine

/// A template is untrusted input: hostile ones fail with a located error, quickly, in little
/// memory, instead of hanging, crashing or printing "∞" into the paper.
@Suite struct UntrustedInputTests {
    private let origin = SourceLocation(file: "t.md", line: 1, column: 1)

    /// Nine levels of nine aliases each: 9⁹ values once expanded.
    private var billionLaughs: String {
        let names = "abcdefghi".map(String.init)
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 9).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n")
    }

    @Test func billionLaughsInFrontMatterIsRefusedAtTheFirstAlias() {
        let started = Date()
        #expect(problems("---\ntitle: Laughs\n\(billionLaughs)\n---\nText.\n") == [
            "t.md:4:8: error: YAML aliases are not supported ('*a' repeats the value anchored by '&a'); write the value out",
        ])
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func billionLaughsInADirectiveBodyIsRefused() {
        let found = problems("```{bps-index #index}\nmax-charge: 2\n\(billionLaughs)\n```\n")
        #expect(found == ["t.md:4:8: error: YAML aliases are not supported ('*a' repeats the value anchored by '&a'); write the value out"])
    }

    /// Yams hashes mapping keys while it composes, so an alias used as a key must be found first.
    @Test func aliasAsAMappingKeyIsFoundBeforeYamsReadsTheText() {
        #expect(YAMLReader.firstAlias(in: "a: &big [x]\n? *big\n: 1\n").map { "\($0.name) \($0.line):\($0.column)" } == "big 2:3")
    }

    @Test func deeplyNestedYAMLIsAnError() {
        let nested = String(repeating: "[", count: 20_000) + "1" + String(repeating: "]", count: 20_000)
        #expect(problems("---\nx: \(nested)\n---\n") == ["t.md:2:5: error: YAML nests deeper than 1000 levels"])
    }

    @Test func ampersandsAndStarsInTextAreNoAliases() throws {
        let node = try YAMLReader.read("title: R&D at 2*x & more\ncaption: \"*bold* &amp\"\n", origin: origin)
        #expect(node?.mappingPairs?.map(\.key) == ["title", "caption"])
        #expect(YAMLReader.firstAlias(in: "a: 'x &y'\nb: 'z *y'\n") != nil, "conservative inside quotes: both words start with & and *")
        #expect(YAMLReader.firstAlias(in: "a: &y\nb: *z\n") == nil)
    }

    @Test func deepNestingIsAnErrorAtTheTokenThatGoesTooDeep() {
        let depth = ExpressionParser.maximumDepth
        let parentheses = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        #expect(throws: Diagnostic.error(at: origin.advanced(by: depth + 1), "expression nests deeper than \(depth) levels")) {
            try ExpressionParser.parse(parentheses, at: origin)
        }
        let allowed = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(throws: Never.self) { try ExpressionParser.parse(allowed, at: origin) }
        for hostile in [
            Array(repeating: "1", count: 200_000).joined(separator: " + "),
            String(repeating: "not ", count: 20_000) + "true",
            String(repeating: "- ", count: 20_000) + "1",
            String(repeating: "abs(", count: 20_000) + "1" + String(repeating: ")", count: 20_000),
            String(repeating: "x[", count: 20_000) + "1" + String(repeating: "]", count: 20_000),
        ] {
            #expect(throws: Diagnostic.self) { try ExpressionParser.parse(hostile, at: origin) }
        }
        let chain = Array(repeating: "1", count: depth + 1).joined(separator: " + ")
        #expect(throws: Never.self) { try ExpressionParser.parse(chain, at: origin) }
    }

    @Test func nestingInsideBracesGivesOneLocatedError() {
        let source = "Value {{ " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000) + " }}.\n"
        #expect(problems(source) == ["t.md:1:111: error: expression nests deeper than 100 levels"])
    }

    @Test func divisionByZeroAndNonFiniteResultsAreErrors() throws {
        let evaluator = Evaluator(params: Record([]), results: [:])
        func failure(_ text: String) -> String? {
            do {
                _ = try evaluator.evaluate(try ExpressionParser.parse(text, at: origin))
                return nil
            } catch {
                return (error as? Diagnostic)?.description
            }
        }
        #expect(failure("1 / 0") == "t.md:1:3: error: division by zero")
        #expect(failure("1.5 / 0.0") == "t.md:1:5: error: division by zero")
        #expect(failure("log10(0)") == "t.md:1:1: error: log10(0.0) is infinite; the paper shows only finite numbers")
        #expect(failure("sqrt(-1)") == "t.md:1:1: error: sqrt(-1.0) is not a number; the paper shows only finite numbers")
        #expect(failure("exp(1000)") == "t.md:1:1: error: exp(1000.0) is infinite; the paper shows only finite numbers")
        #expect(failure("1e308 * 10") == "t.md:1:7: error: 1e+308 * 10.0 is infinite; the paper shows only finite numbers")
        #expect(failure("7 / 2") == nil)
    }

    @Test func divisionByZeroInProseFailsTheBuild() {
        let product = build("Ratio {{ 1 / 0 }}.\n")
        #expect(!product.succeeded)
        #expect(product.errors == ["reports/test.md:1:12: error: division by zero"])
    }

    @Test func absolutePathsAreRefusedAtThePath() {
        let found = problems("```{data #obs}\nfile: /etc/passwd\n```\n", files: ["/etc/passwd": "a\n1\n"])
        #expect(found == ["t.md:2:7: error: '/etc/passwd' is an absolute path; name a file relative to the template, inside its project"])
    }

    @Test func theLoadersRefusalIsPlacedAtThePath() {
        let (template, _) = TemplateParser.parse("```{data #obs}\nfile: ../outside.csv\n```\n", file: "t.md")
        let (_, diagnostics) = Planner.plan(template) { path in
            throw Diagnostic.error(at: nil, "'\(path)' is outside the project directory")
        }
        #expect(diagnostics.map(\.description) == ["t.md:2:7: error: '../outside.csv' is outside the project directory"])
    }
}
