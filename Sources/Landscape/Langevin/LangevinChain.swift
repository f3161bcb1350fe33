/// A Langevin chain on a differentiable loss: the `OverdampedLangevin` update driven by the loss's
/// gradient, recording the loss along the way. Leimkuhler–Matthews steps by default: same cost as
/// Euler–Maruyama, stationary averages accurate to O(η²) and exact on a quadratic, so an estimator
/// checked on a quadratic carries no step-size bias of the sampler.
///
/// A trajectory is a pure function of (seed, start, step): run in one piece or resumed from a saved
/// `State`, it is the same to the last bit.
public struct LangevinChain: Sendable {
    public let surface: LossSurface
    public let rule: OverdampedLangevin

    public init(
        surface: LossSurface, temperature: Double, stepSize: Double, seed: UInt64,
        discretisation: OverdampedLangevin.Discretisation = .leimkuhlerMatthews
    ) {
        self.surface = surface
        rule = OverdampedLangevin(stepSize: stepSize, temperature: temperature, seed: seed, discretisation: discretisation)
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
        var rule = rule, theta = state.parameters
        var losses: [Double] = []
        losses.reserveCapacity(steps / recordEvery + 1)
        for step in state.step..<(state.step + steps) {
            rule.update(&theta, gradient: surface.gradient(theta), step: step)
            if (step + 1).isMultiple(of: recordEvery) { losses.append(surface.value(theta)) }
        }
        state = State(parameters: theta, step: state.step + steps)
        return losses
    }
}
