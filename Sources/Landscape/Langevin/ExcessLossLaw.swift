import Foundation

/// The law of the excess loss ΔL = L − L0 under the Gibbs measure `∝ exp(−L/T)` of a loss harmonic
/// in D directions and flat in the others: Gamma with shape D/2 and scale T,
///
///     p(ΔL) = ΔL^{D/2 − 1} e^{−ΔL/T} / (Γ(D/2) T^{D/2}),   ⟨ΔL⟩ = D T/2,   Var = D T²/2.
///
/// (Each harmonic direction contributes an independent `½ λ x²`, which is T/2 times a χ²₁ value.)
/// Loss histograms of a Langevin run are drawn against this density with D from the run's
/// estimate.
public struct ExcessLossLaw: Sendable, Equatable {
    /// D, which may be fractional (a measured D_mean or D_var).
    public let dimension: Double
    public let temperature: Double

    public init(dimension: Double, temperature: Double) {
        precondition(dimension > 0 && temperature > 0, "the Gamma law needs D > 0 and T > 0")
        self.dimension = dimension
        self.temperature = temperature
    }

    /// The shape D/2.
    public var shape: Double { dimension / 2 }
    /// D T / 2.
    public var mean: Double { dimension * temperature / 2 }
    /// D T² / 2.
    public var variance: Double { dimension * temperature * temperature / 2 }

    /// The density at `excess` (0 below zero; at zero, infinite for D < 2 and 1/T for D = 2).
    public func density(_ excess: Double) -> Double {
        if excess < 0 { return 0 }
        if excess == 0 {
            return shape < 1 ? .infinity : shape == 1 ? 1 / temperature : 0
        }
        return exp(logDensity(excess))
    }

    /// `ln p(ΔL)` for ΔL > 0, through `lgamma`.
    public func logDensity(_ excess: Double) -> Double {
        precondition(excess > 0, "the log-density is defined for positive excess loss")
        return (shape - 1) * log(excess) - excess / temperature - lgamma(shape) - shape * log(temperature)
    }
}
