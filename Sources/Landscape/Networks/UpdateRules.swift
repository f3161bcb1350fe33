#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// One step of an iterative method on θ given the gradient g = ∇L(θ). `step` is the global step
/// index (from 0); a stochastic rule keys its noise by it, so a run resumed at step s (with the
/// rule's state saved at s) continues exactly as an uninterrupted run.
public protocol UpdateRule {
    mutating func update(_ theta: inout [Double], gradient: [Double], step: Int)
}

/// Gradient descent with heavy-ball momentum (PyTorch's SGD without dampening or Nesterov):
/// u ← μ u + g, θ ← θ − η u.
public struct MomentumDescent: UpdateRule, Sendable, Hashable {
    public var learningRate: Double, momentum: Double
    /// u (empty until the first step).
    public private(set) var velocity: [Double] = []

    public init(learningRate: Double, momentum: Double = 0.9) {
        self.learningRate = learningRate; self.momentum = momentum
    }

    public mutating func update(_ theta: inout [Double], gradient g: [Double], step: Int) {
        if velocity.isEmpty { velocity = [Double](repeating: 0, count: theta.count) }
        velocity.withUnsafeMutableBufferPointer { u in
            theta.withUnsafeMutableBufferPointer { t in
                g.withUnsafeBufferPointer { Self.step(t, velocity: u, gradient: $0.baseAddress!, learningRate: learningRate, momentum: momentum) }
            }
        }
    }

    /// The update on buffers of any precision: u ← μ u + g, θ ← θ − η u.
    @inline(__always)
    static func step<S: NetworkScalar>(_ t: UnsafeMutableBufferPointer<S>, velocity u: UnsafeMutableBufferPointer<S>,
                                       gradient g: UnsafePointer<S>, learningRate eta: S, momentum mu: S) {
        for k in 0..<t.count { u[k] = mu * u[k] + g[k]; t[k] -= eta * u[k] }
    }
}

/// Adam (Kingma & Ba, PyTorch's defaults): m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g²,
/// θ ← θ − η m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ) after t updates.
public struct Adam: UpdateRule, Sendable, Hashable {
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    /// The moment estimates m, v (empty until the first step) and the number of updates t.
    public private(set) var firstMoment: [Double] = [], secondMoment: [Double] = [], updates = 0

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    public mutating func update(_ theta: inout [Double], gradient g: [Double], step: Int) {
        if firstMoment.isEmpty {
            firstMoment = [Double](repeating: 0, count: theta.count); secondMoment = firstMoment
        }
        updates += 1
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let c1 = 1 / (1 - pow(b1, Double(updates))), c2 = 1 / (1 - pow(b2, Double(updates))), eta = learningRate
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                theta.withUnsafeMutableBufferPointer { t in
                    for k in 0..<t.count {
                        m[k] = b1 * m[k] + (1 - b1) * g[k]
                        v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k]
                        t[k] -= eta * (m[k] * c1) / ((v[k] * c2).squareRoot() + eps)
                    }
                }
            }
        }
    }
}

/// Overdamped Langevin dynamics, dθ = −∇L dt + √(2T) dW, whose stationary density is ∝ exp(−L/T),
/// in one of two discretisations of the same cost (one gradient per step):
///
/// - Euler–Maruyama, θ ← θ − η ∇L(θ) + √(2ηT) ξ_t: stationary averages accurate to O(η); on a
///   direction of curvature λ the variance is T/(λ(1 − ηλ/2)) instead of T/λ.
/// - Leimkuhler–Matthews, θ ← θ − η ∇L(θ) + √(ηT/2) (ξ_t + ξ_{t+1}): averages accurate to O(η²),
///   and exact on a quadratic for any stable step (ηλ < 2).
///
/// ξ_t ~ N(0, I_P) comes from the child stream t of `seed` alone, so a trajectory is a function of
/// (θ₀, seed, first step) only: the same whether run at once or resumed, and whatever else runs on
/// other threads.
public struct OverdampedLangevin: UpdateRule, Sendable {
    public enum Discretisation: String, Sendable, CaseIterable {
        case eulerMaruyama = "euler-maruyama"
        case leimkuhlerMatthews = "leimkuhler-matthews"
    }

    public var stepSize: Double, temperature: Double
    public let seed: UInt64
    public let discretisation: Discretisation
    private let root: SeededGenerator
    /// ξ_t of the coming step (Leimkuhler–Matthews draws ξ_{t+1} one step early) and its step.
    private var noise: [Double] = [], noiseStep = -1
    private var next: [Double] = []

    public init(stepSize: Double, temperature: Double, seed: UInt64, discretisation: Discretisation = .eulerMaruyama) {
        precondition(temperature >= 0 && stepSize > 0, "Langevin needs T ≥ 0 and η > 0")
        self.stepSize = stepSize; self.temperature = temperature; self.seed = seed; self.discretisation = discretisation
        root = SeededGenerator(seed: seed)
    }

    public mutating func update(_ theta: inout [Double], gradient g: [Double], step: Int) {
        if noise.count != theta.count {
            noise = [Double](repeating: 0, count: theta.count)
            next = noise
            noiseStep = -1
        }
        if noiseStep != step { draw(step, into: &noise) }
        let eta = stepSize
        switch discretisation {
        case .eulerMaruyama:
            let amplitude = (2 * stepSize * temperature).squareRoot()
            noise.withUnsafeBufferPointer { xi in
                theta.withUnsafeMutableBufferPointer { t in
                    for k in 0..<t.count { t[k] += amplitude * xi[k] - eta * g[k] }
                }
            }
            noiseStep = -1
        case .leimkuhlerMatthews:
            draw(step + 1, into: &next)
            let amplitude = (stepSize * temperature / 2).squareRoot()
            noise.withUnsafeBufferPointer { xi in
                next.withUnsafeBufferPointer { following in
                    theta.withUnsafeMutableBufferPointer { t in
                        for k in 0..<t.count { t[k] += amplitude * (xi[k] + following[k]) - eta * g[k] }
                    }
                }
            }
            swap(&noise, &next)
            noiseStep = step + 1
        }
    }

    /// ξ_step into `buffer`.
    private func draw(_ step: Int, into buffer: inout [Double]) {
        var generator = root.child(step)
        buffer.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
    }
}
