import BigInt

/// Recursive-descent parser of the expression language. Locations are exact: each token records
/// the line and column it starts at, counted from the expression's position in the template.
///
/// A template is untrusted input, so an expression's tree is at most `maximumDepth` deep: every
/// parenthesis, call, index, `not` and unary `-` is one level, and so is every operator of a chain
/// (`1 + 2 + 3` is two deep). Deeper input is an error at the token that goes too deep, never a stack
/// overflow of this parser or of the evaluator that walks the tree.
struct ExpressionParser {
    static let maximumDepth = 100

    private enum Token: Equatable {
        case number(String), string(String), identifier(String), symbol(String), end
    }

    private var tokens: [(token: Token, location: SourceLocation)] = []
    private var position = 0
    /// How deep the parse functions are nested now, and the deepest level the tree reached so far.
    private var depth = 0
    private var deepest = 0

    /// Parses `text` as one complete expression that starts at `start`.
    static func parse(_ text: String, at start: SourceLocation) throws -> Expression {
        var parser = try ExpressionParser(text, at: start)
        let expression = try parser.parseOr()
        guard case .end = parser.current.token else {
            throw Diagnostic.error(at: parser.current.location, "unexpected \(parser.describe(parser.current.token)) in expression")
        }
        return expression
    }

    private init(_ text: String, at start: SourceLocation) throws {
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = start.line, column = start.column
        func location() -> SourceLocation { SourceLocation(file: start.file, line: line, column: column) }
        func advance(_ n: Int = 1) {
            for _ in 0..<n {
                if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" }
        func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || ("0"..."9").contains(c) }
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { advance(); continue }
            let here = location()
            if ("0"..."9").contains(c) || (c == "." && i + 1 < scalars.count && ("0"..."9").contains(scalars[i + 1])) {
                var j = i
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == "." { j += 1 }
                if j < scalars.count, scalars[j] == "e" || scalars[j] == "E" {
                    var k = j + 1
                    if k < scalars.count, scalars[k] == "+" || scalars[k] == "-" { k += 1 }
                    if k < scalars.count, ("0"..."9").contains(scalars[k]) {
                        j = k
                        while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
                    }
                }
                tokens.append((.number(String(String.UnicodeScalarView(scalars[i..<j]))), here))
                advance(j - i)
            } else if isIdentifierStart(c) {
                var j = i + 1
                // A hyphen joins identifier parts (`fig-discovery`) when a letter follows it;
                // write subtraction with spaces (`a - b`).
                while j < scalars.count,
                      isIdentifierPart(scalars[j])
                        || (scalars[j] == "-" && j + 1 < scalars.count && isIdentifierStart(scalars[j + 1])) {
                    j += 1
                }
                tokens.append((.identifier(String(String.UnicodeScalarView(scalars[i..<j]))), here))
                advance(j - i)
            } else if c == "\"" || c == "'" {
                var j = i + 1
                while j < scalars.count, scalars[j] != c, scalars[j] != "\n" { j += 1 }
                guard j < scalars.count, scalars[j] == c else {
                    throw Diagnostic.error(at: here, "unterminated string in expression")
                }
                tokens.append((.string(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))), here))
                advance(j - i + 1)
            } else {
                let two = i + 1 < scalars.count ? String(String.UnicodeScalarView(scalars[i...(i + 1)])) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append((.symbol(two == "&&" ? "and" : two == "||" ? "or" : two), here))
                    advance(2)
                } else if "+-*/<>()[].,".unicodeScalars.contains(c) {
                    tokens.append((.symbol(String(c)), here))
                    advance()
                } else {
                    throw Diagnostic.error(at: here, "unexpected character '\(c)' in expression")
                }
            }
        }
        tokens.append((.end, location()))
    }

    private var current: (token: Token, location: SourceLocation) { tokens[position] }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let s), .identifier(let s), .symbol(let s): return "'\(s)'"
        case .string(let s): return "string \"\(s)\""
        case .end: return "end of expression"
        }
    }

    private mutating func accept(_ symbol: String) -> Bool {
        switch current.token {
        case .symbol(symbol), .identifier(symbol):
            position += 1
            return true
        default:
            return false
        }
    }

    private mutating func expect(_ symbol: String) throws {
        guard accept(symbol) else {
            throw Diagnostic.error(at: current.location, "expected '\(symbol)' but found \(describe(current.token))")
        }
    }

    /// Parses `body` one level deeper.
    private mutating func nested(_ body: (inout ExpressionParser) throws -> Expression) throws -> Expression {
        try checkDepth(depth + 1, at: current.location)
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func checkDepth(_ level: Int, at location: SourceLocation) throws {
        guard level <= Self.maximumDepth else {
            throw Diagnostic.error(at: location, "expression nests deeper than \(Self.maximumDepth) levels")
        }
        deepest = max(deepest, level)
    }

    /// `body`'s result and how many levels its tree reaches below the current one.
    private mutating func measured(_ body: (inout ExpressionParser) throws -> Expression) throws -> (Expression, Int) {
        let outer = deepest
        deepest = depth
        defer { deepest = max(outer, deepest) }
        let expression = try body(&self)
        return (expression, deepest - depth)
    }

    /// A left-associative chain: `a - b - c` is `(a - b) - c`, one level deeper per operator.
    private mutating func parseBinary(
        _ operators: [BinaryOperator], next: (inout ExpressionParser) throws -> Expression
    ) throws -> Expression {
        var (left, levels) = try measured(next)
        while let op = operators.first(where: { accept($0.rawValue) }) {
            let location = tokens[position - 1].location
            let (right, rightLevels) = try measured(next)
            levels = max(levels, rightLevels) + 1
            try checkDepth(depth + levels, at: location)
            left = .binary(op, left, right, location)
        }
        return left
    }

    private mutating func parseOr() throws -> Expression { try parseBinary([.or]) { try $0.parseAnd() } }
    private mutating func parseAnd() throws -> Expression { try parseBinary([.and]) { try $0.parseNot() } }

    private mutating func parseNot() throws -> Expression {
        let location = current.location
        if accept("not") { return .not(try nested { try $0.parseNot() }, location) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Expression {
        let (left, leftLevels) = try measured { try $0.parseAdditive() }
        let comparisons = BinaryOperator.allCases.filter(\.isComparison)
        guard let op = comparisons.first(where: { accept($0.rawValue) }) else { return left }
        let location = tokens[position - 1].location
        let (right, rightLevels) = try measured { try $0.parseAdditive() }
        try checkDepth(depth + max(leftLevels, rightLevels) + 1, at: location)
        if comparisons.contains(where: { accept($0.rawValue) }) {
            throw Diagnostic.error(at: tokens[position - 1].location, "comparisons cannot be chained; join them with 'and'")
        }
        return .binary(op, left, right, location)
    }

    private mutating func parseAdditive() throws -> Expression {
        try parseBinary([.add, .subtract]) { try $0.parseTerm() }
    }

    private mutating func parseTerm() throws -> Expression {
        try parseBinary([.multiply, .divide]) { try $0.parseUnary() }
    }

    private mutating func parseUnary() throws -> Expression {
        let location = current.location
        if accept("-") { return .negate(try nested { try $0.parseUnary() }, location) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> Expression {
        let (token, location) = current
        switch token {
        case .number(let text):
            position += 1
            if let n = BigInt(text) { return .integer(n, location) }
            guard let x = Double(text) else { throw Diagnostic.error(at: location, "malformed number '\(text)'") }
            return .real(x, location)
        case .string(let text):
            position += 1
            return .text(text, location)
        case .symbol("("):
            position += 1
            let inner = try nested { try $0.parseOr() }
            try expect(")")
            return inner
        case .identifier("true"), .identifier("false"):
            position += 1
            return .boolean(token == .identifier("true"), location)
        case .identifier(let name):
            position += 1
            if accept("(") { return try parseCall(name, at: location) }
            return .path(try parsePath(root: name, at: location))
        default:
            throw Diagnostic.error(at: location, "expected a value but found \(describe(token))")
        }
    }

    private mutating func parseCall(_ name: String, at location: SourceLocation) throws -> Expression {
        guard let arity = expressionFunctions[name] else {
            throw Diagnostic.error(at: location, "unknown function '\(name)'\(suggestion(for: name, among: Array(expressionFunctions.keys)))")
        }
        var arguments: [Expression] = []
        if !accept(")") {
            repeat { arguments.append(try nested { try $0.parseOr() }) } while accept(",")
            try expect(")")
        }
        guard arity.contains(arguments.count) else {
            throw Diagnostic.error(at: location, "'\(name)' takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)") argument(s), not \(arguments.count)")
        }
        return .call(name, arguments, location)
    }

    private mutating func parsePath(root: String, at location: SourceLocation) throws -> ResultPath {
        var components: [ResultPath.Component] = []
        while true {
            if accept(".") {
                guard case .identifier(let name) = current.token else {
                    throw Diagnostic.error(at: current.location, "expected a field name after '.'")
                }
                position += 1
                components.append(.field(name))
            } else if accept("[") {
                components.append(.index(try nested { try $0.parseOr() }))
                try expect("]")
            } else {
                return ResultPath(root: root, components: components, location: location)
            }
        }
    }
}
