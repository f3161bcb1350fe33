import Foundation

extension BoundaryModel {
    /// One exact draw of the point's loss c = T s, with s from `e^{−s}/(s E1(ε))` on [ε, ∞).
    ///
    /// The density is split at b = max(ε, 1) into a head [ε, b) of mass `(E1(ε) − E1(b))/E1(ε)` and a
    /// tail [b, ∞), each sampled by rejection:
    /// - head: propose s = ε^{1−u} (log-uniform, density ∝ 1/s), accept with probability e^{−s}
    ///   (at least e^{−1});
    /// - tail: propose s = b + Exp(1) (density ∝ e^{−s}), accept with probability b/s.
    public func sample(using generator: inout SeededGenerator) -> Double {
        let split = max(epsilon, 1)
        if epsilon < 1 && generator.uniform() < headProbability {
            let logEpsilon = log(epsilon)
            while true {
                let s = exp((1 - generator.uniform()) * logEpsilon)
                if generator.uniform() < exp(-s) { return temperature * s }
            }
        }
        while true {
            let s = split - log(1 - generator.uniform())
            if generator.uniform() * s < split { return temperature * s }
        }
    }

    /// The mass of [ε, 1): `1 − E1(1)/E1(ε)` (ε < 1).
    private var headProbability: Double {
        1 - Self.e1AtOne / exponentialIntegralE1(epsilon)
    }

    private static let e1AtOne = exponentialIntegralE1(1)
}
