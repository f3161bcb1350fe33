/// One-line constructors for common layers and figures. Each returns an ordinary value that can
/// be adjusted further (`var f = Figure.line(...); f.panels[0].referenceLines.append(...)`).
extension Layer {
    /// A line through the points, optionally dashed and with markers.
    public static func line(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                            dash: Dash = .solid, marker: Marker = .none) -> Layer {
        .series(Series(x: x, y: y, label: label, color: color, dash: dash, marker: marker))
    }

    /// Unjoined markers.
    public static func scatter(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                               marker: Marker = .circle) -> Layer {
        .series(Series(x: x, y: y, label: label, color: color, connection: .none, marker: marker))
    }

    /// A step line; by default each value holds until the next point (`stepPost`).
    public static func step(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                            connection: Series.Connection = .stepPost) -> Layer {
        .series(Series(x: x, y: y, label: label, color: color, connection: connection))
    }
}

extension Figure {
    /// One or more lines over a shared x, each `(label, y)`.
    public static func line(x: [Double], y series: [(label: String?, y: [Double])], xAxis: Axis = Axis(),
                            yAxis: Axis = Axis(), referenceLines: [ReferenceLine] = []) -> Figure {
        Figure(Panel(x: xAxis, y: yAxis, layers: series.map { .line(x: x, y: $0.y, label: $0.label) },
                     referenceLines: referenceLines))
    }

    /// A single line.
    public static func line(x: [Double], y: [Double], xAxis: Axis = Axis(), yAxis: Axis = Axis(),
                            referenceLines: [ReferenceLine] = []) -> Figure {
        line(x: x, y: [(nil, y)], xAxis: xAxis, yAxis: yAxis, referenceLines: referenceLines)
    }

    /// A scatter plot.
    public static func scatter(x: [Double], y: [Double], xAxis: Axis = Axis(), yAxis: Axis = Axis()) -> Figure {
        Figure(Panel(x: xAxis, y: yAxis, layers: [.scatter(x: x, y: y)]))
    }

    /// A histogram of `values`, optionally with a curve `(x, y)` over it (e.g. a fitted density;
    /// use `.density` so the two share units).
    public static func histogram(_ values: [Double], bins: Int = 20, normalization: Histogram.Normalization = .count,
                                 curve: (label: String, x: [Double], y: [Double])? = nil,
                                 xAxis: Axis = Axis(), yAxis: Axis? = nil) -> Figure {
        var layers: [Layer] = [.histogram(Histogram(values: values, bins: bins, normalization: normalization))]
        if let curve {
            layers.append(.line(x: curve.x, y: curve.y, label: curve.label, color: Palette.color(1)))
        }
        let y = yAxis ?? Axis(normalization == .count ? "Count" : "Density")
        return Figure(Panel(x: xAxis, y: y, layers: layers))
    }

    /// One bar per category.
    public static func bars(_ categories: [String], _ values: [Double], errors: [Double]? = nil,
                            yAxis: Axis = Axis()) -> Figure {
        Figure(Panel(y: yAxis, layers: [.bars(Bars(categories: categories, values: values, errors: errors))]))
    }

    /// A matrix with row 0 at the top, a colour bar, and optional labels for rows and columns.
    public static func heatmap(_ matrix: [[Double]], colorMap: ColorMap = .viridis, labels: [String]? = nil,
                               colorBarLabel: String? = nil) -> Figure {
        Figure(heatmapPanel(Heatmap(values: matrix, colorMap: colorMap, colorBarLabel: colorBarLabel,
                                    rowLabels: labels, columnLabels: labels)),
               width: 3.5, height: 3)
    }

    /// A dendrogram with leaves along x and merge heights up the y axis.
    public static func dendrogram(_ tree: Dendrogram, leafLabels: [String]? = nil,
                                  heightLabel: String? = "Height") -> Figure {
        Figure(Panel(y: Axis(heightLabel),
                     layers: [.dendrogram(DendrogramLayer(tree: tree, leafLabels: leafLabels))]))
    }

    /// A square matrix reordered by the dendrogram's leaf order, to the right of the dendrogram
    /// (root on the left, leaves aligned with the matrix rows).
    public static func clusteredHeatmap(_ matrix: [[Double]], tree: Dendrogram, labels: [String]? = nil,
                                        colorMap: ColorMap = .viridis, colorBarLabel: String? = nil,
                                        heightLabel: String? = "Height") -> Figure {
        let order = tree.leafOrder
        precondition(matrix.count == order.count, "clusteredHeatmap: one matrix row per leaf")
        let reordered = order.map { r in order.map { c in matrix[r][c] } }
        let names = labels.map { l in order.map { l[$0] } }
        let heatmap = heatmapPanel(Heatmap(values: reordered, colorMap: colorMap, colorBarLabel: colorBarLabel,
                                           rowLabels: names, columnLabels: names))
        let tree = Panel(x: Axis(heightLabel, reversed: true), y: Axis(reversed: true, ticks: []),
                         layers: [.dendrogram(DendrogramLayer(tree: tree, orientation: .horizontal))])
        return Figure(panels: [tree, heatmap], rows: 1, columns: 2, width: 5, height: 3.4,
                      columnWidths: [1, 3], panelLabels: false)
    }

    private static func heatmapPanel(_ heatmap: Heatmap) -> Panel {
        Panel(y: Axis(reversed: true), layers: [.heatmap(heatmap)])
    }
}
