/// A stretch of a line of text set at one size on one baseline. Unicode superscript and subscript
/// characters (`10⁻³`, `q₁₂`) and TeX-style groups (`D_{mean}`, `x^{2}`) are set as ordinary
/// characters, smaller and raised or lowered, as typeset mathematics is; DejaVu's own script glyphs
/// are too small at print sizes. A bare `_` or `^` without braces stays as it is.
struct TextRun: Equatable {
    enum Script: Equatable {
        /// `lowered` is a subscript (`subscript` is a Swift keyword).
        case normal, superscript, lowered

        /// Size relative to the surrounding text.
        var scale: Double { self == .normal ? 1 : 0.7 }

        /// Baseline shift upwards, in units of the surrounding font size.
        var rise: Double {
            switch self {
            case .normal: return 0
            case .superscript: return 0.36
            case .lowered: return -0.14
            }
        }
    }

    var text: String
    var script: Script

    private static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁺": "+", "⁻": "\u{2212}", "⁼": "=", "⁽": "(", "⁾": ")", "ⁿ": "n", "ⁱ": "i",
    ]
    private static let subscripts: [Character: Character] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "₊": "+", "₋": "\u{2212}", "₌": "=", "₍": "(", "₎": ")",
    ]

    /// Splits `text` into runs. A middle dot between two superscript characters (`r⁻¹·⁵`) is the
    /// decimal point of the exponent; a hyphen inside a group is a minus sign.
    static func runs(_ text: String) -> [TextRun] {
        let characters = Array(text)
        var runs: [TextRun] = []
        var group: Script?
        var i = 0
        while i < characters.count {
            defer { i += 1 }
            let c = characters[i]
            if group == nil, c == "_" || c == "^", i + 1 < characters.count, characters[i + 1] == "{",
               characters[(i + 2)...].contains("}") {
                group = c == "_" ? .lowered : .superscript
                i += 1
                continue
            }
            if group != nil, c == "}" {
                group = nil
                continue
            }
            var script = group ?? Script.normal
            var plain = c
            if group != nil {
                plain = c == "-" ? "\u{2212}" : c
            } else if let s = superscripts[c] {
                (script, plain) = (.superscript, s)
            } else if let s = subscripts[c] {
                (script, plain) = (.lowered, s)
            } else if c == "·", i > 0, i + 1 < characters.count,
                      superscripts[characters[i - 1]] != nil, superscripts[characters[i + 1]] != nil {
                (script, plain) = (.superscript, ".")
            }
            if runs.last?.script == script {
                runs[runs.count - 1].text.append(plain)
            } else {
                runs.append(TextRun(text: String(plain), script: script))
            }
        }
        return runs
    }
}
