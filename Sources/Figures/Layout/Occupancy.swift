/// What is drawn where in a plot area, as sample points and filled boxes in figure coordinates;
/// labels and the legend go where they hide the least of it.
struct Occupancy {
    var points: [(Double, Double)] = []
    var boxes: [Rect] = []
    /// Boxes of text, which must not be covered at all.
    var texts: [Rect] = []

    /// How much of the drawing `box` would cover: a point counts 1, a fully covered box 20,
    /// any overlap with text 100.
    func hidden(by box: Rect) -> Double {
        Double(points.filter { box.contains($0.0, $0.1) }.count)
            + 20 * boxes.reduce(0) { $0 + box.overlap($1) } / max(box.width * box.height, 1e-9)
            + 100 * Double(texts.filter { box.overlap($0) > 0 }.count)
    }

    /// Points along a polyline in figure coordinates: its vertices and seven more per segment.
    static func along(_ path: [(Double, Double)]) -> [(Double, Double)] {
        let finite = path.filter { $0.0.isFinite && $0.1.isFinite }
        guard let last = finite.last else { return [] }
        var points: [(Double, Double)] = []
        for (p, q) in zip(finite, finite.dropFirst()) {
            for k in 0..<8 {
                let t = Double(k) / 8
                points.append((p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t))
            }
        }
        return points + [last]
    }

    mutating func formUnion(_ other: Occupancy) {
        points += other.points
        boxes += other.boxes
        texts += other.texts
    }
}

extension Occupancy {
    /// What a layer covers in figure coordinates: points along its lines and filled boxes.
    init(_ layer: Layer, x: AxisMap, y: AxisMap) {
        func box(_ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> Rect {
            let (a, b, c, d) = (x(x0), x(x1), y(y0), y(y1))
            return Rect(x: min(a, b), y: min(c, d), width: abs(b - a), height: abs(d - c))
        }
        func sampled(_ path: [(Double, Double)]) -> [(Double, Double)] {
            Occupancy.along(path.map { (x($0.0), y($0.1)) })
        }
        let floor = max(y.lower, 0)
        switch layer {
        case .series(let s):
            self.init(points: s.connection == .none ? zip(s.x, s.y).map { (x($0), y($1)) } : sampled(s.path), boxes: [])
        case .errorBars(let e):
            let points = e.x.indices.flatMap { i in
                [(e.x[i], e.y[i]), (e.x[i], e.y[i] - e.below[i]), (e.x[i], e.y[i] + e.above[i])]
            }
            self.init(points: points.map { (x($0.0), y($0.1)) }, boxes: [])
        case .band(let b):
            self.init(points: [], boxes: b.x.indices.dropLast().map { i in
                box(b.x[i], b.x[i + 1], min(b.lower[i], b.lower[i + 1]), max(b.upper[i], b.upper[i + 1]))
            })
        case .histogram(let h):
            let heights = h.heights
            self.init(points: [], boxes: heights.indices.map { box(h.edges[$0], h.edges[$0 + 1], floor, heights[$0]) })
        case .bars(let b):
            self.init(points: [], boxes: b.values.indices.map { i in
                box(Double(i) - b.width / 2, Double(i) + b.width / 2, floor, b.values[i])
            })
        case .heatmap(let h):
            self.init(points: [], boxes: [box(-0.5, Double(h.columnCount) - 0.5, -0.5, Double(h.rowCount) - 0.5)])
        case .dendrogram(let d):
            let paths = d.tree.links.map { link in
                [(link.left.position, link.left.height), (link.left.position, link.height),
                 (link.right.position, link.height), (link.right.position, link.right.height)]
            }
            let oriented = d.orientation == .vertical ? paths : paths.map { $0.map { ($0.1, $0.0) } }
            self.init(points: oriented.flatMap(sampled), boxes: [])
        }
    }
}
