/// A value with its standard error, from a correlated series.
public struct Estimate: Sendable, Equatable {
    public var value: Double
    public var standardError: Double
    /// The steps of the series per effectively independent value behind the error bar: τ_int for
    /// Sokal's window, the blocks' statistical inefficiency for blocking. The error bar is to be
    /// trusted when the series holds a hundred or more of these (see `IntegratedAutocorrelation`).
    public var correlationTime: Double

    public init(value: Double, standardError: Double, correlationTime: Double) {
        self.value = value
        self.standardError = standardError
        self.correlationTime = correlationTime
    }

    /// The mean of `series` with the error bar of `method`.
    public init(meanOf series: [Double], errorBars method: ErrorBarMethod) {
        switch method {
        case .autocorrelation(let windowFactor):
            let a = IntegratedAutocorrelation(series, windowFactor: windowFactor)
            self.init(value: a.mean, standardError: a.standardErrorOfMean, correlationTime: a.time)
        case .blocking(let blocks):
            let b = BlockAverage(series, blocks: blocks)
            self.init(value: b.mean, standardError: b.standardError, correlationTime: b.correlationTime)
        }
    }

    /// `factor · value ± |factor| · standardError`.
    func scaled(by factor: Double) -> Estimate {
        Estimate(value: factor * value, standardError: abs(factor) * standardError, correlationTime: correlationTime)
    }
}

/// How an error bar of a correlated series' mean is estimated.
public enum ErrorBarMethod: Sendable, Hashable {
    /// `IntegratedAutocorrelation` with window factor c.
    case autocorrelation(windowFactor: Double)
    /// `BlockAverage` with this many blocks.
    case blocking(blocks: Int)

    /// τ_int with Sokal's window, c = 5.
    public static let sokal = ErrorBarMethod.autocorrelation(windowFactor: 5)
}
