import BigInt
import Figures
import Foundation
import Landscape

/// Numeric arrays taken out of a value's JSON form and kept as little-endian binary, so that a
/// cache entry holds a vector of a million reals as 8 MB of bytes instead of text. Encoding with a
/// `BinarySideData` in the encoder's `userInfo` moves arrays into it (the JSON keeps an offset and
/// a count); decoding with one reads them back. Without one, arrays are written inline as text.
final class BinarySideData: @unchecked Sendable {
    static let userInfoKey = CodingUserInfoKey(rawValue: "report.binarySideData")!

    private(set) var bytes: [UInt8]

    init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    /// Appends 64-bit words (reals by their bit pattern) and returns where they start.
    func append(_ words: [UInt64]) -> Int {
        let offset = bytes.count / 8
        // Grow geometrically: reserving the exact size on every append copies the whole buffer
        // each time (quadratic in the number of arrays).
        let needed = bytes.count + 8 * words.count
        if bytes.capacity < needed { bytes.reserveCapacity(Swift.max(needed, 2 * bytes.capacity)) }
        for word in words {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return offset
    }

    /// `count` 64-bit words from word `offset`, or nil if they lie outside the data.
    func words(at offset: Int, count: Int) -> [UInt64]? {
        guard offset >= 0, count >= 0, (offset + count) * 8 <= bytes.count else { return nil }
        return [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for index in 0..<count {
                    buffer[index] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: (offset + index) * 8, as: UInt64.self))
                }
            }
            initialized = count
        }
    }
}

/// Where an array lives in the binary side data.
private struct SideReference: Codable {
    var offset: Int
    var count: Int
}

/// 64-bit arrays in a value's encoded form: in the side data when there is one, else inline text
/// (reals as Swift's shortest round-tripping text, so they come back bit for bit).
private enum WordArray {
    static func encode<K: CodingKey>(
        _ words: [UInt64], inline: [String], to container: inout KeyedEncodingContainer<K>, forKey key: K, encoder: Encoder
    ) throws {
        if let side = encoder.userInfo[BinarySideData.userInfoKey] as? BinarySideData {
            try container.encode(SideReference(offset: side.append(words), count: words.count), forKey: key)
        } else {
            try container.encode(inline, forKey: key)
        }
    }

    static func decode<K: CodingKey>(
        from container: KeyedDecodingContainer<K>, forKey key: K, decoder: Decoder, parse: (String) -> UInt64?
    ) throws -> [UInt64] {
        if let reference = try? container.decode(SideReference.self, forKey: key) {
            guard let side = decoder.userInfo[BinarySideData.userInfoKey] as? BinarySideData,
                  let words = side.words(at: reference.offset, count: reference.count) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "array outside the binary side data")
            }
            return words
        }
        return try container.decode([String].self, forKey: key).map { text in
            guard let word = parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "invalid number '\(text)'")
            }
            return word
        }
    }

    static func reals(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }
    static func ints(_ ns: [Int]) -> [UInt64] { ns.map { UInt64(bitPattern: Int64($0)) } }
    static func parseReal(_ text: String) -> UInt64? { Double(text)?.bitPattern }
    static func parseInt(_ text: String) -> UInt64? { Int64(text).map { UInt64(bitPattern: $0) } }
}

// MARK: - Canonical coded form (cache entries, cache keys, lock files)

