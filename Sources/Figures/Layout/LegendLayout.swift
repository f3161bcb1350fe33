/// A panel's legend: one entry per labelled layer, in a framed box inside a corner of the plot
/// area or beside it.
struct LegendLayout {
    struct Entry {
        var layer: Layer
        var color: Color
        var label: String
    }

    var entries: [Entry]
    var frame: Rect
    var isOutside: Bool
    var padding: Double
    var handleLength: Double
    var handleGap: Double
    var rowHeight: Double

    /// How much data the legend covers (0 outside the plot area).
    var hidden = 0.0

    /// `nil` when the legend is hidden or no layer has a label. `placement` is the panel's, or
    /// `.outside` where the figure's layout found no free corner.
    init?(_ panel: Panel, placement: LegendPlacement, colors: [Color], plot: Rect, avoiding occupied: Occupancy,
          outsideAt outsideX: Double, _ metrics: Metrics, _ typesetter: Typesetter) {
        entries = zip(panel.layers, colors).compactMap { layer, color in
            layer.label.map { Entry(layer: layer, color: color, label: $0) }
        }
        guard placement != .hidden, !entries.isEmpty else { return nil }
        let size = metrics.legend.size
        padding = 0.5 * size
        handleLength = 2 * size
        handleGap = 0.6 * size
        rowHeight = 1.3 * size
        let textWidth = entries.map { typesetter.measure($0.label, metrics.legend).width }.max() ?? 0
        let width = 2 * padding + handleLength + handleGap + textWidth
        let height = 2 * padding + Double(entries.count) * rowHeight
        isOutside = placement == .outside
        if isOutside {
            frame = Rect(x: outsideX + metrics.colorBarGap, y: plot.minY, width: width, height: height)
            return
        }
        let inset = 0.5 * size
        let corners: [(LegendPlacement, Rect)] = [
            (.upperRight, Rect(x: plot.maxX - inset - width, y: plot.minY + inset, width: width, height: height)),
            (.upperLeft, Rect(x: plot.minX + inset, y: plot.minY + inset, width: width, height: height)),
            (.lowerLeft, Rect(x: plot.minX + inset, y: plot.maxY - inset - height, width: width, height: height)),
            (.lowerRight, Rect(x: plot.maxX - inset - width, y: plot.maxY - inset - height, width: width, height: height)),
        ]
        let candidates = corners.filter { placement == .automatic || $0.0 == placement }
        let costs = candidates.map { occupied.hidden(by: $0.1) }
        let best = costs.indices.min { costs[$0] < costs[$1] }!
        (frame, hidden) = (candidates[best].1, costs[best])
    }
}
