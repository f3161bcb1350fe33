import Foundation

/// What the quadratic approximation at a minimum θ0 predicts for a Langevin run at temperature T.
///
/// With Hessian eigenvalues λ_i at θ0, the loss near the minimum is `L0 + ½ Σ λ_i x_i²` along the
/// eigenvectors. Overdamped Langevin dynamics in it, dx_i = −λ_i x_i ds + √(2T) dW_i, started at
/// x = 0, has after Langevin time s (the sum of the step sizes η taken so far) x_i ~ N(0, σ_i²)
/// with σ_i² = (T/λ_i)(1 − e^{−2λ_i s}), so each direction adds ½λ_i σ_i² to the mean loss:
///
///     ⟨ΔL⟩(s) = D_stiff(s) T / 2,   D_stiff(s) = Σ_{λ_i > 0} (1 − e^{−2 λ_i s}).
///
/// D_stiff counts the directions that are stiff on the scale the chain has explored at that
/// temperature: a direction counts fully once its thermal width √(T/λ_i) is below the free
/// diffusion length √(2Ts) (λ_i s ≫ ½), and not at all while it is much softer (λ_i s ≪ ½), when
/// it is as flat as a direction with λ_i = 0. T cancels in that comparison; D_stiff depends on the
/// temperature through the step sizes of its run. As s → ∞ it tends to the number of positive
/// eigenvalues. Negative eigenvalues (θ0 not quite a minimum, or rounding) have no harmonic
/// prediction and are left out. The quadratic
/// approximation's λ_max is the top eigenvalue at θ0, independent of T.
///
/// The measured λ_max growing with T, and ⟨ΔL⟩ above D_stiff T/2, while D_mean and D_var still
/// agree, is what shows the quadratic picture failing (the loss is exponential at the decision
/// boundary).
public struct HarmonicPrediction: Sendable, Equatable {
    /// The Hessian eigenvalues at θ0, descending.
    public let eigenvalues: [Double]

    /// The whole spectrum at θ0 (at least one eigenvalue, in any order).
    public init(eigenvalues: [Double]) {
        precondition(!eigenvalues.isEmpty, "need eigenvalues")
        self.eigenvalues = eigenvalues.sorted(by: >)
    }

    /// The largest eigenvalue: the quadratic approximation's λ_max at every T.
    public var maximumEigenvalue: Double { eigenvalues[0] }

    /// D_stiff(s) = Σ_{λ_i > 0} (1 − e^{−2λ_i s}) after Langevin time s ≥ 0.
    public func stiffDimension(time s: Double) -> Double {
        precondition(s >= 0, "Langevin time is not negative")
        return eigenvalues.reduce(0) { $1 > 0 ? $0 - expm1(-2 * $1 * s) : $0 }
    }

    /// The mean of D_stiff(s) over the Langevin times of a measurement window's records: the
    /// dimension whose ⟨ΔL⟩ = D T/2 the quadratic approximation predicts for that window.
    public func stiffDimension(times: [Double]) -> Double {
        precondition(!times.isEmpty, "a window has records")
        return times.reduce(0) { $0 + stiffDimension(time: $1) } / Double(times.count)
    }
}
