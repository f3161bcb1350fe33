/// The dimension of the low-loss region read from the loss fluctuations of a Langevin series at
/// temperature T, with minimum loss L0.
///
/// If the loss is harmonic in D directions and flat in the others, the excess loss ΔL = L − L0 of
/// the Gibbs measure `∝ exp(−L/T)` is Gamma(D/2, T) distributed (`ExcessLossLaw`), so
///
///     ⟨ΔL⟩ = D T / 2,   Var(L) = D T² / 2,
///     D_mean = 2 ⟨ΔL⟩ / T,   D_var = 2 Var(L) / T².
///
/// The two estimators agree when the statistics are quadratic-like. Each comes with an error bar
/// for a correlated series: ⟨ΔL⟩ from the series ΔL_t, Var(L) from the squared deviations
/// `(L_t − L̄)²` from the window's mean, each with its own correlation time (or blocks). L0 is taken
/// as exact.
///
/// The mean squared deviation from the window's own mean falls short of Var(L) by the variance of
/// that mean, `τ_int Var(L)/n`: a few percent when the window holds only tens of correlation times.
/// Adding the squared standard error of ⟨ΔL⟩ removes this bias to first order.
///
/// Without weight decay the measure is not normalisable: flat directions keep diffusing, so D is a
/// property of the measurement window, not a converged value. Every estimate therefore carries its
/// window, and `successiveWindows` measures D window by window.
public struct FluctuationDimension: Sendable, Equatable {
    public let temperature: Double
    public let minimumLoss: Double
    /// The steps of the loss series measured.
    public let window: Range<Int>
    /// ⟨ΔL⟩ = ⟨L⟩ − L0.
    public let meanExcess: Estimate
    /// Var(L): the mean squared deviation from the window's mean loss plus the squared standard
    /// error of that mean.
    public let lossVariance: Estimate

    /// Measures `losses[window]` (the whole series by default; at least two values).
    public init(
        losses: [Double], window: Range<Int>? = nil, temperature: Double, minimumLoss: Double,
        errorBars: ErrorBarMethod = .sokal
    ) {
        precondition(temperature > 0, "the temperature must be positive")
        let window = window ?? losses.indices
        let excess = losses[window].map { $0 - minimumLoss }
        let meanExcess = Estimate(meanOf: excess, errorBars: errorBars)
        let squaredDeviations = excess.map { ($0 - meanExcess.value) * ($0 - meanExcess.value) }
        self.temperature = temperature
        self.minimumLoss = minimumLoss
        self.window = window
        self.meanExcess = meanExcess
        var lossVariance = Estimate(meanOf: squaredDeviations, errorBars: errorBars)
        lossVariance.value += meanExcess.standardError * meanExcess.standardError
        self.lossVariance = lossVariance
    }

    /// D_mean = 2 ⟨ΔL⟩ / T.
    public var dimensionFromMean: Estimate { meanExcess.scaled(by: 2 / temperature) }

    /// D_var = 2 Var(L) / T².
    public var dimensionFromVariance: Estimate { lossVariance.scaled(by: 2 / (temperature * temperature)) }

    /// The estimates over `count` successive equal windows of `losses[range]` (the whole series by
    /// default; a remainder at the end is left out). Drifting values show that the chain wanders
    /// rather than equilibrates.
    public static func successiveWindows(
        _ count: Int, of losses: [Double], in range: Range<Int>? = nil, temperature: Double,
        minimumLoss: Double, errorBars: ErrorBarMethod = .sokal
    ) -> [FluctuationDimension] {
        let range = range ?? losses.indices
        let length = range.count / count
        precondition(count >= 1 && length >= 2, "each window needs at least two values")
        return (0..<count).map { k in
            let start = range.lowerBound + k * length
            return FluctuationDimension(
                losses: losses, window: start..<(start + length), temperature: temperature,
                minimumLoss: minimumLoss, errorBars: errorBars)
        }
    }

    /// D_var/D_mean with the variance measured within shorter windows: the mean, over `pieces`
    /// successive equal parts of `losses` (this estimate's window; a remainder is left out), of
    /// each part's mean squared deviation from its own mean, over T⟨ΔL⟩ of the whole window
    /// (D_var/D_mean = Var(L)/(T⟨ΔL⟩)). A mean that drifts within the window adds to the variance
    /// of long windows and not of short ones, so the ratio grows with the window's length.
    public func varianceRatio(of losses: [Double], pieces: Int) -> Double {
        let length = window.count / pieces
        precondition(pieces >= 1 && length >= 2, "each part needs at least two values")
        let variances = (0..<pieces).map { k -> Double in
            let part = losses[(window.lowerBound + k * length)..<(window.lowerBound + (k + 1) * length)]
            let mean = part.reduce(0, +) / Double(length)
            return part.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(length)
        }
        return variances.reduce(0, +) / Double(pieces) / (temperature * meanExcess.value)
    }
}
