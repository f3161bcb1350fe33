/// The mean of a correlated series by blocking: cut it into B equal successive blocks, and take the
/// scatter of the block means as the error of their mean.
///
/// With block means m_b (b = 1…B) and their average m̄,
///
///     SE = √( Σ_b (m_b − m̄)² / (B (B − 1)) ),
///
/// which is honest when every block is much longer than the integrated autocorrelation time, so
/// the block means are nearly independent: use few, long blocks (10 by default). Many short blocks
/// (the usual 20 batches of a series whose τ_int is a fair fraction of a block) underestimate the
/// error. With B blocks the ratio (mean − truth)/SE follows Student's t with B − 1 degrees of
/// freedom, so a 1-SE bar covers the truth somewhat less often than 68 % (65.7 % for B = 10).
///
/// When n is not a multiple of B, the first n mod B values (the earliest, nearest to burn-in) are
/// left out.
public struct BlockAverage: Sendable, Equatable {
    /// The means of the successive blocks, in order.
    public let blockMeans: [Double]
    /// The number of values in each block.
    public let blockLength: Int
    /// The mean of the block means (the mean of the values used).
    public let mean: Double
    public let standardError: Double
    /// The statistical inefficiency the blocks imply, `blockLength · Var(m_b) / Var(x)`: an
    /// estimate of τ_int comparable with `IntegratedAutocorrelation.time`.
    public let correlationTime: Double

    /// Blocks `series` into `blocks` (at least 2) blocks of at least one value each.
    public init(_ series: [Double], blocks: Int = 10) {
        precondition(blocks >= 2 && series.count >= blocks, "blocking needs at least 2 blocks of 1 value")
        let length = series.count / blocks
        let used = series.dropFirst(series.count - length * blocks)
        let means = (0..<blocks).map { b in
            used.dropFirst(b * length).prefix(length).reduce(0, +) / Double(length)
        }
        let mean = means.reduce(0, +) / Double(blocks)
        let blockVariance = means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(blocks - 1)
        let valueVariance = used.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(used.count)
        blockMeans = means
        blockLength = length
        self.mean = mean
        standardError = (blockVariance / Double(blocks)).squareRoot()
        correlationTime = valueVariance > 0 ? Double(length) * blockVariance / valueVariance : 1
    }

    /// `B − 1`, for Student's t quantiles of the error bar.
    public var degreesOfFreedom: Int { blockMeans.count - 1 }
}
