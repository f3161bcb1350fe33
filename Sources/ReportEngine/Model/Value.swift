import BigInt
import Figures

/// A result or parameter value: what directives produce, what inline expressions read, what the
/// cache stores. Integers are exact (arbitrary precision), so an exact count stays exact.
public indirect enum Value: Equatable, Sendable {
    case integer(BigInt)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case list([Value])
    case record(Record)
    case table(Table)
    /// A figure value, drawn by the figure library when a `figure` directive places it.
    case figure(Figure)
    /// A data file a directive produced (such as a CSV of solutions), written beside the paper.
    case file(AttachedFile)

    /// A numeric view (integers converted), or nil for non-numbers.
    public var number: Double? {
        switch self {
        case .integer(let n): return Double(n)
        case .real(let x): return x
        default: return nil
        }
    }

    /// The name of this value's type, as error messages and `report directives` print it.
    public var typeName: String {
        switch self {
        case .integer: return "integer"
        case .real: return "number"
        case .boolean: return "boolean"
        case .text: return "string"
        case .list: return "list"
        case .record: return "record"
        case .table: return "table"
        case .figure: return "figure"
        case .file: return "file"
        }
    }

    public static func int(_ n: Int) -> Value { .integer(BigInt(n)) }

    /// A list of reals.
    public static func reals(_ xs: [Double]) -> Value { .list(xs.map(Value.real)) }

    /// A list of exact integers.
    public static func ints(_ xs: [Int]) -> Value { .list(xs.map(Value.int)) }
}

/// Named values in a fixed order: a directive's results, or one row of a structured result.
public struct Record: Equatable, Sendable, Sequence {
    public private(set) var fields: [(name: String, value: Value)]

    public init(_ fields: [(String, Value)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public subscript(name: String) -> Value? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name: name, value: newValue))
            }
        }
    }

    public var names: [String] { fields.map(\.name) }

    public func makeIterator() -> IndexingIterator<[(name: String, value: Value)]> { fields.makeIterator() }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A table of values with named columns; rendered as a GitHub-flavoured Markdown table.
public struct Table: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one value per column")
        self.columns = columns
        self.rows = rows
    }

    /// The values of one column, top to bottom.
    public func column(_ name: String) -> [Value]? {
        columns.firstIndex(of: name).map { index in rows.map { $0[index] } }
    }
}

/// A text file produced by a directive; the build writes it to `<out>/<report>.<label>.<name>`.
public struct AttachedFile: Codable, Equatable, Sendable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

// MARK: - Canonical JSON form (cache entries, cache keys, lock files)

extension Value: Codable {
    private enum Key: String, CodingKey { case int, real, bool, text, list, record, table, figure, file }
    private struct Field: Codable { var name: String; var value: Value }
    private struct TableForm: Codable { var columns: [String]; var rows: [[Value]] }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a value has exactly one tag"))
        }
        func invalid(_ what: String) -> DecodingError {
            .dataCorruptedError(forKey: key, in: container, debugDescription: "invalid \(what)")
        }
        switch key {
        case .int:
            guard let n = BigInt(try container.decode(String.self, forKey: key)) else { throw invalid("integer") }
            self = .integer(n)
        case .real:
            // Reals are stored as Swift's shortest round-tripping text, so they come back bit for bit.
            guard let x = Double(try container.decode(String.self, forKey: key)) else { throw invalid("real") }
            self = .real(x)
        case .bool: self = .boolean(try container.decode(Bool.self, forKey: key))
        case .text: self = .text(try container.decode(String.self, forKey: key))
        case .list: self = .list(try container.decode([Value].self, forKey: key))
        case .record:
            self = .record(Record(try container.decode([Field].self, forKey: key).map { ($0.name, $0.value) }))
        case .table:
            let form = try container.decode(TableForm.self, forKey: key)
            guard form.rows.allSatisfy({ $0.count == form.columns.count }) else { throw invalid("table") }
            self = .table(Table(columns: form.columns, rows: form.rows))
        case .figure: self = .figure(try container.decode(Figure.self, forKey: key))
        case .file: self = .file(try container.decode(AttachedFile.self, forKey: key))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .integer(let n): try container.encode(n.description, forKey: .int)
        case .real(let x): try container.encode(x.description, forKey: .real)
        case .boolean(let b): try container.encode(b, forKey: .bool)
        case .text(let s): try container.encode(s, forKey: .text)
        case .list(let items): try container.encode(items, forKey: .list)
        case .record(let record):
            try container.encode(record.fields.map { Field(name: $0.name, value: $0.value) }, forKey: .record)
        case .table(let table): try container.encode(TableForm(columns: table.columns, rows: table.rows), forKey: .table)
        case .figure(let figure): try container.encode(figure, forKey: .figure)
        case .file(let file): try container.encode(file, forKey: .file)
        }
    }
}
