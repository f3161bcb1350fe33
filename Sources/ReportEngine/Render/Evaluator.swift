import BigInt
import Figures
import Foundation

/// Evaluates expressions against the parameters and the computed results. Integer arithmetic
/// stays exact; `/` and anything involving a real gives a real. Division by zero, and arithmetic
/// or a function whose result is not a finite number (`sqrt(-1)`, `log10(0)`, `exp(1000)`), is an
/// error at the expression, never "∞" or "NaN" in the paper.
struct Evaluator: Sendable {
    let params: Record
    let results: [String: Record]
    /// Draws figure outputs from stored results (nil: only stored results can be read).
    let figures: FigureOutputs?

    init(params: Record, results: [String: Record]) {
        self.init(params: params, results: results, figures: nil)
    }

    init(params: Record, results: [String: Record], figures: FigureOutputs?) {
        self.params = params
        self.results = results
        self.figures = figures
    }

    func evaluate(_ expression: Expression) throws -> Value {
        switch expression {
        case .integer(let n, _): return .integer(n)
        case .real(let x, _): return .real(x)
        case .text(let s, _): return .text(s)
        case .boolean(let b, _): return .boolean(b)
        case .path(let path): return try resolve(path)
        case .negate(let e, let location):
            return try negated(try evaluate(e), at: location)
        case .not(let e, let location):
            return .boolean(!(try truth(evaluate(e), at: location)))
        case .binary(let op, let l, let r, let location):
            return try binary(op, try evaluate(l), try evaluate(r), at: location)
        case .call(let name, let arguments, let location):
            return try call(name, try arguments.map(evaluate), at: location)
        }
    }

    private func negated(_ value: Value, at location: SourceLocation) throws -> Value {
        switch value {
        case .integer(let n): return .integer(-n)
        case .real(let x): return .real(-x)
        case .replicated(let items): return .replicated(try items.map { try negated($0, at: location) })
        case let other: throw Diagnostic.error(at: location, "cannot negate a \(other.typeName)")
        }
    }

    /// The value a result path names, or an error naming the missing piece.
    func resolve(_ path: ResultPath) throws -> Value {
        var current: Value
        if path.root == "params" {
            current = .record(params)
        } else {
            guard let record = results[path.root] else {
                var missing = Diagnostic.error(at: path.location, "'\(path.root)' has no results (its computation failed)")
                missing.consequenceOf = path.root
                throw missing
            }
            current = .record(record)
        }
        var walked = path.root
        for (position, component) in path.components.enumerated() {
            switch component {
            case .field(let name):
                switch current {
                case .record(let record):
                    if position == 0, path.root != "params", record[name] == nil,
                       let figure = try figures?.figure(name, of: path.root, from: record, at: path.location) {
                        current = .figure(figure)
                        break
                    }
                    guard let next = record[name] else {
                        throw Diagnostic.error(at: path.location, "'\(walked)' has no field '\(name)'\(suggestion(for: name, among: record.names))")
                    }
                    current = next
                case .table(let table):
                    guard let column = table.column(name) else {
                        throw Diagnostic.error(at: path.location, "table '\(walked)' has no column '\(name)'\(suggestion(for: name, among: table.columns))")
                    }
                    current = column.value
                default:
                    throw Diagnostic.error(at: path.location, "'\(walked)' is \(withArticle(current.typeName)) and has no field '\(name)'")
                }
                walked += "." + name
            case .index(let expression):
                let index = try evaluate(expression)
                current = try subscripted(current, by: index, walked: walked, at: path.location)
                walked += "[\(ValueFormat.plain(index))]"
            }
        }
        return current
    }

