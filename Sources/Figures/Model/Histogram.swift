/// Counts of values in bins `[edges[i], edges[i+1])` (the last bin closed), drawn as bars.
public struct Histogram: Codable, Equatable, Sendable {
    /// What the bar heights show.
    public enum Normalization: String, Codable, Sendable, CaseIterable {
        /// The number of values in each bin.
        case count
        /// Counts divided by (total × bin width), so the bars integrate to 1.
        case density
    }

    /// Bin edges, increasing; one more than `counts`.
    public var edges: [Double]
    public var counts: [Double]
    public var normalization: Normalization
    public var label: String?
    public var color: Color?

    /// A histogram of already binned counts.
    public init(edges: [Double], counts: [Double], normalization: Normalization = .count,
                label: String? = nil, color: Color? = nil) {
        precondition(edges.count == counts.count + 1, "Histogram: need one more edge than counts")
        self.edges = edges
        self.counts = counts
        self.normalization = normalization
        self.label = label
        self.color = color
    }

    /// Bins `values` into `bins` equal bins over `range` (default: the values' span); NaNs are dropped.
    public init(values: [Double], bins: Int = 20, range: ClosedRange<Double>? = nil,
                normalization: Normalization = .count, label: String? = nil, color: Color? = nil) {
        precondition(bins > 0, "Histogram: need at least one bin")
        let finite = values.filter { $0.isFinite }
        var lo = range?.lowerBound ?? finite.min() ?? 0
        var hi = range?.upperBound ?? finite.max() ?? 1
        if lo == hi { lo -= 0.5; hi += 0.5 }
        let width = (hi - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in finite where v >= lo && v <= hi {
            counts[min(Int((v - lo) / width), bins - 1)] += 1
        }
        self.init(edges: (0...bins).map { lo + Double($0) * width }, counts: counts,
                  normalization: normalization, label: label, color: color)
    }

    /// The drawn bar heights: counts, or densities.
    public var heights: [Double] {
        switch normalization {
        case .count: return counts
        case .density:
            let total = counts.reduce(0, +)
            guard total > 0 else { return counts }
            return counts.indices.map { counts[$0] / (total * (edges[$0 + 1] - edges[$0])) }
        }
    }
}
