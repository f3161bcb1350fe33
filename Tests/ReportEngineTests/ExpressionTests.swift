import BigInt
import Testing
@testable import ReportEngine

@Suite struct ExpressionTests {
    private let origin = SourceLocation(file: "t.md", line: 1, column: 1)
    private let evaluator = Evaluator(
        params: Record([("runs", .int(2000))]),
        results: [
            "census": Record([("distinct", .int(11)), ("expected", .int(12)), ("fraction", .real(11.0 / 12))]),
            "index": Record([("c", .record(Record([("-1", .int(1)), ("12", .int(-208))]))),
                             ("list", .vector([1.5, 2.5, 4]))]),
        ])

    private func value(_ text: String) throws -> Value {
        try evaluator.evaluate(try ExpressionParser.parse(text, at: origin))
    }

    @Test func precedenceAndExactIntegers() throws {
        #expect(try value("1 + 2 * 3") == .int(7))
        #expect(try value("(1 + 2) * 3") == .int(9))
        #expect(try value("7 / 2") == .real(3.5))
        #expect(try value("-2 - -3") == .int(1))
        #expect(try value("123456789012345678901234567890 + 1") == .integer(BigInt("123456789012345678901234567891")))
    }

    @Test func pathsIndicesAndParams() throws {
        #expect(try value("census.distinct") == .int(11))
        #expect(try value("index.c[-1]") == .int(1))
        #expect(try value("index.c[4 * 3]") == .int(-208))
        #expect(try value("index.list[1]") == .real(2.5))
        // A negative list index counts from the end; a record's "-1" stays a key (index.c[-1] above).
        #expect(try value("index.list[-1]") == .real(4))
        #expect(try value("index.list[-3]") == .real(1.5))
        #expect(throws: Diagnostic.error(at: origin, "index [-4] is outside 'index.list' (0..<3, or -3..<0 from the end)")) {
            try value("index.list[-4]")
        }
        #expect(try value("params.runs") == .int(2000))
        #expect(try value("max(index.list)") == .real(4))
        #expect(try value("len(index.list)") == .int(3))
        #expect(try value("abs(index.c[12])") == .int(208))
    }

    @Test func comparisonsAndLogic() throws {
        #expect(try value("census.distinct == census.expected") == .boolean(false))
        #expect(try value("census.distinct < census.expected and census.fraction > 0.9") == .boolean(true))
        #expect(try value("not (1 > 2) or false") == .boolean(true))
        #expect(try value("12 == 12.0") == .boolean(true))
    }

    @Test func errorsNameTheMissingPiece() {
        #expect(throws: Diagnostic.error(at: origin, "'census' has no field 'distnct' (did you mean 'distinct'?)")) {
            try value("census.distnct")
        }
        #expect(throws: Diagnostic.error(at: origin.advanced(by: 6), "comparisons cannot be chained; join them with 'and'")) {
            try ExpressionParser.parse("1 < 2 < 3 < 4", at: origin)
        }
    }

    @Test func hyphenatedLabelsAndSpacedSubtraction() throws {
        let path = try ExpressionParser.parse("fig-x.a", at: origin)
        guard case .path(let p) = path else {
            Issue.record("expected a path")
            return
        }
        #expect(p.root == "fig-x")
        #expect(try value("census.expected - census.distinct") == .int(1))
    }
}

@Suite struct FormatTests {
    private func format(_ spec: String, _ value: Value) throws -> String {
        try ValueFormat.parseSpec(spec, at: SourceLocation(file: "t", line: 1, column: 1)).format.apply(to: value)
    }

    @Test func formatsOfDesign() throws {
        #expect(try format("int", .real(2203.6)) == "2204")
        #expect(try format("thousands", .int(1_234_567)) == "1,234,567")
        #expect(try format("thousands", .int(-2032)) == "-2,032")
        #expect(try format("fixed:2", .real(3.14159)) == "3.14")
        #expect(try format("fixed:2", .real(-0.001)) == "0.00")
        #expect(try format("sig:3", .real(0.1)) == "0.100")
        #expect(try format("sig:3", .real(123456.0)) == "123000")
        #expect(try format("sig:3", .real(1.234e-7)) == "1.23 × 10⁻⁷")
        #expect(try format("sci:2", .real(0.000012345)) == "1.23 × 10⁻⁵")
        #expect(try format("sci:1", .real(6.02e23)) == "6.0 × 10²³")
        #expect(try format("percent:1", .real(0.9375)) == "93.8%")
    }

    @Test func defaultIsFourSignificantDigits() {
        #expect(ValueFormat.plain(.real(0.11382)) == "0.1138")
        #expect(ValueFormat.plain(.real(0.5)) == "0.5")
        #expect(ValueFormat.plain(.real(12345.678)) == "12350")
        #expect(ValueFormat.plain(.int(208)) == "208")
    }

    @Test func unknownFormatSuggests() {
        #expect(throws: Diagnostic.error(at: SourceLocation(file: "t", line: 1, column: 1), "unknown format 'fixd' (did you mean 'fixed'?)")) {
            try format("fixd:2", .real(1))
        }
    }
}