    private func subscripted(_ value: Value, by index: Value, walked: String, at location: SourceLocation) throws -> Value {
        switch value {
        case .record(let record):
            let key = ValueFormat.plain(index)
            guard let item = record[key] else {
                throw Diagnostic.error(at: location, "'\(walked)' has no entry [\(key)] (entries: \(record.names.prefix(12).joined(separator: ", "))\(record.names.count > 12 ? ", …" : ""))")
            }
            return item
        case .list, .vector, .matrix:
            let items = value.elements ?? []
            guard let i = position(index, count: items.count) else {
                throw Diagnostic.error(at: location, "index [\(ValueFormat.plain(index))] is outside '\(walked)' (0..<\(items.count), or -\(items.count)..<0 from the end)")
            }
            return items[i]
        case .table(let table):
            // A table indexed by text gives a column (for names that are not identifiers).
            if case .text(let name) = index {
                guard let column = table.column(name) else {
                    throw Diagnostic.error(at: location, "table '\(walked)' has no column '\(name)'\(suggestion(for: name, among: table.columns))")
                }
                return column.value
            }
            guard let i = position(index, count: table.rowCount) else {
                throw Diagnostic.error(at: location, "row [\(ValueFormat.plain(index))] is outside table '\(walked)' (0..<\(table.rowCount), or -\(table.rowCount)..<0 from the end)")
            }
            return .record(Record(Array(zip(table.columns, table.data.map { $0[i] }))))
        default:
            throw Diagnostic.error(at: location, "'\(walked)' is \(withArticle(value.typeName)) and cannot be indexed")
        }
    }

    /// The position an integer index names among `count` items; a negative one counts from the
    /// end (`[-1]` is the last), as in Python.
    private func position(_ index: Value, count: Int) -> Int? {
        guard case .integer(let n) = index, let i = Int(exactly: n) else { return nil }
        let from = i < 0 ? count + i : i
        return (0..<count).contains(from) ? from : nil
    }

    func truth(_ value: Value, at location: SourceLocation) throws -> Bool {
        if case .replicated = value {
            throw Diagnostic.error(at: location, "a claim about replicated values needs one truth, not one per replicate: compare mean(x), or use a test such as ttest_p(x, y)")
        }
        guard case .boolean(let b) = value else {
            throw Diagnostic.error(at: location, "expected true or false, got \(withArticle(value.typeName))")
        }
        return b
    }

