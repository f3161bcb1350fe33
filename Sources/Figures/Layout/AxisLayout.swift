/// One axis as drawn: its map onto the figure, its ticks (labels thinned so none overlap), and
/// whether its tick labels and axis label are shown.
struct AxisLayout {
    enum Direction { case horizontal, vertical }

    var map: AxisMap
    var ticks: TickSet
    var showsLabels: Bool
    var label: String?

    /// Ticks and labels for `axis` over `map`, from hand-picked ticks, a layer's categories, or
    /// nice numbers for the axis length.
    init(axis: Axis, categories: [Tick]?, map: AxisMap, direction: Direction, showsLabels: Bool,
         metrics: Metrics, typesetter: Typesetter) {
        self.map = map
        self.showsLabels = showsLabels
        label = showsLabels ? axis.label : nil
        let length = abs(map.end - map.start)
        let size = metrics.tick.size
        let maxIntervals = min(max(Int(length / (size * (direction == .horizontal ? 4 : 3))), 2), 8)
        var ticks: TickSet
        if let explicit = axis.ticks ?? categories {
            let inside = explicit.filter { map.contains($0.position) }
            ticks = TickSet(major: inside.map(\.position), labels: inside.map(\.label))
        } else if axis.scale == .log {
            ticks = TickLocator.log(map.lower, map.upper, maxIntervals: maxIntervals)
        } else {
            ticks = TickLocator.linear(map.lower, map.upper, maxIntervals: maxIntervals)
        }
        let spans = zip(ticks.major, ticks.labels).map { position, text -> ClosedRange<Double> in
            let box = typesetter.measure(text, metrics.tick)
            let half = (direction == .horizontal ? box.width : box.height) / 2
            let centre = map(position)
            return (centre - half)...(centre + half)
        }
        let anchor = ticks.major.firstIndex(of: 0) ?? 0
        let gap = direction == .horizontal ? 0.4 * size : 0.1 * size
        let keep = LabelThinning.keep(spans, gap: gap, anchor: anchor)
        ticks.labels = zip(ticks.labels, keep).map { $1 ? $0 : "" }
        self.ticks = ticks
    }

    /// The widest and the tallest shown tick label.
    func largestLabel(_ metrics: Metrics, _ typesetter: Typesetter) -> TextBox {
        let boxes = showsLabels ? ticks.labels.filter { !$0.isEmpty }.map { typesetter.measure($0, metrics.tick) } : []
        return TextBox(width: boxes.map(\.width).max() ?? 0, ascent: boxes.map(\.ascent).max() ?? 0,
                       descent: boxes.map(\.descent).max() ?? 0)
    }
}