extension Value: Codable {
    private enum Key: String, CodingKey {
        case int, real, bool, text, list, record, table, vector, matrix, complexMatrix, figure, file, image, replicated
        /// A long list of 64-bit integers in the binary side data (cache entries only).
        case ints
    }
    /// Lists of 64-bit integers at least this long go to the side data when there is one.
    private static let sideListLength = 64
    private struct Field: Codable { var name: String; var value: Value }
    private enum Shape: String, CodingKey { case rows, columns, elements, entries }

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
            guard let x = Double(try container.decode(String.self, forKey: key)) else { throw invalid("real") }
            self = .real(x)
        case .bool: self = .boolean(try container.decode(Bool.self, forKey: key))
        case .text: self = .text(try container.decode(String.self, forKey: key))
        case .list: self = .list(try container.decode([Value].self, forKey: key))
        case .ints:
            self = .ints(try WordArray.decode(from: container, forKey: key, decoder: decoder, parse: WordArray.parseInt)
                .map { Int(Int64(bitPattern: $0)) })
        case .record:
            self = .record(Record(try container.decode([Field].self, forKey: key).map { ($0.name, $0.value) }))
        case .table: self = .table(try container.decode(Table.self, forKey: key))
        case .vector:
            self = .vector(try WordArray.decode(from: container, forKey: key, decoder: decoder, parse: WordArray.parseReal)
                .map(Double.init(bitPattern:)))
        case .matrix, .complexMatrix:
            let shape = try container.nestedContainer(keyedBy: Shape.self, forKey: key)
            let rows = try shape.decode(Int.self, forKey: .rows), columns = try shape.decode(Int.self, forKey: .columns)
            let reals = try WordArray.decode(from: shape, forKey: .elements, decoder: decoder, parse: WordArray.parseReal)
                .map(Double.init(bitPattern:))
            let width = key == .matrix ? 1 : 2
            guard rows >= 0, columns >= 0, reals.count == rows * columns * width else { throw invalid("matrix shape") }
            self = key == .matrix
                ? .matrix(Matrix(rows: rows, columns: columns, elements: reals))
                : .complexMatrix(ComplexMatrix(rows: rows, cols: columns, entries: stride(from: 0, to: reals.count, by: 2).map {
                    Complex(reals[$0], reals[$0 + 1])
                }))
        case .figure: self = .figure(try container.decode(Figure.self, forKey: key))
        case .file: self = .file(try container.decode(AttachedFile.self, forKey: key))
        case .image: self = .image(try container.decode(Image.self, forKey: key))
        case .replicated: self = .replicated(try container.decode([Value].self, forKey: key))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .integer(let n): try container.encode(n.description, forKey: .int)
        case .real(let x): try container.encode(x.description, forKey: .real)
        case .boolean(let b): try container.encode(b, forKey: .bool)
        case .text(let s): try container.encode(s, forKey: .text)
        case .list(let items):
            // Only with side data (a cache entry), so keys and lock files keep one textual form.
            if items.count >= Self.sideListLength, encoder.userInfo[BinarySideData.userInfoKey] is BinarySideData,
               let ns = [Int](exactly: items) {
                try WordArray.encode(WordArray.ints(ns), inline: [], to: &container, forKey: .ints, encoder: encoder)
            } else {
                try container.encode(items, forKey: .list)
            }
        case .record(let record):
            try container.encode(record.fields.map { Field(name: $0.name, value: $0.value) }, forKey: .record)
        case .table(let table): try container.encode(table, forKey: .table)
        case .vector(let xs):
            try WordArray.encode(WordArray.reals(xs), inline: xs.map(\.description), to: &container, forKey: .vector, encoder: encoder)
        case .matrix(let m):
            try Self.encodeShape(rows: m.rows, columns: m.columns, reals: m.elements, into: &container, key: .matrix, encoder: encoder)
        case .complexMatrix(let m):
            try Self.encodeShape(rows: m.rows, columns: m.cols, reals: m.entries.flatMap { [$0.re, $0.im] },
                                 into: &container, key: .complexMatrix, encoder: encoder)
        case .figure(let figure): try container.encode(figure, forKey: .figure)
        case .file(let file): try container.encode(file, forKey: .file)
        case .image(let image): try container.encode(image, forKey: .image)
        case .replicated(let items): try container.encode(items, forKey: .replicated)
        }
    }

    private static func encodeShape(
        rows: Int, columns: Int, reals: [Double], into container: inout KeyedEncodingContainer<Key>, key: Key, encoder: Encoder
    ) throws {
        var shape = container.nestedContainer(keyedBy: Shape.self, forKey: key)
        try shape.encode(rows, forKey: .rows)
        try shape.encode(columns, forKey: .columns)
        try WordArray.encode(WordArray.reals(reals), inline: reals.map(\.description), to: &shape, forKey: .elements, encoder: encoder)
    }
}

extension Table: Codable {
    private enum Key: String, CodingKey { case columns, data }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let names = try container.decode([String].self, forKey: .columns)
        let data = try container.decode([TableColumn].self, forKey: .data)
        guard names.count == data.count, Set(data.map(\.count)).count <= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .data, in: container, debugDescription: "invalid table shape")
        }
        self.init(columns: names, data: data)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(data, forKey: .data)
    }
}

extension TableColumn: Codable {
    private enum Key: String, CodingKey { case reals, integers, values }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if container.contains(.reals) {
            self = .reals(try WordArray.decode(from: container, forKey: .reals, decoder: decoder, parse: WordArray.parseReal)
                .map(Double.init(bitPattern:)))
        } else if container.contains(.integers) {
            self = .integers(try WordArray.decode(from: container, forKey: .integers, decoder: decoder, parse: WordArray.parseInt)
                .map { Int(Int64(bitPattern: $0)) })
        } else {
            self = .values(try container.decode([Value].self, forKey: .values))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .reals(let xs):
            try WordArray.encode(WordArray.reals(xs), inline: xs.map(\.description), to: &container, forKey: .reals, encoder: encoder)
        case .integers(let ns):
            try WordArray.encode(WordArray.ints(ns), inline: ns.map(String.init), to: &container, forKey: .integers, encoder: encoder)
        case .values(let vs): try container.encode(vs, forKey: .values)
        }
    }
}

private extension Array where Element == Int {
    /// The machine integers of a list whose items are all integers that fit, else nil.
    init?(exactly items: [Value]) {
        var ns: [Int] = []
        ns.reserveCapacity(items.count)
        for item in items {
            guard case .integer(let n) = item, let small = Int(exactly: n) else { return nil }
            ns.append(small)
        }
        self = ns
    }
}
