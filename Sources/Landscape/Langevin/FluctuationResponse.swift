import Foundation

/// The fluctuation–response identity of a Gibbs measure ∝ e^{−L/T}, Var(L) = T² d⟨L⟩/dT, tested
/// between two neighbouring temperatures T_a < T_b of a sweep. In units of the dimension
/// estimators it reads D_var = 2 d⟨L⟩/dT (= D_mean (1 + d ln D/d ln T) for ⟨ΔL⟩ = D T/2), so
///
///     D_response = 2 (⟨L⟩_b − ⟨L⟩_a) / (T_b − T_a),   D_fluctuation = √(D_var,a · D_var,b),
///
/// both at the geometric middle √(T_a T_b): the chord's slope against the variance interpolated
/// geometrically (exact for a harmonic loss, where both are D; for a power law ⟨ΔL⟩ ∝ T^a on a
/// grid of ratio r they differ by O((ln r)²)). At equilibrium they agree; a chain that drifts
/// within its window adds to Var(L) and breaks the identity.
public struct FluctuationResponse: Sendable, Equatable {
    public let temperature: Double
    public let response: Double
    public let fluctuation: Double

    /// Between (T_a, ⟨L⟩_a, Var_a) and (T_b, ⟨L⟩_b, Var_b); ⟨L⟩ may be ⟨ΔL⟩ (L0 cancels).
    public init(temperatures: (Double, Double), meanLosses: (Double, Double), lossVariances: (Double, Double)) {
        let (a, b) = temperatures
        precondition(a > 0 && b > a, "need 0 < T_a < T_b")
        temperature = (a * b).squareRoot()
        response = 2 * (meanLosses.1 - meanLosses.0) / (b - a)
        fluctuation = (2 * lossVariances.0 / (a * a) * 2 * lossVariances.1 / (b * b)).squareRoot()
    }

    /// The identity between each temperature of an increasing grid and the next.
    public static func neighbours(temperatures: [Double], meanLosses: [Double], lossVariances: [Double]) -> [FluctuationResponse] {
        precondition(temperatures.count == meanLosses.count && temperatures.count == lossVariances.count, "one value per temperature")
        return temperatures.indices.dropLast().map { j in
            FluctuationResponse(temperatures: (temperatures[j], temperatures[j + 1]), meanLosses: (meanLosses[j], meanLosses[j + 1]),
                                lossVariances: (lossVariances[j], lossVariances[j + 1]))
        }
    }
}
