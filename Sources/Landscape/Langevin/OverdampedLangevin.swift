/// Overdamped Langevin dynamics on a differentiable loss, `dθ = −∇L dt + √(2T) dW`, whose stationary
/// measure is `∝ exp(−L/T)`, discretised by the Leimkuhler–Matthews step
///
///     θ_{t+1} = θ_t − η ∇L(θ_t) + √(ηT/2) (ξ_t + ξ_{t+1}),   ξ_t ~ N(0, I).
///
/// It costs one gradient per step like Euler–Maruyama (`+ √(2ηT) ξ_t`), but its averages over the
/// stationary law are accurate to O(η²) instead of O(η), and on a quadratic loss it samples the
/// Gibbs law exactly for any stable step (ηλ < 2): a direction of curvature λ has variance T/λ,
/// where Euler–Maruyama gives `T/(λ(1 − ηλ/2))`. So the sampler checks the fluctuation
/// estimators end to end without a step-size bias of its own.
///
/// The noise vector ξ_t comes from `child(t)` of the seed's generator, so a trajectory is a pure
/// function of (seed, start, step): run in one piece or resumed from a saved `State`, it is the same
/// to the last bit.
public struct OverdampedLangevin: Sendable {
    public let surface: LossSurface
    public let temperature: Double
    /// η.
    public let stepSize: Double
    private let noise: SeededGenerator

    public init(surface: LossSurface, temperature: Double, stepSize: Double, seed: UInt64) {
        precondition(temperature >= 0 && stepSize > 0, "Langevin needs T ≥ 0 and η > 0")
        self.surface = surface
        self.temperature = temperature
        self.stepSize = stepSize
        noise = SeededGenerator(seed: seed)
    }

    /// A point of a trajectory: the parameters after `step` steps.
    public struct State: Sendable, Equatable {
        public var parameters: [Double]
        public var step: Int

        public init(parameters: [Double], step: Int = 0) {
            self.parameters = parameters
            self.step = step
        }
    }

    /// Advances `state` by `steps` steps and returns the loss after every `recordEvery`-th of them
    /// (counted from step 0 of the trajectory, so records line up across resumptions).
    public func advance(_ state: inout State, steps: Int, recordEvery: Int = 1) -> [Double] {
        precondition(state.parameters.count == surface.dimension, "the state has the wrong dimension")
        precondition(steps >= 0 && recordEvery >= 1, "need steps ≥ 0 and recordEvery ≥ 1")
        let kick = (stepSize * temperature / 2).squareRoot()
        var theta = state.parameters, step = state.step
        var current = xi(step)
        var losses: [Double] = []
        losses.reserveCapacity(steps / recordEvery + 1)
        for _ in 0..<steps {
            let next = xi(step + 1)
            let gradient = surface.gradient(theta)
            for i in theta.indices {
                theta[i] += -stepSize * gradient[i] + kick * (current[i] + next[i])
            }
            current = next
            step += 1
            if step.isMultiple(of: recordEvery) { losses.append(surface.value(theta)) }
        }
        state = State(parameters: theta, step: step)
        return losses
    }

    /// ξ_t, the standard normal vector of step t.
    private func xi(_ step: Int) -> [Double] {
        var generator = noise.child(step)
        return (0..<surface.dimension).map { _ in generator.normal() }
    }
}
