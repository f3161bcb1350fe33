import BigInt
import Foundation

/// Values as plain JSON, the form a researcher's own program reads and writes (`exec`). Reading
/// keeps integers exact (any size) and objects in their written order, which Foundation's reader
/// does not: an integer is a number written without a fraction or exponent; `NaN`, `Infinity` and
/// `-Infinity` (as Python's `json` writes them) are reals.
enum ValueJSON {
    /// Deeper nesting than this is refused, so a hostile file cannot exhaust the stack.
    static let maximumDepth = 200

    /// The value of the JSON text `data`; a list of integers stays a list of exact integers, a list
    /// of numbers with a real in it becomes a vector, an object becomes a record. `name` names the
    /// file in messages.
    static func read(_ data: Data, name: String) throws -> Value {
        var reader = Reader(bytes: Array(data), name: name)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.position == reader.bytes.count else { throw reader.failure("unexpected text after the JSON value") }
        return value
    }

    /// The JSON text of a plain value (integers exact, reals round-tripping, non-finite reals as
    /// `NaN`/`Infinity`/`-Infinity`, lists and vectors as arrays, a matrix as an array of its rows,
    /// records as objects); any other value is written as its plain text.
    static func text(_ value: Value) -> String {
        switch value {
        case .integer(let n): return n.description
        case .real(let x): return real(x)
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items), .replicated(let items): return "[" + items.map(text).joined(separator: ",") + "]"
        case .vector(let xs): return "[" + xs.map(real).joined(separator: ",") + "]"
        case .matrix(let m):
            return "[" + (0..<m.rows).map { row in
                "[" + m.elements[row * m.columns..<(row + 1) * m.columns].map(real).joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
        case .record(let record):
            return "{" + record.fields.map { quoted($0.name) + ":" + text($0.value) }.joined(separator: ",") + "}"
        default: return quoted(ValueFormat.plain(value))
        }
    }

    /// Whether `text` writes `value` as JSON of its own (not as its plain text, as it does a table,
    /// an image or a figure).
    static func holdsWhole(_ value: Value) -> Bool {
        switch value {
        case .integer, .real, .boolean, .text, .vector, .matrix: return true
        case .list(let items), .replicated(let items): return items.allSatisfy(holdsWhole)
        case .record(let record): return record.fields.allSatisfy { holdsWhole($0.value) }
        default: return false
        }
    }

    private static func real(_ x: Double) -> String {
        x.isNaN ? "NaN" : x.isInfinite ? (x > 0 ? "Infinity" : "-Infinity") : x.description
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A cursor over the bytes of a JSON text.
    private struct Reader {
        let bytes: [UInt8]
        let name: String
        var position = 0

        func failure(_ message: String) -> DirectiveFailure {
            let line = bytes[..<min(position, bytes.count)].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return DirectiveFailure("'\(name)' line \(line): \(message)")
        }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        private mutating func expect(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 else { return false }
            position += utf8.count
            return true
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < ValueJSON.maximumDepth else { throw failure("nested deeper than \(ValueJSON.maximumDepth) levels") }
            guard position < bytes.count else { throw failure("unexpected end of the file") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .text(try string())
            default:
                if expect("true") { return .boolean(true) }
                if expect("false") { return .boolean(false) }
                if expect("null") { position -= 4; throw failure("null is not a value; leave the field out instead") }
                if expect("NaN") { return .real(.nan) }
                if expect("Infinity") { return .real(.infinity) }
                if expect("-Infinity") { return .real(-.infinity) }
                return try number()
            }
        }

        private mutating func object(depth: Int) throws -> Value {
            position += 1
            var fields: [(String, Value)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .record(Record(fields)) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a field name in quotes") }
                let key = try string()
                guard !fields.contains(where: { $0.0 == key }) else { throw failure("field '\(key)' is given twice") }
                skipSpace()
                guard expect(":") else { throw failure("expected ':' after '\(key)'") }
                skipSpace()
                fields.append((key, try value(depth: depth + 1)))
                skipSpace()
                if expect(",") { continue }
                guard expect("}") else { throw failure("expected ',' or '}'") }
                return .record(Record(fields))
            }
        }

        private mutating func array(depth: Int) throws -> Value {
            position += 1
            var items: [Value] = []
            skipSpace()
            if !expect("]") {
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if expect(",") { continue }
                    guard expect("]") else { throw failure("expected ',' or ']'") }
                    break
                }
            }
            // A list of numbers with a real in it is a vector; integers alone stay exact.
            let isNumeric = !items.isEmpty && items.allSatisfy { $0.number != nil }
            if isNumeric, items.contains(where: { if case .real = $0 { return true } else { return false } }) {
                return .vector(items.map { $0.number! })
            }
            return .list(items)
        }

        private mutating func number() throws -> Value {
            let start = position
            let numberBytes = Set("+-0123456789.eE".utf8)
            while position < bytes.count, numberBytes.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            let isInteger = !text.contains(where: { ".eE".contains($0) })
            if isInteger, let n = BigIntParser.parse(text), !text.hasPrefix("+") { return .integer(n) }
            if !isInteger, text.first != "+", let x = Double(text), x.isFinite { return .real(x) }
            position = start
            throw failure(text.isEmpty ? "expected a value" : "'\(text)' is not a JSON number")
        }

        private mutating func string() throws -> String {
            position += 1
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run = [] }
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard position < bytes.count else { break }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{c}")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), expect("\\u") {
                            let low = try hex4()
                            code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: scalars.append(Unicode.Scalar(escape))
                    }
                case 0..<0x20:
                    throw failure("a control character inside a string")
                default:
                    run.append(byte)
                }
            }
            throw failure("a string is not closed")
        }

        private mutating func hex4() throws -> UInt32 {
            guard bytes.count - position >= 4, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
                throw failure("bad \\u escape")
            }
            position += 4
            return code
        }
    }
}
