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
