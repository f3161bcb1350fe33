import CKernels
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
    func apply<S: NetworkScalar>(_ z: UnsafeMutablePointer<S>, bias: UnsafePointer<S>, slope: UnsafeMutablePointer<S>,
                                 rows: Int, width: Int) {
        switch self {
        case .tanh:
            S.tanhLayer(z, bias: bias, slope: slope, rows: rows, width: width)
        case .softplus:
            for r in 0..<rows {
                let z = z + r * width, slope = slope + r * width
                for j in 0..<width {
                    // log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}), stable for either sign.
                    let x = z[j] + bias[j], e = S.exponential(-abs(x))
                    z[j] = max(x, 0) + S.logarithmOnePlus(e)
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

/// tanh x as the tanh layers compute it (`ck_tanh` of the C kernels: plain arithmetic that
/// vectorises, within 4 ulps of glibc's `tanh`, the same bits for every instruction set).
@inline(__always)
func hyperbolicTangent(_ x: Double) -> Double { ck_tanh(x) }
