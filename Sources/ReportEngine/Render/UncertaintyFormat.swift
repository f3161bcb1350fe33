import Foundation
import Landscape

/// The uncertainty formats: a replicated value (or a list of numbers) as mean ± spread, or as a
/// confidence interval of its mean.
extension ValueFormat {
    /// Why a replicated value cannot be printed as it is, naming the formats that print it.
    static func replicatedMessage(_ value: Value) -> String {
        "'\(value.typeName)' holds \(value.sample.map { "\($0.count) values" } ?? "several values"), one per replicate; "
            + "print it with an uncertainty format (\(uncertaintyFormats)) or summarise it (mean, sd, se, median, quantile, values)"
    }

    /// `mean ± spread`: with `digits`, both with that many decimals; without, the spread to two
    /// significant digits and the mean to the same decimal place, in scientific notation with a
    /// common power of ten when that place is beyond 10⁻⁴ or the mean at 10⁶ or more.
    static func plusMinus(_ sample: [Double], digits: Int?, spread: Spread) throws -> String {
        guard sample.count >= 2 else { throw FormatError(message: "a mean ± spread needs two or more values, not \(sample.count)") }
        let mean = Sample.mean(sample)
        let width = spread == .standardError ? Sample.standardError(sample) : Sample.standardDeviation(sample)
        guard mean.isFinite, width.isFinite else { throw FormatError(message: "the mean or spread is not a finite number") }
        if let digits {
            return fixed(mean, digits) + " ± " + fixed(width, digits)
        }
        let (decimals, power) = place(mean, width)
        let scale = pow(10, Double(power))
        let text = fixed(mean / scale, decimals) + " ± " + fixed(width / scale, decimals)
        return power == 0 ? text : "(\(text)) × 10\(superscript(power))"
    }

    /// `[low, high]`: the t interval mean ± t_{(1+level)/2, n−1} · se, rounded like `pm`.
    static func interval(_ sample: [Double], level: Int) throws -> String {
        guard sample.count >= 2 else { throw FormatError(message: "a confidence interval needs two or more values, not \(sample.count)") }
        let mean = Sample.mean(sample)
        let half = SpecialFunctions.studentTQuantile((1 + Double(level) / 100) / 2, df: Double(sample.count - 1))
            * Sample.standardError(sample)
        guard mean.isFinite, half.isFinite else { throw FormatError(message: "the mean or spread is not a finite number") }
        let (decimals, power) = place(mean, half)
        let scale = pow(10, Double(power))
        let text = "[\(fixed((mean - half) / scale, decimals)), \(fixed((mean + half) / scale, decimals))]"
        return power == 0 ? text : "\(text) × 10\(superscript(power))"
    }

    /// The decimals to print after dividing by 10^power: two significant digits of `width` (four
    /// of `mean` when the width is 0).
    private static func place(_ mean: Double, _ width: Double) -> (decimals: Int, power: Int) {
        let magnitude = width > 0 ? width : abs(mean)
        guard magnitude > 0 else { return (0, 0) }
        let digits = width > 0 ? 2 : 4
        // The exponent of the leading digit after rounding to `digits` significant digits.
        let rounded = Double(String(format: "%.\(digits - 1)e", magnitude))!
        let lead = Int(floor(log10(rounded)))
        let meanLead = mean == 0 ? lead : Int(floor(log10(abs(mean))))
        let power = (lead - digits + 1 < -4 || meanLead >= 6) ? max(lead, meanLead) : 0
        return (max(0, digits - 1 - (lead - power)), power)
    }

    private static func fixed(_ x: Double, _ decimals: Int) -> String { clean(String(format: "%.\(decimals)f", x)) }
}
