import Foundation

/// The exponential integral `E1(x) = ∫_x^∞ e^{−t}/t dt` for x > 0.
///
/// E1 normalises the boundary model's density `e^{−s}/s` on `[ε, ∞)`: `∫_ε^∞ e^{−s}/s ds = E1(ε)`.
/// Two expansions, each used where it converges fast and without cancellation:
/// - `0 < x ≤ 1`: the power series `E1(x) = −γ − ln x − Σ_{k≥1} (−x)^k / (k · k!)`;
/// - `x > 1`: the continued fraction `E1(x) = e^{−x} / (x + 1 − 1²/(x + 3 − 2²/(x + 5 − …)))`,
///   evaluated by the modified Lentz method.
/// Relative accuracy is about 1e-15 over (1e-300, 700); above about 708 the result underflows.
public func exponentialIntegralE1(_ x: Double) -> Double {
    precondition(x > 0, "E1 is defined here for x > 0 only")
    return x <= 1 ? e1Series(x) : scaledE1ContinuedFraction(x) * exp(-x)
}

/// `e^x E1(x)`, which stays finite (≈ 1/x) where E1 itself underflows: the boundary model's ratios
/// `e^{−ε}/E1(ε)` are read from it for any ε.
func scaledExponentialIntegralE1(_ x: Double) -> Double {
    precondition(x > 0, "E1 is defined here for x > 0 only")
    return x <= 1 ? exp(x) * e1Series(x) : scaledE1ContinuedFraction(x)
}

/// Euler's constant γ.
private let eulerGamma = 0.577_215_664_901_532_860_6

private func e1Series(_ x: Double) -> Double {
    var sum = 0.0, power = 1.0   // power = (−x)^k / k!
    var k = 1.0
    while true {
        power *= -x / k
        let term = power / k
        sum += term
        if abs(term) <= Double.ulpOfOne * abs(sum) { break }
        k += 1
    }
    return -eulerGamma - log(x) - sum
}

/// The continued fraction without its factor e^{−x}; for x > 1 it converges within 90 terms.
private func scaledE1ContinuedFraction(_ x: Double) -> Double {
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    var b = x + 1
    var c = 1 / tiny, d = 1 / b, h = d
    for i in 1...1000 {
        let a = -Double(i * i)
        b += 2
        d = 1 / (a * d + b)
        c = b + a / c
        let delta = c * d
        h *= delta
        if abs(delta - 1) <= Double.ulpOfOne { return h }
    }
    preconditionFailure("the continued fraction of E1(\(x)) did not converge")
}
