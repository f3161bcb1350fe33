import Foundation

/// The span of data along one axis, and the values margins must not cross (bar baselines,
/// heatmap edges), as matplotlib's sticky edges.
struct Extent {
    var lower = Double.infinity
    var upper = -Double.infinity
    var sticky: Set<Double> = []

    /// Adds the finite values usable on an axis of `scale` (positive ones on a log axis).
    mutating func include(_ values: [Double], scale: Axis.Scale, sticky isSticky: Bool = false) {
        for v in values where v.isFinite && (scale == .linear || v > 0) {
            lower = min(lower, v)
            upper = max(upper, v)
            if isSticky { sticky.insert(v) }
        }
    }

    mutating func formUnion(_ other: Extent) {
        lower = min(lower, other.lower)
        upper = max(upper, other.upper)
        sticky.formUnion(other.sticky)
    }

    /// The axis limits: the axis's own ends where set, otherwise the data widened by `margin`
    /// of its span on each side that is not sticky (in log10 units on a log axis).
    func limits(for axis: Axis, margin: Double = 0.05) -> (lower: Double, upper: Double) {
        let log = axis.scale == .log
        var lo = lower, hi = upper
        if lo > hi { (lo, hi) = log ? (1, 10) : (0, 1) }
        func t(_ v: Double) -> Double { log ? log10(v) : v }
        func inverse(_ v: Double) -> Double { log ? pow(10, v) : v }
        var a = t(lo), b = t(hi)
        if a == b {
            let pad = log ? 0.5 : max(abs(a) * 0.05, 0.5)
            (a, b) = (a - pad, b + pad)
        } else {
            let pad = (b - a) * margin
            if !sticky.contains(lo) { a -= pad }
            if !sticky.contains(hi) { b += pad }
        }
        let low = axis.lower ?? inverse(a)
        let high = axis.upper ?? inverse(b)
        return low < high ? (low, high) : (low, low + (log ? low * 9 : 1))
    }
}

extension Layer {
    /// The layer's data extents along x and y.
    func extents(x xScale: Axis.Scale, y yScale: Axis.Scale) -> (x: Extent, y: Extent) {
        var x = Extent(), y = Extent()
        switch self {
        case .series(let s):
            x.include(s.x, scale: xScale)
            y.include(s.y, scale: yScale)
        case .errorBars(let e):
            x.include(e.x, scale: xScale)
            y.include(zip(e.y, e.below).map { $0 - $1 } + zip(e.y, e.above).map { $0 + $1 }, scale: yScale)
        case .band(let b):
            x.include(b.x, scale: xScale)
            y.include(b.lower + b.upper, scale: yScale)
        case .histogram(let h):
            x.include(h.edges, scale: xScale)
            y.include([0], scale: yScale, sticky: true)
            y.include(h.heights, scale: yScale)
        case .bars(let b):
            x.include([-0.5, Double(b.values.count) - 0.5], scale: xScale)
            y.include([0], scale: yScale, sticky: true)
            let errors = b.errors ?? b.values.map { _ in 0 }
            y.include(zip(b.values, errors).flatMap { [$0 - $1, $0 + $1] }, scale: yScale)
        case .heatmap(let h):
            x.include([-0.5, Double(h.columnCount) - 0.5], scale: xScale, sticky: true)
            y.include([-0.5, Double(h.rowCount) - 0.5], scale: yScale, sticky: true)
        case .dendrogram(let d):
            var leaves = Extent(), heights = Extent()
            leaves.include([-0.5, Double(d.tree.leafCount) - 0.5], scale: .linear, sticky: true)
            heights.include([0], scale: .linear, sticky: true)
            heights.include(d.tree.mergeHeights, scale: .linear)
            return d.orientation == .vertical ? (leaves, heights) : (heights, leaves)
        }
        return (x, y)
    }

    /// Category ticks the layer gives the x and y axes (bar names, matrix indices, leaf labels).
    var categoryTicks: (x: [Tick]?, y: [Tick]?) {
        func indexed(_ labels: [String]) -> [Tick] {
            labels.enumerated().map { Tick(Double($0.offset), $0.element) }
        }
        switch self {
        case .bars(let b):
            return (indexed(b.categories), nil)
        case .heatmap(let h):
            return (indexed(h.columnLabels ?? (0..<h.columnCount).map(String.init)),
                    indexed(h.rowLabels ?? (0..<h.rowCount).map(String.init)))
        case .dendrogram(let d):
            let leaves = indexed(d.tree.leafOrder.map { d.leafLabels?[$0] ?? String($0) })
            return d.orientation == .vertical ? (leaves, nil) : (nil, leaves)
        case .series, .errorBars, .band, .histogram:
            return (nil, nil)
        }
    }
}

extension Panel {
    /// The extents of everything drawn in data coordinates: layers, reference lines, annotations.
    var extents: (x: Extent, y: Extent) {
        var x = Extent(), y = Extent()
        for layer in layers {
            let e = layer.extents(x: self.x.scale, y: self.y.scale)
            x.formUnion(e.x)
            y.formUnion(e.y)
        }
        for line in referenceLines {
            if line.orientation == .horizontal {
                y.include([line.value], scale: self.y.scale)
            } else {
                x.include([line.value], scale: self.x.scale)
            }
        }
        for note in annotations {
            x.include([note.x], scale: self.x.scale)
            y.include([note.y], scale: self.y.scale)
        }
        return (x, y)
    }
}
