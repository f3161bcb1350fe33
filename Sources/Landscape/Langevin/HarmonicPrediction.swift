/// What the quadratic approximation at a minimum predicts for a Langevin run at temperature T.
///
/// With Hessian eigenvalues λ_i, the loss near the minimum is `L0 + ½ Σ λ_i x_i²` along the
/// eigenvectors. The D_stiff directions with λ_i above a threshold are harmonic; the flat ones
/// (|λ_i| at or below it) do not raise the loss. Under `exp(−L/T)` each stiff coordinate is Gaussian
/// with variance T/λ_i and adds T/2 to the mean and T²/2 to the variance of the loss:
///
///     ⟨ΔL⟩ = D_stiff T / 2,   Var(L) = D_stiff T² / 2,   λ_max independent of T.
///
/// The measured λ_max growing with T, while D_mean and D_var still agree, is what shows the
/// quadratic picture failing (the loss is exponential at the decision boundary).
public struct HarmonicPrediction: Sendable, Equatable {
    /// The stiff eigenvalues (above the threshold), largest first.
    public let stiffEigenvalues: [Double]
    /// The number of flat eigenvalues, |λ| ≤ threshold.
    public let flatCount: Int
    /// The number of eigenvalues below −threshold: not zero means the point is not a minimum and
    /// the prediction does not apply.
    public let negativeCount: Int
    /// The largest eigenvalue of all.
    public let maximumEigenvalue: Double

    /// Sorts `eigenvalues` (at least one) into stiff (> `flatThreshold`), flat and negative.
    public init(eigenvalues: [Double], flatThreshold: Double) {
        precondition(!eigenvalues.isEmpty && flatThreshold >= 0, "need eigenvalues and a threshold ≥ 0")
        stiffEigenvalues = eigenvalues.filter { $0 > flatThreshold }.sorted(by: >)
        flatCount = eigenvalues.filter { abs($0) <= flatThreshold }.count
        negativeCount = eigenvalues.filter { $0 < -flatThreshold }.count
        maximumEigenvalue = eigenvalues.max()!
    }

    /// D_stiff, the number of stiff directions.
    public var stiffDimension: Int { stiffEigenvalues.count }

    /// ⟨ΔL⟩ = D_stiff T / 2.
    public func meanExcess(temperature: Double) -> Double { Double(stiffDimension) * temperature / 2 }

    /// Var(L) = D_stiff T² / 2.
    public func lossVariance(temperature: Double) -> Double {
        Double(stiffDimension) * temperature * temperature / 2
    }

    /// The variances T/λ_i of the parameters projected on the stiff eigenvectors, in the order of
    /// `stiffEigenvalues`: proportional to T.
    public func projectedVariances(temperature: Double) -> [Double] {
        stiffEigenvalues.map { temperature / $0 }
    }
}
