import BigInt
import Foundation

/// How a value is written into the paper. Formats are explicit; without one, integers are written
/// exactly and reals with 4 significant digits.
public enum ValueFormat: Sendable, Equatable {
    /// Rounded to an integer: `2204`.
    case int
    /// An integer with thousands separators: `2,204`.
    case thousands
    /// A fixed number of decimals: `fixed:2` -> `3.14`.
    case fixed(Int)
    /// Significant digits, trailing zeros kept: `sig:3` -> `0.100`.
    case sig(Int)
    /// Scientific notation with a given number of decimals: `sci:2` -> `1.23 × 10⁻⁵`.
    case sci(Int)
    /// A fraction as a percentage with a given number of decimals: `percent:1` -> `93.8%`.
    case percent(Int)
    /// A replicated value (or a list of numbers) as its mean ± its standard error (`pm`) or
    /// standard deviation (`pm-sd`), with a given number of decimals or (nil) the spread to two
    /// significant digits and the mean to the same place: `0.822 ± 0.012`.
    case plusMinus(Int?, Spread)
    /// The t confidence interval of the mean at a level in percent: `ci:95` -> `[0.796, 0.848]`.
    case confidenceInterval(Int)

    public enum Spread: Sendable, Equatable {
        case standardError, standardDeviation
    }

    /// The formats by name, with whether each takes a digit count.
    static let catalogue: [(name: String, takesDigits: Bool)] = [
        ("int", false), ("thousands", false), ("fixed", true), ("sig", true), ("sci", true), ("percent", true),
        ("pm", true), ("pm-sd", true), ("ci", true),
    ]

    /// The formats that print a replicated value, as error messages list them.
    static let uncertaintyFormats = "pm, pm:N, pm-sd, ci:95"

    /// Parses `name` or `name:digits`.
    static func parseSpec(_ text: String, at location: SourceLocation) throws -> FormatSpec {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimming(" ") }
        let name = parts.first ?? ""
        guard let entry = catalogue.first(where: { $0.name == name }) else {
            throw Diagnostic.error(
                at: location, "unknown format '\(name)'\(suggestion(for: name, among: catalogue.map(\.name)))")
        }
        var digits: Int?
        if parts.count == 2 {
            let range = name == "ci" ? 1...99 : 0...17
            guard entry.takesDigits, let n = Int(parts[1]), range.contains(n) else {
                throw Diagnostic.error(at: location, !entry.takesDigits
                    ? "format '\(name)' takes no argument"
                    : name == "ci" ? "format 'ci' takes a confidence level in percent from 1 to 99, as in ci:95, not '\(parts[1])'"
                    : "format '\(name)' takes a digit count from 0 to 17, not '\(parts[1])'")
            }
            digits = n
        }
        let format: ValueFormat
        switch name {
        case "int": format = .int
        case "thousands": format = .thousands
        case "fixed": format = .fixed(digits ?? 2)
        case "sig": format = .sig(max(1, digits ?? 4))
        case "sci": format = .sci(digits ?? 2)
        case "pm": format = .plusMinus(digits, .standardError)
        case "pm-sd": format = .plusMinus(digits, .standardDeviation)
        case "ci": format = .confidenceInterval(digits ?? 95)
        default: format = .percent(digits ?? 1)
        }
        return FormatSpec(format: format, location: location)
    }

    /// Writes `value` in this format; non-numbers cannot be formatted numerically.
    func apply(to value: Value) throws -> String {
        if let sample = value.sample, value.number == nil {
            switch self {
            case .plusMinus(let digits, let spread): return try Self.plusMinus(sample, digits: digits, spread: spread)
            case .confidenceInterval(let level): return try Self.interval(sample, level: level)
            default: break
            }
        }
        if case .replicated = value { throw FormatError(message: Self.replicatedMessage(value)) }
        if case .integer(let n) = value {
            switch self {
            case .int: return n.description
            case .thousands: return Self.grouped(n.description)
            default: break
            }
        }
        guard let x = value.number else {
            throw FormatError(message: "cannot format a \(value.typeName) as a number")
        }
        guard x.isFinite else { return Self.nonFinite(x) }
        switch self {
        case .int: return Self.clean(String(format: "%.0f", x))
        case .thousands: return Self.grouped(Self.clean(String(format: "%.0f", x)))
        case .fixed(let d): return Self.clean(String(format: "%.\(d)f", x))
        case .sig(let d): return Self.significant(x, digits: d, trimZeros: false)
        case .sci(let d): return Self.scientific(x, decimals: d)
        case .percent(let d): return Self.clean(String(format: "%.\(d)f", x * 100)) + "%"
        case .plusMinus, .confidenceInterval:
            throw FormatError(message: "'pm', 'pm-sd' and 'ci' print a replicated value or a list of numbers, not a single number")
        }
    }

    /// The default rendering of any value.
    public static func plain(_ value: Value) -> String {
        switch value {
        case .integer(let n): return n.description
        case .real(let x): return x.isFinite ? significant(x, digits: 4, trimZeros: true) : nonFinite(x)
        case .boolean(let b): return b ? "true" : "false"
        case .text(let s): return s
        case .list(let items): return items.map(plain).joined(separator: ", ")
        case .record(let record): return record.fields.map { "\($0.name): \(plain($0.value))" }.joined(separator: ", ")
        case .table(let table): return "(table of \(table.rowCount) rows)"
        case .vector(let xs): return xs.map { plain(.real($0)) }.joined(separator: ", ")
        case .matrix(let m): return "(\(m.rows) × \(m.columns) matrix)"
        case .complexMatrix(let m): return "(\(m.rows) × \(m.cols) complex matrix)"
        case .figure: return "(figure)"
        case .file(let file): return file.name
        case .image(let image): return "(\(image.format.rawValue) image)"
        case .replicated(let items): return "(\(items.count) replicates)"
        }
    }

    struct FormatError: Error { var message: String }

    private static func nonFinite(_ x: Double) -> String { x.isNaN ? "NaN" : (x > 0 ? "∞" : "-∞") }

    /// Removes a minus sign from a zero such as `-0.00`.
    static func clean(_ text: String) -> String {
        text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    private static func grouped(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        var body = Array(negative ? digits.dropFirst() : Substring(digits))
        var index = body.count - 3
        while index > 0 { body.insert(",", at: index); index -= 3 }
        return (negative ? "-" : "") + String(body)
    }

    static func significant(_ x: Double, digits: Int, trimZeros: Bool) -> String {
        if x == 0 { return trimZeros || digits == 1 ? "0" : "0." + String(repeating: "0", count: digits - 1) }
        let rounded = Double(String(format: "%.\(digits - 1)e", x))!
        let exponent = Int(floor(log10(abs(rounded))))
        if exponent < -4 || exponent >= 6 {
            return scientific(x, decimals: digits - 1, trimZeros: trimZeros)
        }
        var text = String(format: "%.\(max(0, digits - 1 - exponent))f", rounded)
        if trimZeros, text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return clean(text)
    }

    private static func scientific(_ x: Double, decimals: Int, trimZeros: Bool = false) -> String {
        let parts = String(format: "%.\(decimals)e", x).split(separator: "e")
        var mantissa = String(parts[0])
        if trimZeros, mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        let exponent = Int(parts[1])!
        if exponent == 0 { return mantissa }
        return "\(mantissa) × 10\(superscript(exponent))"
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(String(abs(n)).map { digits[Int(String($0))!] })
    }
}
