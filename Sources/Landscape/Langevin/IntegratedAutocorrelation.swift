/// The integrated autocorrelation time of a stationary series, with Sokal's automatic window.
///
/// With the autocovariance estimate `Ĉ(t) = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄)` and
/// `ρ̂(t) = Ĉ(t)/Ĉ(0)`,
///
///     τ_int(W) = 1 + 2 Σ_{t=1}^{W} ρ̂(t),
///
/// summed up to the smallest window W with `W ≥ c · τ_int(W)` (Sokal's automatic window; c = 5 by
/// default, as in emcee). The window balances the bias of cutting the sum off against the noise of
/// the far lags. In this convention the variance of the mean of n values is `τ_int Ĉ(0) / n`, and an
/// AR(1) series with coefficient ρ has `τ_int = (1 + ρ)/(1 − ρ)`.
///
/// The statistical error of the estimate is `τ_int · √(2(2W + 1)/n)` (Madras and Sokal 1988). The
/// autocovariances are summed lag by lag and the sum stops at the window, so the cost is O(n·W).
/// The method assumes non-negative correlations, as in small-step Langevin or MCMC series.
///
/// Subtracting the sample mean lowers every ρ̂(t) by about τ_int/n, so short series underestimate
/// τ_int: for an AR(1) series with τ_int = 19, by about 10 % at n = 50 τ_int and 1 % at 1000 τ_int.
/// Trust the error bars of windows that hold at least a hundred correlation times.
public struct IntegratedAutocorrelation: Sendable, Equatable {
    /// The number of values n.
    public let count: Int
    public let mean: Double
    /// `Ĉ(0)`, the variance of the values (divided by n).
    public let variance: Double
    /// `τ_int(W)`.
    public let time: Double
    /// The window W (a lag, in steps of the series).
    public let window: Int
    /// False when no lag below n met `W ≥ c τ_int(W)`: the series is too short for its correlations
    /// and `time` is not to be trusted.
    public let windowFound: Bool

    /// Estimates τ_int of `series` (at least two values) with window factor `windowFactor` (c).
    public init(_ series: [Double], windowFactor: Double = 5) {
        precondition(series.count >= 2, "an autocorrelation time needs at least two values")
        let n = series.count
        let mean = series.reduce(0, +) / Double(n)
        let deviations = series.map { $0 - mean }
        let c0 = Self.autocovariance(deviations, lag: 0)
        count = n
        self.mean = mean
        variance = c0
        guard c0 > 0 else {
            (time, window, windowFound) = (1, 0, true)
            return
        }
        var tau = 1.0, lag = 0, found = false
        while lag + 1 < n {
            lag += 1
            tau += 2 * Self.autocovariance(deviations, lag: lag) / c0
            if Double(lag) >= windowFactor * tau { found = true; break }
        }
        (time, window, windowFound) = (tau, lag, found)
    }

    /// `√(τ_int Ĉ(0) / n)`: the standard error of the mean of the series.
    public var standardErrorOfMean: Double { (max(time, 0) * variance / Double(count)).squareRoot() }

    /// Madras and Sokal's statistical error of τ_int: `τ_int √(2(2W + 1)/n)`.
    public var timeError: Double { time * (2 * Double(2 * window + 1) / Double(count)).squareRoot() }

    /// `n / τ_int`, the number of effectively independent values; emcee's rule of thumb trusts the
    /// estimate when it exceeds about 50.
    public var effectiveSampleSize: Double { Double(count) / time }

    private static func autocovariance(_ deviations: [Double], lag: Int) -> Double {
        deviations.withUnsafeBufferPointer { x in
            var sum = 0.0
            for i in 0..<(x.count - lag) { sum += x[i] * x[i + lag] }
            return sum / Double(x.count)
        }
    }
}
