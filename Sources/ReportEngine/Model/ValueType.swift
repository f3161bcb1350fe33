import BigInt
import Figures
import Landscape

/// The declared type of a result, as `report directives` prints it and the schema test checks it.
public indirect enum ValueType: Sendable, Equatable, CustomStringConvertible {
    case integer, real, boolean, text, vector, matrix, complexMatrix, table, figure, file, image
    /// A record of named values (any types).
    case record
    /// A list whose items all have one type.
    case list(ValueType)
    /// Any value (a researcher's own program decides).
    case any

    public var description: String {
        switch self {
        case .integer: return "integer"
        case .real: return "number"
        case .boolean: return "boolean"
        case .text: return "string"
        case .vector: return "vector"
        case .matrix: return "matrix"
        case .complexMatrix: return "complex matrix"
        case .table: return "table"
        case .figure: return "figure"
        case .file: return "file"
        case .image: return "image"
        case .record: return "record"
        case .list(let item): return "list of \(item)"
        case .any: return "value"
        }
    }

    /// Whether `value` has this type.
    public func admits(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _), (.integer, .integer), (.real, .real), (.boolean, .boolean), (.text, .text), (.vector, .vector),
             (.matrix, .matrix), (.complexMatrix, .complexMatrix), (.table, .table), (.figure, .figure), (.file, .file), (.image, .image),
             (.record, .record):
            return true
        case (.list(let item), .list(let items)): return items.allSatisfy(item.admits)
        default: return false
        }
    }
}

/// A Swift type that a directive reads or writes as a `Value`.
public protocol ValueConvertible: Sendable {
    static var valueType: ValueType { get }
    /// The Swift value of `value`, or nil if `value` has another type.
    init?(value: Value)
    var value: Value { get }
}

extension Int: ValueConvertible {
    public static var valueType: ValueType { .integer }
    public init?(value: Value) {
        guard case .integer(let n) = value, let small = Int(exactly: n) else { return nil }
        self = small
    }
    public var value: Value { .int(self) }
}

extension BigInt: ValueConvertible {
    public static var valueType: ValueType { .integer }
    public init?(value: Value) {
        guard case .integer(let n) = value else { return nil }
        self = n
    }
    public var value: Value { .integer(self) }
}

extension Double: ValueConvertible {
    public static var valueType: ValueType { .real }
    /// Integers read as reals.
    public init?(value: Value) {
        guard let x = value.number else { return nil }
        self = x
    }
    public var value: Value { .real(self) }
}

extension Bool: ValueConvertible {
    public static var valueType: ValueType { .boolean }
    public init?(value: Value) {
        guard case .boolean(let b) = value else { return nil }
        self = b
    }
    public var value: Value { .boolean(self) }
}

extension String: ValueConvertible {
    public static var valueType: ValueType { .text }
    public init?(value: Value) {
        guard case .text(let s) = value else { return nil }
        self = s
    }
    public var value: Value { .text(self) }
}

extension Array: ValueConvertible where Element: ListItem {
    public static var valueType: ValueType { Element.listType }
    public init?(value: Value) {
        guard let items = Element.items(of: value) else { return nil }
        self = items
    }
    public var value: Value { Element.listValue(self) }
}

/// A type whose arrays are values: reals make a vector, anything else a list.
public protocol ListItem: Sendable {
    static var listType: ValueType { get }
    static func items(of value: Value) -> [Self]?
    static func listValue(_ items: [Self]) -> Value
}

extension Double: ListItem {
    public static var listType: ValueType { .vector }
    /// A vector, or a list of numbers.
    public static func items(of value: Value) -> [Double]? { value.reals }
    public static func listValue(_ items: [Double]) -> Value { .vector(items) }
}

extension ListItem where Self: ValueConvertible {
    public static var listType: ValueType { .list(valueType) }
    public static func items(of value: Value) -> [Self]? {
        guard let elements = value.elements else { return nil }
        let items = elements.compactMap(Self.init(value:))
        return items.count == elements.count ? items : nil
    }
    public static func listValue(_ items: [Self]) -> Value { .list(items.map(\.value)) }
}

extension Int: ListItem {}
extension String: ListItem {}
extension BigInt: ListItem {}
extension Array: ListItem where Element: ListItem {}

extension Matrix: ValueConvertible {
    public static var valueType: ValueType { .matrix }
    /// A matrix, or a list of equally long lists of numbers.
    public init?(value: Value) {
        switch value {
        case .matrix(let m): self = m
        case .list(let rows):
            let numbers = rows.compactMap(\.reals)
            guard numbers.count == rows.count, Set(numbers.map(\.count)).count <= 1 else { return nil }
            self.init(numbers)
        default: return nil
        }
    }
    public var value: Value { .matrix(self) }
}

extension ComplexMatrix: ValueConvertible {
    public static var valueType: ValueType { .complexMatrix }
    public init?(value: Value) {
        guard case .complexMatrix(let m) = value else { return nil }
        self = m
    }
    public var value: Value { .complexMatrix(self) }
}

extension Table: ValueConvertible {
    public static var valueType: ValueType { .table }
    public init?(value: Value) {
        guard case .table(let t) = value else { return nil }
        self = t
    }
    public var value: Value { .table(self) }
}

extension Record: ValueConvertible {
    public static var valueType: ValueType { .record }
    public init?(value: Value) {
        guard case .record(let r) = value else { return nil }
        self = r
    }
    public var value: Value { .record(self) }
}

extension AttachedFile: ValueConvertible {
    public static var valueType: ValueType { .file }
    public init?(value: Value) {
        guard case .file(let f) = value else { return nil }
        self = f
    }
    public var value: Value { .file(self) }
}

extension Value: ValueConvertible {
    public static var valueType: ValueType { .any }
    public init?(value: Value) { self = value }
    public var value: Value { self }
}
