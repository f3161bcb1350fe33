/// Consistency checks for figures that did not come through the checking initialisers (decoded
/// ones, or edited after construction); rendering runs them first.
extension Figure {
    /// The first inconsistency found, e.g. "panel 2, layer 1: x and y differ in length".
    public var problem: String? {
        if rows < 1 || columns < 1 || panels.count > rows * columns {
            return "\(panels.count) panels do not fit a \(rows)×\(columns) grid"
        }
        if let widths = columnWidths, widths.count != columns || widths.contains(where: { !($0 > 0) }) {
            return "columnWidths needs one positive width per column"
        }
        if !(width > 0 && height > 0 && dpi > 0 && fontSize > 0) {
            return "width, height, dpi and fontSize must be positive"
        }
        for (p, panel) in panels.enumerated() {
            for axis in [panel.x, panel.y] where axis.scale == .log {
                if [axis.lower, axis.upper].contains(where: { ($0 ?? 1) <= 0 }) {
                    return "panel \(p + 1): a log axis needs positive limits"
                }
            }
            for (l, layer) in panel.layers.enumerated() {
                if let problem = layer.problem { return "panel \(p + 1), layer \(l + 1): \(problem)" }
            }
        }
        return nil
    }
}

extension Layer {
    var problem: String? {
        switch self {
        case .series(let s):
            return s.x.count == s.y.count ? nil : "x and y differ in length"
        case .errorBars(let e):
            return Set([e.x.count, e.y.count, e.below.count, e.above.count]).count == 1 ? nil
                : "x, y and the errors differ in length"
        case .band(let b):
            return b.x.count == b.lower.count && b.x.count == b.upper.count ? nil : "x, lower and upper differ in length"
        case .histogram(let h):
            if h.edges.count != h.counts.count + 1 { return "a histogram needs one more edge than counts" }
            return zip(h.edges, h.edges.dropFirst()).allSatisfy { $0 < $1 } ? nil : "histogram edges must increase"
        case .bars(let b):
            if b.categories.count != b.values.count { return "categories and values differ in length" }
            return (b.errors?.count ?? b.values.count) == b.values.count ? nil : "errors and values differ in length"
        case .heatmap(let h):
            return Set(h.values.map(\.count)).count <= 1 ? nil : "heatmap rows differ in length"
        case .dendrogram(let d):
            return (d.leafLabels?.count ?? d.tree.leafCount) == d.tree.leafCount ? nil : "need one label per leaf"
        }
    }
}
