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

/// One bar per category, at x positions `0, 1, 2, ...`; the categories label the x axis.
public struct Bars: Codable, Equatable, Sendable {
    public var categories: [String]
    public var values: [Double]
    /// Optional symmetric errors drawn as error bars on the bars.
    public var errors: [Double]?
    public var label: String?
    public var color: Color?
    /// Bar width as a fraction of the category spacing.
    public var width: Double

    public init(categories: [String], values: [Double], errors: [Double]? = nil, label: String? = nil,
                color: Color? = nil, width: Double = 0.8) {
        precondition(categories.count == values.count, "Bars: categories and values differ in length")
        precondition(errors.map { $0.count == values.count } ?? true, "Bars: errors differ in length")
        self.categories = categories
        self.values = values
        self.errors = errors
        self.label = label
        self.color = color
        self.width = width
    }
}

/// A matrix drawn as cells: `values[row][column]` fills the unit square centred at `(column, row)`.
/// Give the panel's y axis `reversed = true` to put row 0 at the top, as ``Figure/heatmap(_:)`` does.
public struct Heatmap: Codable, Equatable, Sendable {
    public var values: [[Double]]
    public var colorMap: ColorMap
    /// Values mapped to the ends of the colour map; `nil` uses the data range
    /// (symmetric about zero for a diverging map).
    public var lower: Double?
    public var upper: Double?
    public var showsColorBar: Bool
    public var colorBarLabel: String?
    public var rowLabels: [String]?
    public var columnLabels: [String]?

    public init(values: [[Double]], colorMap: ColorMap = .viridis, lower: Double? = nil,
                upper: Double? = nil, showsColorBar: Bool = true, colorBarLabel: String? = nil,
                rowLabels: [String]? = nil, columnLabels: [String]? = nil) {
        precondition(Set(values.map(\.count)).count <= 1, "Heatmap: rows differ in length")
        self.values = values
        self.colorMap = colorMap
        self.lower = lower
        self.upper = upper
        self.showsColorBar = showsColorBar
        self.colorBarLabel = colorBarLabel
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
    }

    public var rowCount: Int { values.count }
    public var columnCount: Int { values.first?.count ?? 0 }

    /// The values at the two ends of the colour map.
    public var range: ClosedRange<Double> {
        let finite = values.joined().filter { $0.isFinite }
        var lo = lower ?? finite.min() ?? 0
        var hi = upper ?? finite.max() ?? 1
        if colorMap.isDiverging && lower == nil && upper == nil {
            let m = max(abs(lo), abs(hi))
            (lo, hi) = (-m, m)
        }
        return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }

    /// The colour of a value under this heatmap's map and range.
    public func color(of value: Double) -> Color {
        color(of: value, in: range)
    }

    /// The colour of a value under this heatmap's map, for a range computed once for all cells.
    func color(of value: Double, in r: ClosedRange<Double>) -> Color {
        colorMap.color(at: (value - r.lowerBound) / (r.upperBound - r.lowerBound))
    }
}
