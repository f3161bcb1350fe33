/// Makes Cairo's SVG ids depend on the document alone. Cairo numbers some ids (`surface5`) from a
/// process-wide counter, so the same figure would differ between the first and a later rendering;
/// here every id of those families is renumbered in order of first appearance.
enum SVGIdentifiers {
    static let families = ["surface"]

    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        for family in families { text = renumbered(family, in: text) }
        return Array(text.utf8)
    }

    /// Replaces each `family<digits>` by `family<n>`, n counting distinct ids from 1.
    private static func renumbered(_ family: String, in text: String) -> String {
        var numbers: [Substring: Int] = [:]
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let range = rest.range(of: family) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { continue }
            let n = numbers[digits] ?? numbers.count + 1
            numbers[digits] = n
            out += String(n)
            rest = rest.dropFirst(digits.count)
        }
        return out + rest
    }
}
