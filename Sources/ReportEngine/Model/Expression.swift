import BigInt

/// An expression of the template language, as used inside `{{ }}` and in `check` blocks:
/// numbers, strings, result paths, `+ - * /`, comparisons, `and`/`or`/`not`, and a few functions.
public indirect enum Expression: Sendable {
    case integer(BigInt, SourceLocation)
    case real(Double, SourceLocation)
    case text(String, SourceLocation)
    case boolean(Bool, SourceLocation)
    case path(ResultPath)
    case negate(Expression, SourceLocation)
    case not(Expression, SourceLocation)
    case binary(BinaryOperator, Expression, Expression, SourceLocation)
    case call(String, [Expression], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .integer(_, let l), .real(_, let l), .text(_, let l), .boolean(_, let l),
             .negate(_, let l), .not(_, let l), .binary(_, _, _, let l), .call(_, _, let l):
            return l
        case .path(let path): return path.location
        }
    }

    /// Canonical text of the expression (fully parenthesised), for keys and messages.
    public var canonical: String {
        switch self {
        case .integer(let n, _): return n.description
        case .real(let x, _): return x.description
        case .text(let s, _): return "\"\(s)\""
        case .boolean(let b, _): return b.description
        case .path(let path): return path.display
        case .negate(let e, _): return "-(\(e.canonical))"
        case .not(let e, _): return "not (\(e.canonical))"
        case .binary(let op, let l, let r, _): return "(\(l.canonical) \(op.rawValue) \(r.canonical))"
        case .call(let name, let args, _): return "\(name)(\(args.map(\.canonical).joined(separator: ", ")))"
        }
    }

    /// Every result path this expression reads, in source order.
    public var paths: [ResultPath] {
        switch self {
        case .integer, .real, .text, .boolean: return []
        case .path(let path):
            return [path] + path.components.flatMap { component -> [ResultPath] in
                if case .index(let index) = component { return index.paths }
                return []
            }
        case .negate(let e, _), .not(let e, _): return e.paths
        case .binary(_, let l, let r, _): return l.paths + r.paths
        case .call(_, let args, _): return args.flatMap(\.paths)
        }
    }
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// `label.field[index].field`: a path into a directive's results, or `params.name`.
public struct ResultPath: Sendable {
    public enum Component: Sendable {
        case field(String)
        case index(Expression)
    }

    public var root: String
    public var components: [Component]
    public var location: SourceLocation

    /// The first field after the root (`distinct` in `census.distinct`), if any.
    public var firstField: String? {
        if case .field(let name)? = components.first { return name }
        return nil
    }

    /// This path and every path read inside its indices, nested ones included, in source order:
    /// `a.x[b.y[params.k]]` mentions itself, `b.y[params.k]` and `params.k`.
    public var mentioned: [ResultPath] { Expression.path(self).paths }

    /// The path in canonical text, indices included: `index.c[12]`.
    public var display: String {
        components.reduce(root) { text, component in
            switch component {
            case .field(let name): return text + "." + name
            case .index(let index): return text + "[" + index.canonical + "]"
            }
        }
    }
}

/// Functions callable in expressions, with their arity.
let expressionFunctions: [String: ClosedRange<Int>] = [
    "abs": 1...1, "sqrt": 1...1, "log10": 1...1, "exp": 1...1, "len": 1...1,
    "min": 1...16, "max": 1...16,
].merging(StatisticalFunction.allCases.map { ($0.rawValue, $0.arity) }) { first, _ in first }
