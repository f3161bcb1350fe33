#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The per-example loss ℓ(z, y) of the network's outputs z ∈ ℝᶜ; the training loss is the mean
/// over the examples, L = (1/N) Σᵢ ℓ(f(xᵢ), yᵢ).
/// - softmax cross-entropy (integer labels y): ℓ = log Σ_k e^{z_k} − z_y (natural log);
///   ∂ℓ/∂z = p − e_y with p = softmax z; ∂²ℓ/∂z² = diag p − p pᵀ.
/// - mean squared error (real targets t, or one-hot targets for labels): ℓ = (1/C) Σ_k (z_k − t_k)²,
///   PyTorch's `MSELoss` convention; ∂ℓ/∂z = (2/C)(z − t); ∂²ℓ/∂z² = (2/C) I.
public enum LossFunction: String, Sendable, Hashable, CaseIterable {
    case softmaxCrossEntropy, meanSquaredError

    /// For `rows` rows of outputs z (row-major, rows × width): writes ℓᵢ into `perExample` (if
    /// given) and `scale · ∂ℓᵢ/∂zᵢ` into `gradient` (if given); returns Σᵢ ℓᵢ.
    func evaluate<S: NetworkScalar>(_ z: UnsafePointer<S>, targets: TargetRows<S>, rows: Int, width: Int,
                                    perExample: UnsafeMutablePointer<S>?, gradient: UnsafeMutablePointer<S>?, scale: S) -> S {
        var total: S = 0
        for i in 0..<rows {
            let zi = z + i * width
            var loss: S = 0
            switch self {
            case .softmaxCrossEntropy:
                guard case .labels(let labels) = targets else { preconditionFailure("cross-entropy needs integer labels") }
                var top = zi[0]
                for k in 1..<width { top = max(top, zi[k]) }
                let y = labels[i]
                if let g = gradient.map({ $0 + i * width }) {
                    var sum: S = 0
                    for k in 0..<width { g[k] = S.exponential(zi[k] - top); sum += g[k] }
                    for k in 0..<width { g[k] *= scale / sum }
                    g[y] -= scale
                    loss = top + S.logarithm(sum) - zi[y]
                } else {
                    var sum: S = 0
                    for k in 0..<width { sum += S.exponential(zi[k] - top) }
                    loss = top + S.logarithm(sum) - zi[y]
                }
            case .meanSquaredError:
                let factor = 2 / S(width)
                for k in 0..<width {
                    let r = zi[k] - targets.value(row: i, column: k, width: width)
                    loss += r * r
                    gradient?[i * width + k] = scale * factor * r
                }
                loss /= S(width)
            }
            perExample?[i] = loss
            total += loss
        }
        return total
    }

    /// `scale · ∂²ℓᵢ/∂zᵢ² · r_i` for every row: the output end of the R-operator.
    func curvatureProduct(_ z: UnsafePointer<Double>, direction r: UnsafePointer<Double>, rows: Int, width: Int,
                          into result: UnsafeMutablePointer<Double>, scale: Double) {
        for i in 0..<rows {
            let zi = z + i * width, ri = r + i * width, out = result + i * width
            switch self {
            case .softmaxCrossEntropy:
                var top = zi[0]
                for k in 1..<width { top = max(top, zi[k]) }
                var sum = 0.0
                for k in 0..<width { let e = exp(zi[k] - top); out[k] = e; sum += e }
                var pr = 0.0
                for k in 0..<width { out[k] /= sum; pr += out[k] * ri[k] }
                for k in 0..<width { out[k] = scale * out[k] * (ri[k] - pr) }
            case .meanSquaredError:
                let factor = scale * 2 / Double(width)
                for k in 0..<width { out[k] = factor * ri[k] }
            }
        }
    }
}

/// The targets of a block of rows: integer labels, or real targets (row-major, rows × C).
enum TargetRows<S: NetworkScalar> {
    case labels(UnsafePointer<Int>)
    case values(UnsafePointer<S>)

    /// The real target of output `column`: the value itself, or one-hot for a label.
    @inline(__always)
    func value(row: Int, column: Int, width: Int) -> S {
        switch self {
        case .labels(let y): return y[row] == column ? 1 : 0
        case .values(let t): return t[row * width + column]
        }
    }
}
