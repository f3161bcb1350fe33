import Foundation

/// The ticks of one axis: labelled major positions and unlabelled minor ones, in data units.
struct TickSet: Equatable {
    var major: [Double]
    /// One per major tick; an empty label leaves its tick unlabelled.
    var labels: [String]
    var minor: [Double] = []
}

/// Chooses tick positions: "nice" 1-2-5 steps on linear axes, decades on logarithmic ones.
enum TickLocator {
    /// The smallest step `m × 10^k` (`m` in 1, 2, 5) leaving at most `maxIntervals` intervals
    /// between the ticks inside `lo...hi`, and at least two ticks (which may take more intervals).
    static func niceStep(_ lo: Double, _ hi: Double, maxIntervals: Int) -> Double {
        let span = hi - lo
        guard span > 0, span.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(span / Double(max(maxIntervals, 1)))))
        let candidates = [0.1, 1, 10].flatMap { scale in [1.0, 2, 5].map { $0 * scale * magnitude } }
        let counts = candidates.map { multiples(of: $0, in: lo, hi).count }
        let fitting = candidates.indices.first { counts[$0] >= 2 && counts[$0] - 1 <= maxIntervals }
        let readable = candidates.indices.last { counts[$0] >= 2 }
        return (fitting ?? readable).map { candidates[$0] } ?? magnitude
    }

    /// The multiples of `step` inside `lo...hi` (allowing for rounding), with `-0` made `0`.
    static func multiples(of step: Double, in lo: Double, _ hi: Double) -> [Double] {
        let tolerance = 1e-9
        let first = (lo / step - tolerance).rounded(.up)
        let last = (hi / step + tolerance).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { k in k == 0 ? 0 : k * step }
    }

    /// Linear ticks over `lo...hi`, labelled with as many decimals as the step needs.
    static func linear(_ lo: Double, _ hi: Double, maxIntervals: Int) -> TickSet {
        let step = niceStep(lo, hi, maxIntervals: maxIntervals)
        let major = multiples(of: step, in: lo, hi)
        let largest = major.map(abs).max() ?? 0
        let exponent = largest >= 1e5 || step < 1e-4 ? Int(floor(log10(max(largest, step)))) : 0
        return TickSet(major: major, labels: major.map { TickLabel.decimal($0, step: step, exponent: exponent) })
    }

    /// Logarithmic ticks: each decade inside `lo...hi` (every n-th decade when there are too many,
    /// the others then minor), with minor ticks at 2...9 times each decade. Ranges spanning less
    /// than two decade ticks fall back to linear ticks, as a decade tick alone cannot be read.
    static func log(_ lo: Double, _ hi: Double, maxIntervals: Int) -> TickSet {
        guard lo > 0, hi > lo else { return linear(lo, hi, maxIntervals: maxIntervals) }
        let first = Int((log10(lo) - 1e-9).rounded(.up))
        let last = Int((log10(hi) + 1e-9).rounded(.down))
        guard last > first else { return linear(lo, hi, maxIntervals: maxIntervals) }
        let every = max(1, Int((Double(last - first) / Double(max(maxIntervals, 1))).rounded(.up)))
        let decades = Array(first...last)
        let major = decades.filter { $0 % every == 0 }
        var minor: [Double]
        if every > 1 {
            minor = decades.filter { $0 % every != 0 }.map { pow(10, Double($0)) }
        } else {
            minor = ((first - 1)...last).flatMap { k in (2...9).map { Double($0) * pow(10, Double(k)) } }
            minor = minor.filter { $0 >= lo * (1 - 1e-9) && $0 <= hi * (1 + 1e-9) }
        }
        return TickSet(major: major.map { pow(10, Double($0)) },
                       labels: major.map { TickLabel.power(of: 10, $0) }, minor: minor)
    }
}

/// Tick label text: U+2212 for minus signs, superscript digits for powers.
enum TickLabel {
    static let minus = "\u{2212}"

    /// `value` with the decimals that multiples of `step` need; a nonzero `exponent` writes it
    /// in scientific notation as `m×10ⁿ`.
    static func decimal(_ value: Double, step: Double, exponent: Int = 0) -> String {
        if value == 0 && exponent != 0 { return "0" }
        let scale = pow(10, Double(exponent))
        let mantissa = fixed(value / scale, decimals: decimals(for: step / scale))
        return exponent == 0 ? mantissa : mantissa + "×10" + superscript(exponent)
    }

    /// `base` raised to `exponent`, e.g. `10⁻³`.
    static func power(of base: Int, _ exponent: Int) -> String {
        "\(base)" + superscript(exponent)
    }

    /// Digits needed to show multiples of a 1-2-5 `step` exactly.
    static func decimals(for step: Double) -> Int {
        max(0, -Int(floor(log10(step) + 1e-9)))
    }

    /// Fixed-point text with a proper minus sign and no negative zero.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return value < 0 && !isZero ? minus + text : text
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(abs(n)).map { digits[Int(String($0))!] }
    }
}
