import Figures
import Foundation

/// A digest of what a figure shows, for the lock file: `report verify` reports a figure whose data
/// moved even when no printed number did, without comparing image bytes. A drawn figure's digest is
/// the SHA-256 of its description (every value drawn, every label, axis and style) in canonical
/// JSON with every number rounded to 6 significant digits, finer than any figure can show and
/// coarse enough that rounding noise of other BLAS kernels leaves it alone; an image a program
/// wrote is digested as its bytes.
enum FigureData {
    static let significantDigits = 6

    static func digest(of artwork: FigureRequest.Artwork) throws -> String {
        switch artwork {
        case .image(let image):
            return CacheKeys.hex(image.bytes)
        case .drawn(let figure):
            let json = String(decoding: try CanonicalJSON.encoder().encode(figure), as: UTF8.self)
            return CacheKeys.hex(Data(rounded(json).utf8))
        }
    }

    /// `json` with every number outside a string written with `significantDigits` digits.
    static func rounded(_ json: String) -> String {
        var out = "", number = "", inString = false, escaped = false
        func flush() {
            guard !number.isEmpty else { return }
            if let x = Double(number) {
                let text = String(format: "%.\(significantDigits)g", x)
                out += text == "-0" ? "0" : text
            } else {
                out += number
            }
            number = ""
        }
        for c in json {
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c.isASCII && (c.isNumber || c == "-" || (!number.isEmpty && "+.eE".contains(c))) {
                number.append(c)
            } else {
                flush()
                out.append(c)
                if c == "\"" { inString = true }
            }
        }
        flush()
        return out
    }
}