    private func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, at location: SourceLocation) throws -> Value {
        if let items = try pairedReplicates(l, r, op.rawValue, at: location) {
            return .replicated(try items.map { try binary(op, $0.0, $0.1, at: location) })
        }
        switch op {
        case .and: return .boolean(try truth(l, at: location) && truth(r, at: location))
        case .or: return .boolean(try truth(l, at: location) || truth(r, at: location))
        case .equal, .notEqual:
            let same: Bool
            if let a = l.number, let b = r.number {
                if case .integer(let x) = l, case .integer(let y) = r { same = x == y } else { same = a == b }
            } else {
                same = l == r
            }
            return .boolean(op == .equal ? same : !same)
        default: break
        }
        if case .integer(let a) = l, case .integer(let b) = r {
            switch op {
            case .add: return .integer(a + b)
            case .subtract: return .integer(a - b)
            case .multiply: return .integer(a * b)
            case .less: return .boolean(a < b)
            case .lessOrEqual: return .boolean(a <= b)
            case .greater: return .boolean(a > b)
            case .greaterOrEqual: return .boolean(a >= b)
            default: break
            }
        }
        guard let a = l.number, let b = r.number else {
            let culprit = l.number == nil ? l : r
            throw Diagnostic.error(at: location, "'\(op.rawValue)' needs numbers, got a \(culprit.typeName)")
        }
        switch op {
        case .add: return try finite(a + b, "\(a) + \(b)", at: location)
        case .subtract: return try finite(a - b, "\(a) - \(b)", at: location)
        case .multiply: return try finite(a * b, "\(a) * \(b)", at: location)
        case .divide:
            guard b != 0 else { throw Diagnostic.error(at: location, "division by zero") }
            return try finite(a / b, "\(a) / \(b)", at: location)
        case .less: return .boolean(a < b)
        case .lessOrEqual: return .boolean(a <= b)
        case .greater: return .boolean(a > b)
        default: return .boolean(a >= b)
        }
    }

    /// `x` as a real, or an error when it is infinite or not a number.
    private func finite(_ x: Double, _ computation: String, at location: SourceLocation) throws -> Value {
        guard x.isFinite else {
            throw Diagnostic.error(at: location, "\(computation) is \(x.isNaN ? "not a number" : "infinite"); the paper shows only finite numbers")
        }
        return .real(x)
    }

    private func call(_ name: String, _ arguments: [Value], at location: SourceLocation) throws -> Value {
        if let value = try statistic(name, arguments, at: location) { return value }
        if ["abs", "sqrt", "log10", "exp"].contains(name), case .replicated(let items) = arguments[0] {
            return .replicated(try items.map { try call(name, [$0], at: location) })
        }
        if name == "len" {
            switch arguments[0] {
            case .list(let items): return .int(items.count)
            case .vector(let xs): return .int(xs.count)
            case .matrix(let m): return .int(m.rows)
            case .record(let record): return .int(record.fields.count)
            case .table(let table): return .int(table.rowCount)
            case .text(let s): return .int(s.count)
            case .replicated(let items): return .int(items.count)
            default: throw Diagnostic.error(at: location, "len() needs a list, record, table or string")
            }
        }
        // min and max of one list argument range over the list.
        var operands = arguments
        if (name == "min" || name == "max"), operands.count == 1, let items = operands[0].elements ?? operands[0].replicates { operands = items }
        if name == "abs", case .integer(let n) = operands[0] { return .integer(BigInt(n.magnitude)) }
        let numbers = try operands.map { value -> Double in
            guard let x = value.number else { throw Diagnostic.error(at: location, "\(name)() needs numbers, got a \(value.typeName)") }
            return x
        }
        guard !numbers.isEmpty else { throw Diagnostic.error(at: location, "\(name)() of an empty list") }
        switch name {
        case "abs": return .real(Swift.abs(numbers[0]))
        case "sqrt": return try finite(numbers[0].squareRoot(), "sqrt(\(numbers[0]))", at: location)
        case "log10": return try finite(Foundation.log10(numbers[0]), "log10(\(numbers[0]))", at: location)
        case "exp": return try finite(Foundation.exp(numbers[0]), "exp(\(numbers[0]))", at: location)
        case "min":
            let index = numbers.indices.min { numbers[$0] < numbers[$1] }!
            return operands[index]
        default:
            let index = numbers.indices.max { numbers[$0] < numbers[$1] }!
            return operands[index]
        }
    }
}

/// Figure outputs of a plan's computations, drawn from their stored results when read.
struct FigureOutputs: Sendable {
    let registry: DirectiveRegistry
    /// The directive kind of each computation, by label.
    let kinds: [String: String]

    init(_ plan: Plan, registry: DirectiveRegistry) {
        self.registry = registry
        kinds = Dictionary(uniqueKeysWithValues: plan.computations.map { ($0.label, $0.kind) })
    }

    /// The figure output `name` of computation `label`, or nil if it has none of that name.
    func figure(_ name: String, of label: String, from record: Record, at location: SourceLocation) throws -> Figure? {
        guard let kind = kinds[label], let directive = registry.computation(named: kind) else { return nil }
        if record.fields.contains(where: { $0.value.replicates != nil }), directive.schema.output(name)?.isPresentation == true {
            throw Diagnostic.error(at: location, "'\(label).\(name)' draws one run's results, and '\(label)' has replicates; draw a replicated result instead (a figure of \(label).<series> shows its mean and spread)")
        }
        do {
            return try directive.figure(name, from: record)
        } catch let failure as DirectiveFailure {
            throw Diagnostic.error(at: location, "cannot draw '\(label).\(name)': \(failure.message)")
        }
    }
}
