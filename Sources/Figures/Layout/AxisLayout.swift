/// One axis as drawn: its map onto the figure, its ticks (labels thinned so none overlap), and
/// whether its tick labels and axis label are shown.
struct AxisLayout {
    enum Direction { case horizontal, vertical }

    var map: AxisMap
    var direction: Direction
    var ticks: TickSet
    var showsLabels: Bool
    var label: String?
    /// Category labels of a horizontal axis turned to read upwards, as they did not fit side by side.
    var rotatesLabels = false

    /// Ticks and labels for `axis` over `map`, from hand-picked ticks, a layer's categories, or
    /// nice numbers for the axis length.
    init(axis: Axis, categories: [Tick]?, map: AxisMap, direction: Direction, showsLabels: Bool,
         metrics: Metrics, typesetter: Typesetter) {
        self.map = map
        self.direction = direction
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
        let boxes = ticks.labels.map { typesetter.measure($0, metrics.tick) }
        func spans(_ extent: (TextBox) -> Double) -> [ClosedRange<Double>] {
            zip(ticks.major, boxes).map { position, box in
                (map(position) - extent(box) / 2)...(map(position) + extent(box) / 2)
            }
        }
        let anchor = ticks.major.firstIndex(of: 0) ?? 0
        let gap = direction == .horizontal ? 0.4 * size : 0.1 * size
        var keep = LabelThinning.keep(spans(direction == .horizontal ? \.width : \.height), gap: gap, anchor: anchor)
        if direction == .horizontal, axis.ticks ?? categories != nil, keep.contains(false) {
            rotatesLabels = true
            keep = LabelThinning.keep(spans(\.height), gap: 0.1 * size, anchor: anchor)
        }
        ticks.labels = zip(ticks.labels, keep).map { $1 ? $0 : "" }
        self.ticks = ticks
    }

    /// How far the shown tick labels reach away from the axis.
    func labelDepth(_ metrics: Metrics, _ typesetter: Typesetter) -> Double {
        guard showsLabels else { return 0 }
        let boxes = ticks.labels.filter { !$0.isEmpty }.map { typesetter.measure($0, metrics.tick) }
        let upright = direction == .horizontal && !rotatesLabels
        return boxes.map { upright ? $0.height : $0.width }.max() ?? 0
    }
}
