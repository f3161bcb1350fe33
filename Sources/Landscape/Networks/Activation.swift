#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The pointwise nonlinearity σ of the hidden layers.
///
/// Backpropagation needs σ'(z) and the R-operator also σ''(z); both are written in terms of the
/// activation a = σ(z) and the slope s = σ'(z) kept from the forward pass:
/// - tanh: a = tanh z, s = 1 − a², σ'' = −2 a s;
/// - softplus: a = log(1 + eᶻ), s = 1/(1 + e⁻ᶻ) (the logistic function), σ'' = s (1 − s);
/// - ReLU: a = max(z, 0), s = 1 if z > 0 else 0, σ'' = 0 (its distributional part at z = 0 is dropped).
public enum Activation: String, Sendable, Hashable, CaseIterable {
    case tanh, softplus, relu

    /// Overwrites the `rows` × `width` pre-activations z (row-major) by σ(z + b), b added to every
    /// row, and writes the slopes σ'(z + b) into `slope`.
    func apply(_ z: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>, slope: UnsafeMutablePointer<Double>,
               rows: Int, width: Int) {
        switch self {
        case .tanh:
            for r in 0..<rows {
                let z = z + r * width, slope = slope + r * width
                for j in 0..<width {
                    let a = hyperbolicTangent(z[j] + bias[j])
                    z[j] = a; slope[j] = 1 - a * a
                }
            }
        case .softplus:
            for r in 0..<rows {
                let z = z + r * width, slope = slope + r * width
                for j in 0..<width {
                    // log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}), stable for either sign.
                    let x = z[j] + bias[j], e = exp(-abs(x))
                    z[j] = max(x, 0) + log1p(e)
                    slope[j] = x >= 0 ? 1 / (1 + e) : e / (1 + e)
                }
            }
        case .relu:
            for r in 0..<rows {
                let z = z + r * width, slope = slope + r * width
                for j in 0..<width {
                    let x = z[j] + bias[j]
                    z[j] = x > 0 ? x : 0; slope[j] = x > 0 ? 1 : 0
                }
            }
        }
    }

    /// σ''(z) from the activation a = σ(z) and the slope s = σ'(z).
    @inline(__always)
    func curvature(activation a: Double, slope s: Double) -> Double {
        switch self {
        case .tanh: return -2 * a * s
        case .softplus: return s * (1 - s)
        case .relu: return 0
        }
    }
}

/// tanh x in plain arithmetic, so the activation loop vectorises (glibc's `tanh` is a call per
/// element and dominated the forward pass): tanh |x| = (e^{2|x|} − 1) / (e^{2|x|} + 1) with
/// y = 2|x| ≤ 40 (beyond, tanh = 1 in Float64) split as y = k ln 2 + r, |r| ≤ ln 2 / 2 (Cody–Waite,
/// k by the 1.5 · 2⁵² rounding shift), e^r − 1 = r (1 + r/2! + … + r¹²/13!) (truncation < 1e-17, Estrin's scheme) and
/// e^y − 1 = 2ᵏ (e^r − 1) + (2ᵏ − 1), which keeps full relative accuracy near 0. Within 4 ulps
/// of glibc's `tanh` (tested).
@inline(__always)
func hyperbolicTangent(_ x: Double) -> Double {
    let y = min(2 * abs(x), 40)
    let shifted = y * 1.4426950408889634 + 0x1.8p52
    let k = shifted - 0x1.8p52
    let r = (y - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
    // (e^r − 1) / r = Σ_{k=0}^{12} r^k / (k+1)!, by Estrin's scheme (short dependency chains, so
    // consecutive elements overlap in the pipeline).
    let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
    let b0 = 1 + r * 0.5, b1 = 1.0 / 6 + r * (1.0 / 24), b2 = 1.0 / 120 + r * (1.0 / 720)
    let b3 = 1.0 / 5040 + r * (1.0 / 40320), b4 = 1.0 / 362_880 + r * (1.0 / 3_628_800)
    let b5 = 1.0 / 39_916_800 + r * (1.0 / 479_001_600), b6 = 1.0 / 6_227_020_800
    let q = (b0 + r2 * b1) + r4 * (b2 + r2 * b3) + r8 * ((b4 + r2 * b5) + r4 * b6)
    let power = Double(bitPattern: (shifted.bitPattern &+ 1023) << 52)  // 2ᵏ: k sits in the low bits of `shifted`
    let expm1 = power * (q * r) + (power - 1)
    let t = expm1 / (expm1 + 2)
    return x < 0 ? -t : t
}
