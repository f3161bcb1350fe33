/// The optimisers of a multi-start census.
public enum Optimizer: String, CaseIterable, Sendable {
    /// Damped Gauss-Newton (Levenberg-Marquardt) on the holomorphic system; LAPACK Cholesky solves.
    case newton
    /// The authors' protocol: heavy-ball momentum 0.99 in cycles of 100 steps (see `FirstOrderDescent`).
    case momentum
    /// Adam on the real and imaginary parts, in the same cycles.
    case adam

    /// The name used in prose and legends.
    public var name: String {
        switch self {
        case .newton: "Levenberg–Marquardt"
        case .momentum: "momentum"
        case .adam: "Adam"
        }
    }
}

/// Stopping and acceptance rules of one descent.
public struct DescentSettings: Sendable {
    /// Iteration cap for Newton (first-order methods use cycles x 100 steps).
    public var newtonIterations = 200
    /// Cycle cap for the first-order methods (100 steps each).
    public var cycles = 500
    /// Stop as soon as the loss is below this.
    public var stopLoss = 1e-15
    /// A run counts as converged when its final loss is below this (then it is polished).
    public var acceptLoss = 1e-6
    /// Abandon a run whose unknowns grow beyond this (a solution at infinity of the slice).
    public var escape = 1e4
    /// Record the loss every `traceStride` steps (0: no trace).
    public var traceStride = 0

    public init() {}
}

/// The outcome of one descent.
public struct Descent: Sendable {
    public var unknowns: [Complex]
    public var loss: Double
    public var steps: Int
    /// Loss against step, every `traceStride` steps, if requested.
    public var trace: [Double]
    public var converged: Bool
}

/// Known solutions to repel from (deflation, Farrell et al. 2015): the merit becomes
/// `L(x) prod_k (|x - x_k|^-power + shift)^2` and the Newton step is rescaled accordingly.
public struct Deflation: Sendable {
    /// Known solutions, as configurations in the chart being descended.
    public var roots: [[Complex]]
    public var power = 2.0
    public var shift = 1.0

    public init(roots: [[Complex]]) { self.roots = roots }

    /// Log of the deflation factor at `x`, and `s = -d log m [step]` along a step on the free entries.
    func evaluate(_ x: UnsafePointer<Complex>, step: UnsafePointer<Complex>, free: UnsafePointer<Int>, n: Int, m: Int)
        -> (logFactor: Double, slope: Double) {
        var logFactor = 0.0, slope = 0.0
        for root in roots {
            var r2 = 0.0, dot = 0.0
            for i in 0..<m { r2 += (x[i] - root[i]).magnitudeSquared }
            for k in 0..<n { let d = x[free[k]] - root[free[k]]; dot += d.re * step[k].re + d.im * step[k].im }
            let rp = _pow(r2, -power / 2)
            logFactor += _logarithm(rp + shift)
            slope += power * rp / r2 * dot / (rp + shift)
        }
        return (logFactor, slope)
    }
}

extension SliceChart {
    /// One descent from unknowns `u`.
    public func descend(from u: [Complex], optimizer: Optimizer, settings: DescentSettings = DescentSettings(),
                        deflation: Deflation? = nil) -> Descent {
        let work = DescentWorkspace(chart: self, unknowns: u)
        var trace: [Double] = []
        let steps: Int
        switch optimizer {
        case .newton:
            steps = levenbergMarquardt(work, iterations: settings.newtonIterations, stopLoss: settings.stopLoss,
                                       escape: settings.escape, deflation: deflation, traceStride: settings.traceStride, trace: &trace)
        case .momentum, .adam:
            steps = FirstOrderDescent(rule: optimizer == .adam ? .adam : .momentum, settings: settings).run(work, trace: &trace)
        }
        let loss = work.loss
        return Descent(unknowns: work.unknowns, loss: loss, steps: steps, trace: trace,
                       converged: loss < settings.acceptLoss && work.largestUnknown < settings.escape)
    }

    /// Newton-polishes a near-solution until every residual entry is below `tolerance`; nil if it
    /// does not get there (a near-miss, not a root).
    public func polish(_ u: [Complex], tolerance: Double = 1e-10) -> [Complex]? {
        let work = DescentWorkspace(chart: self, unknowns: u)
        var trace: [Double] = []
        levenbergMarquardt(work, iterations: 60, stopLoss: 1e-28, escape: 1e6, deflation: nil, traceStride: 0, trace: &trace)
        for i in 0..<work.m where !(work.e[i].magnitude < tolerance) { return nil }
        return work.unknowns
    }

    /// Levenberg-Marquardt: `(J^H J + mu I) step = -J^H E`, mu divided by 3 after a success and
    /// multiplied by 4 after a failure; stops below `stopLoss`, on stagnation, or on escape.
    @discardableResult
    func levenbergMarquardt(_ w: DescentWorkspace, iterations: Int, stopLoss: Double, escape: Double,
                            deflation: Deflation?, traceStride: Int, trace: inout [Double]) -> Int {
        let m = w.m, n = w.n
        var loss = w.loss
        var logFactor = deflation?.evaluate(w.x, step: w.step, free: w.free, n: n, m: m).logFactor ?? 0
        var mu = -1.0, checkpoint = loss
        for iteration in 0..<iterations {
            if traceStride > 0 && iteration % traceStride == 0 { trace.append(loss) }
            if loss < stopLoss || !loss.isFinite { return iteration }
            if iteration % 20 == 19 {
                if loss > 0.5 * checkpoint || w.largestUnknown > escape { return iteration + 1 }
                checkpoint = loss
            }
            system.jacobian(w.x, columns: w.column, unknowns: n, into: w.jacobian)
            w.normalMatrix(w.jacobian, into: w.normal)
            for k in 0..<n {
                var s = Complex.zero
                let col = w.jacobian + k * m
                for i in 0..<m { s += col[i].conjugate * w.e[i] }
                w.gradient[k] = s
            }
            if mu < 0 { mu = 1e-3 * (0..<n).reduce(0) { max($0, w.normal[$1 * n + $1].re) } }
            var improved = false
            for _ in 0..<40 {
                w.factor.update(from: w.normal, count: n * n)
                for k in 0..<n { w.factor[k * n + k].re += mu; w.step[k] = -w.gradient[k] }
                guard DenseSolve.hermitianPositive(w.factor, w.step, n: n) else { mu *= 4; continue }
                var scale = 1.0, trialLogFactor = 0.0
                if let deflation {
                    let slope = deflation.evaluate(w.x, step: w.step, free: w.free, n: n, m: m).slope
                    scale = max(-10, min(10, 1 / (1 + slope)))
                }
                let trial = w.evaluateTrial(scale: scale)
                if let deflation { trialLogFactor = deflation.evaluate(w.trialX, step: w.step, free: w.free, n: n, m: m).logFactor }
                if trial.isFinite && _logarithm(trial) + 2 * trialLogFactor < _logarithm(loss) + 2 * logFactor || trial == 0 {
                    w.acceptTrial()
                    loss = trial; logFactor = trialLogFactor
                    mu = max(mu / 3, 1e-300)
                    improved = true
                    break
                }
                mu *= 4
            }
            if !improved { return iteration + 1 }
        }
        return iterations
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _logarithm(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#else
import Foundation
@inline(__always) func _logarithm(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
#endif
