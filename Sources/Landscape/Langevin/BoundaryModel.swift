import Foundation

/// The simplified boundary model of the Langevin paper, in our reconstruction (the paper's own
/// formulas are not available to us; label results from it so).
///
/// A training point near the decision boundary contributes one coordinate u with loss
/// `c = A e^{−u}`, free to move out to a far cutoff `u ≤ X` (the flat region). Under the Gibbs
/// measure `∝ e^{−c/T} du`, the ratio `s = c/T` has the density
///
///     p(s) = e^{−s} / (s E1(ε))   on [ε, ∞),   ε = A e^{−X} / T,
///
/// (`du = ds/s`, and `u ≤ X` is `s ≥ ε`), whose moments are
///
///     ⟨c⟩ = T e^{−ε}/E1(ε),   ⟨c²⟩ = T² (1 + ε) e^{−ε}/E1(ε).
///
/// So each point adds `D_mean = 2⟨c⟩/T = 2e^{−ε}/E1(ε) ≈ 2/ln(1/ε)` and
/// `D_var = 2 Var(c)/T²` to the two dimension estimators, with
/// `D_var/D_mean = (1 + ε) − e^{−ε}/E1(ε) < 1`. The curvature along u is `c` itself, so the mean
/// curvature `⟨c⟩ ≈ 2T/ln(1/ε)` grows with T.
public struct BoundaryModel: Sendable, Equatable {
    public let temperature: Double
    /// ε = A e^{−X}/T, the smallest value of c/T.
    public let epsilon: Double

    public init(temperature: Double, epsilon: Double) {
        precondition(temperature > 0 && epsilon > 0, "the boundary model needs T > 0 and ε > 0")
        self.temperature = temperature
        self.epsilon = epsilon
    }

    /// The point with loss `A e^{−u}` and cutoff `u ≤ X` at temperature T: ε = A e^{−X}/T.
    public init(temperature: Double, amplitude: Double, cutoff: Double) {
        self.init(temperature: temperature, epsilon: amplitude * exp(-cutoff) / temperature)
    }

    /// `⟨s⟩ = e^{−ε}/E1(ε)`, from the scaled E1 so that it holds for any ε.
    var meanRatio: Double { 1 / scaledExponentialIntegralE1(epsilon) }

    /// ⟨c⟩ = T e^{−ε}/E1(ε); also the mean curvature along u.
    public var meanLoss: Double { temperature * meanRatio }

    /// ⟨c²⟩ = T² (1 + ε) e^{−ε}/E1(ε).
    public var meanSquaredLoss: Double { temperature * temperature * (1 + epsilon) * meanRatio }

    /// Var(c) = ⟨c²⟩ − ⟨c⟩².
    public var lossVariance: Double { meanSquaredLoss - meanLoss * meanLoss }

    /// The point's share of D_mean: `2⟨c⟩/T = 2e^{−ε}/E1(ε)`.
    public var dimensionFromMean: Double { 2 * meanRatio }

    /// The point's share of D_var: `2 Var(c)/T²`.
    public var dimensionFromVariance: Double { dimensionFromMean * varianceToMeanRatio }

    /// `D_var/D_mean = (1 + ε) − e^{−ε}/E1(ε)`, below 1 for every ε.
    public var varianceToMeanRatio: Double { 1 + epsilon - meanRatio }

    /// The probability that the point is active, `c > T/k`: `E1(1/k)/E1(ε)`, or 1 when 1/k ≤ ε.
    public func activeProbability(k: Double) -> Double {
        let threshold = 1 / k
        guard threshold > epsilon else { return 1 }
        return exp(epsilon - threshold) * scaledExponentialIntegralE1(threshold) / scaledExponentialIntegralE1(epsilon)
    }

    /// D_mean per active point, `2/E1(1/k)`, in the limit ε → 0 (exactly `2e^{−ε}/E1(1/k)`): so
    /// `D_mean ≈ n_active(k) · 2/E1(1/k)` with no free parameter (3.573 for k = 2, 1.097 for k = 10).
    public static func dimensionPerActivePoint(k: Double) -> Double {
        2 / exponentialIntegralE1(1 / k)
    }

    /// The harmonic null of the same count: a point whose loss is harmonic along its coordinate,
    /// c = λu²/2, has s = c/T Gamma(1/2, 1)-distributed under e^{−c/T} du, so it adds 2⟨c⟩/T = 1 to
    /// D_mean and is active (c > T/k) with probability erfc(√(1/k)): D_mean ≈ n_active(k)/erfc(√(1/k))
    /// (3.151 for k = 2, 1.527 for k = 10; 0.88 and 1.39 times the boundary model's).
    public static func harmonicDimensionPerActivePoint(k: Double) -> Double {
        1 / erfc((1 / k).squareRoot())
    }
}
