import BigInt
import Foundation
import Figures
import Landscape

/// A result or parameter value: what directives produce, what inline expressions read, what the
/// cache stores. Integers are exact (arbitrary precision), so an exact count stays exact; numeric
/// arrays are typed Float64 data (`vector`, `matrix`, `complexMatrix`), stored by the cache as
/// binary side data rather than text.
public indirect enum Value: Equatable, Sendable {
    case integer(BigInt)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case list([Value])
    case record(Record)
    case table(Table)
    /// Float64 numbers, such as a loss series or a table's numeric column.
    case vector([Double])
    /// A Float64 matrix, such as a distance matrix or one parameter vector per row.
    case matrix(Matrix)
    /// A complex matrix, such as one field configuration per row.
    case complexMatrix(ComplexMatrix)
    /// A figure value, drawn by the figure library when a `figure` directive places it.
    case figure(Figure)
    /// A data file a directive produced (such as a CSV of solutions), written beside the paper.
    case file(AttachedFile)
    /// An image a researcher's program drew (SVG or PNG), placed in the paper as it is.
    case image(Image)
    /// One output of a replicated computation: its value in each replicate, replicate 1 first.
    /// Arithmetic pairs replicate r with replicate r; the paper prints it only through an
    /// uncertainty format (`pm`, `pm-sd`, `ci:95`) or a function that summarises it (`mean`, …).
    case replicated([Value])

    /// A numeric view (integers converted), or nil for non-numbers.
    public var number: Double? {
        switch self {
        case .integer(let n): return Double(n)
        case .real(let x): return x
        default: return nil
        }
    }

    /// The items of a list-like value: a list's values, a vector's reals, a matrix's rows (as
    /// vectors); nil for anything else.
    public var elements: [Value]? {
        switch self {
        case .list(let items): return items
        case .vector(let xs): return xs.map(Value.real)
        case .matrix(let m): return (0..<m.rows).map { .vector(m.row($0)) }
        default: return nil
        }
    }

    /// The reals of a list of numbers or a vector; nil if any item is not a number.
    public var reals: [Double]? {
        switch self {
        case .vector(let xs): return xs
        case .list(let items):
            let numbers = items.compactMap(\.number)
            return numbers.count == items.count ? numbers : nil
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
        case .vector: return "vector"
        case .matrix: return "matrix"
        case .complexMatrix: return "complex matrix"
        case .figure: return "figure"
        case .file: return "file"
        case .image: return "image"
        case .replicated(let items): return "replicated \(items.first?.typeName ?? "value")"
        }
    }

    /// The per-replicate values of a replicated value; nil for anything else.
    public var replicates: [Value]? {
        if case .replicated(let items) = self { return items }
        return nil
    }

    /// The values of a replicated number, or the numbers of a list or vector (a sample to
    /// summarise); nil for anything else.
    public var sample: [Double]? {
        if case .replicated(let items) = self {
            let numbers = items.compactMap(\.number)
            return numbers.count == items.count ? numbers : nil
        }
        return reals
    }

    public static func int(_ n: Int) -> Value { .integer(BigInt(n)) }

    /// A list of exact integers.
    public static func ints(_ xs: [Int]) -> Value { .list(xs.map(Value.int)) }
}

/// A dense Float64 matrix, row-major.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public let elements: [Double]

    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns, "a matrix needs rows × columns elements")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from equally long rows.
    public init(_ rows: [[Double]]) {
        self.init(rows: rows.count, columns: rows.first?.count ?? 0, elements: rows.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double { elements[row * columns + column] }

    public func row(_ index: Int) -> [Double] { Array(elements[(index * columns)..<((index + 1) * columns)]) }

    public var rowArrays: [[Double]] { (0..<rows).map(row) }
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

/// A table with named columns, stored by column: a column of reals or of integers is typed data
/// (binary in the cache), any other column a list of values. Rendered as a GFM table.
public struct Table: Equatable, Sendable {
    public let columns: [String]
    public let data: [TableColumn]

    public init(columns: [String], data: [TableColumn]) {
        precondition(columns.count == data.count, "every column needs a name")
        precondition(Set(data.map(\.count)).count <= 1, "every column needs the same length")
        self.columns = columns
        self.data = data
    }

    /// A table from rows of values; columns that hold only integers, or only reals, become typed.
    public init(columns: [String], rows: [[Value]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one value per column")
        self.init(columns: columns, data: columns.indices.map { index in TableColumn(rows.map { $0[index] }) })
    }

    public var rowCount: Int { data.first?.count ?? 0 }

    /// The rows, left to right (built on demand).
    public var rows: [[Value]] { (0..<rowCount).map { row in data.map { $0[row] } } }

    /// The values of one column, top to bottom.
    public func column(_ name: String) -> TableColumn? {
        columns.firstIndex(of: name).map { data[$0] }
    }
}

/// One column of a table.
public enum TableColumn: Equatable, Sendable {
    case reals([Double])
    case integers([Int])
    case values([Value])

    /// The typed column that holds `values`: integers that fit in 64 bits; reals (integers mixed
    /// with reals become reals when exactly representable); otherwise the values themselves.
    init(_ values: [Value]) {
        var ints: [Int] = [], reals: [Double] = [], sawReal = false
        ints.reserveCapacity(values.count)
        reals.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .integer(let n):
                guard let small = Int(exactly: n), let x = Double(exactly: small) else { self = .values(values); return }
                ints.append(small)
                reals.append(x)
            case .real(let x):
                sawReal = true
                reals.append(x)
            default:
                self = .values(values)
                return
            }
        }
        self = values.isEmpty ? .values([]) : (sawReal ? .reals(reals) : .integers(ints))
    }

    public var count: Int {
        switch self {
        case .reals(let xs): return xs.count
        case .integers(let ns): return ns.count
        case .values(let vs): return vs.count
        }
    }

    public subscript(index: Int) -> Value {
        switch self {
        case .reals(let xs): return .real(xs[index])
        case .integers(let ns): return .int(ns[index])
        case .values(let vs): return vs[index]
        }
    }

    /// The column as one value: a vector of reals, or a list.
    public var value: Value {
        switch self {
        case .reals(let xs): return .vector(xs)
        case .integers(let ns): return .ints(ns)
        case .values(let vs): return .list(vs)
        }
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

/// An SVG or PNG image a researcher's program wrote (`exec`): the `figure` directive places it as
/// it is, in its own format only (the HTML paper embeds it, the Markdown paper links its file).
public struct Image: Codable, Equatable, Sendable {
    public enum Format: String, Codable, Sendable, CaseIterable {
        case svg, png

        public var mimeType: String { self == .svg ? "image/svg+xml" : "image/png" }
    }

    public var format: Format
    public var bytes: Data

    public init(format: Format, bytes: Data) {
        self.format = format
        self.bytes = bytes
    }
}
