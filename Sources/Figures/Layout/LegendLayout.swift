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

    /// `nil` when the legend is hidden or no layer has a label.
    init?(_ panel: Panel, colors: [Color], plot: Rect, x: AxisMap, y: AxisMap, outsideAt outsideX: Double,
          _ metrics: Metrics, _ typesetter: Typesetter) {
        entries = zip(panel.layers, colors).compactMap { layer, color in
            layer.label.map { Entry(layer: layer, color: color, label: $0) }
        }
        guard panel.legend != .hidden, !entries.isEmpty else { return nil }
        let size = metrics.legend.size
        padding = 0.5 * size
        handleLength = 2 * size
        handleGap = 0.6 * size
        rowHeight = 1.3 * size
        let textWidth = entries.map { typesetter.measure($0.label, metrics.legend).width }.max() ?? 0
        let width = 2 * padding + handleLength + handleGap + textWidth
        let height = 2 * padding + Double(entries.count) * rowHeight
        isOutside = panel.legend == .outside
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
        if let fixed = corners.first(where: { $0.0 == panel.legend }) {
            frame = fixed.1
        } else {
            let occupied = panel.layers.map { $0.occupancy(x: x, y: y) }
            func hidden(_ box: Rect) -> Double {
                occupied.reduce(0) { total, o in
                    total + Double(o.points.filter { box.contains($0.0, $0.1) }.count)
                        + 20 * o.boxes.reduce(0) { $0 + box.overlap($1) } / (box.width * box.height)
                }
            }
            frame = corners.min { hidden($0.1) < hidden($1.1) }!.1
        }
    }
}

extension Layer {
    /// What the layer covers in figure coordinates: points along its lines and filled boxes,
    /// used to place the legend where it hides the least.
    func occupancy(x: AxisMap, y: AxisMap) -> (points: [(Double, Double)], boxes: [Rect]) {
        func box(_ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> Rect {
            let (a, b, c, d) = (x(x0), x(x1), y(y0), y(y1))
            return Rect(x: min(a, b), y: min(c, d), width: abs(b - a), height: abs(d - c))
        }
        func sampled(_ path: [(Double, Double)]) -> [(Double, Double)] {
            let device = path.map { (x($0.0), y($0.1)) }.filter { $0.0.isFinite && $0.1.isFinite }
            guard let last = device.last else { return [] }
            var points: [(Double, Double)] = []
            for (p, q) in zip(device, device.dropFirst()) {
                for k in 0..<8 {
                    let t = Double(k) / 8
                    points.append((p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t))
                }
            }
            return points + [last]
        }
        let floor = max(y.lower, 0)
        switch self {
        case .series(let s):
            return (s.connection == .none ? zip(s.x, s.y).map { (x($0), y($1)) } : sampled(s.path), [])
        case .errorBars(let e):
            let points = e.x.indices.flatMap { i in
                [(e.x[i], e.y[i]), (e.x[i], e.y[i] - e.below[i]), (e.x[i], e.y[i] + e.above[i])]
            }
            return (points.map { (x($0.0), y($0.1)) }, [])
        case .band(let b):
            return ([], b.x.indices.dropLast().map { i in
                box(b.x[i], b.x[i + 1], min(b.lower[i], b.lower[i + 1]), max(b.upper[i], b.upper[i + 1]))
            })
        case .histogram(let h):
            let heights = h.heights
            return ([], heights.indices.map { box(h.edges[$0], h.edges[$0 + 1], floor, heights[$0]) })
        case .bars(let b):
            return ([], b.values.indices.map { i in
                box(Double(i) - b.width / 2, Double(i) + b.width / 2, floor, b.values[i])
            })
        case .heatmap(let h):
            return ([], [box(-0.5, Double(h.columnCount) - 0.5, -0.5, Double(h.rowCount) - 0.5)])
        case .dendrogram(let d):
            let paths = d.tree.links.map { link in
                [(link.left.position, link.left.height), (link.left.position, link.height),
                 (link.right.position, link.height), (link.right.position, link.right.height)]
            }
            let oriented = d.orientation == .vertical ? paths : paths.map { $0.map { ($0.1, $0.0) } }
            return (oriented.flatMap(sampled), [])
        }
    }
}
