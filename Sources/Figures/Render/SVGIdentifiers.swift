/// Makes Cairo's SVG ids depend on the document alone. Cairo numbers surfaces and images
/// (`surface5`, `image176`) from process-wide counters, so the same figure would differ between
/// the first and a later rendering in one process. Every id of the families below, where it
/// stands as an id or a reference (after `"` or `#`), is renumbered in order of first appearance.
enum SVGIdentifiers {
    static let families = ["surface", "image", "pattern", "source", "clip", "mask", "linear", "radial"]

    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let prefixes = families.map { Array($0.utf8) }
        var numbers: [[UInt8]: Int] = [:]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            i += 1
            guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "#"),
                  let prefix = prefixes.first(where: { bytes[i...].starts(with: $0) }) else { continue }
            var end = i + prefix.count
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            guard end > i + prefix.count else { continue }
            let name = Array(bytes[i..<end])
            let n = numbers[name] ?? numbers.count + 1
            numbers[name] = n
            out += prefix + Array(String(n).utf8)
            i = end
        }
        return out
    }
}
