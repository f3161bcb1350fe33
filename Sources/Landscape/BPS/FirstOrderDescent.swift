/// The authors' first-order protocol: full-gradient steps on the real and imaginary parts in cycles
/// of 100 steps; the update state (velocity, moments) is reset at each cycle; after a cycle the
/// learning rate is multiplied by 1.1 (capped at 1e-2) if the loss fell during it, divided by 1.1 if
/// it rose; at most `cycles` cycles; stop below `stopLoss`. The gradient is the real one,
/// `dL/dRe x + i dL/dIm x = 2 J^H E` (PyTorch's convention for complex parameters).
struct FirstOrderDescent {
    enum Rule { case momentum, adam }

    let rule: Rule
    let settings: DescentSettings
    let cycleLength = 100
    let momentum = 0.99
    let maximumRate = 1e-2
    let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

    /// Runs the protocol on `w`; returns the number of steps taken.
    func run(_ w: DescentWorkspace, trace: inout [Double]) -> Int {
        let n = w.n
        var loss = w.loss
        // Momentum starts at 1/L0 as in the authors' code; Adam's steps are scale-free, start at the cap.
        var rate = rule == .momentum ? 1 / loss : maximumRate
        var velocity = [Complex](repeating: .zero, count: n), second = [Complex](repeating: .zero, count: n)
        var step = 0
        for _ in 0..<settings.cycles {
            let start = loss
            for k in 0..<n { velocity[k] = .zero; second[k] = .zero }
            for t in 1...cycleLength {
                if settings.traceStride > 0 && step % settings.traceStride == 0 { trace.append(loss) }
                if loss < settings.stopLoss || !loss.isFinite { return step }
                w.computeGradient()
                for k in 0..<n {
                    let g = 2 * w.gradient[k]
                    let delta: Complex
                    switch rule {
                    case .momentum:
                        velocity[k] = momentum * velocity[k] + g
                        delta = rate * velocity[k]
                    case .adam:
                        velocity[k] = beta1 * velocity[k] + (1 - beta1) * g
                        second[k] = Complex(beta2 * second[k].re + (1 - beta2) * g.re * g.re,
                                            beta2 * second[k].im + (1 - beta2) * g.im * g.im)
                        let c1 = 1 - _pow(beta1, Double(t)), c2 = 1 - _pow(beta2, Double(t))
                        delta = Complex(rate * velocity[k].re / c1 / ((second[k].re / c2).squareRoot() + epsilon),
                                        rate * velocity[k].im / c1 / ((second[k].im / c2).squareRoot() + epsilon))
                    }
                    w.x[w.free[k]] -= delta
                }
                loss = w.evaluate()
                step += 1
            }
            if w.largestUnknown > settings.escape { return step }
            rate = loss < start ? min(rate * 1.1, maximumRate) : rate / 1.1
        }
        return step
    }
}
