import CCairo

/// Draws the layers of one panel in figure coordinates.
struct LayerPainter {
    var canvas: Canvas
    var x: AxisMap
    var y: AxisMap

    /// Where bars and histograms start: zero, or the axis bottom on a log axis.
    private var baseline: Double { y(y.scale == .log ? y.lower : 0) }

    private func mapped(_ points: [(Double, Double)]) -> [(Double, Double)] {
        points.map { (x($0.0), y($0.1)) }
    }

    func draw(_ layer: Layer, color: Color) {
        switch layer {
        case .series(let s): draw(s, color)
        case .errorBars(let e): draw(e, color)
        case .band(let b):
            let upper = zip(b.x, b.upper).map { ($0, $1) }
            let lower = zip(b.x, b.lower).map { ($0, $1) }.reversed()
            canvas.fillPolygon(mapped(upper + lower), color.opacity(color.alpha * b.opacity))
        case .histogram(let h):
            for (i, height) in h.heights.enumerated() where height > 0 {
                bar(from: h.edges[i], to: h.edges[i + 1], height: height, color)
            }
        case .bars(let b): draw(b, color)
        case .heatmap(let h): draw(h)
        case .dendrogram(let d):
            for link in d.tree.links {
                let path = [(link.left.position, link.left.height), (link.left.position, link.height),
                            (link.right.position, link.height), (link.right.position, link.right.height)]
                canvas.line(mapped(d.orientation == .vertical ? path : path.map { ($0.1, $0.0) }), color,
                            width: d.lineWidth)
            }
        }
    }

    private func draw(_ s: Series, _ color: Color) {
        if s.connection != .none {
            canvas.line(mapped(s.path), color, width: s.lineWidth, dash: s.dash)
        }
        for (px, py) in zip(s.x, s.y) {
            canvas.marker(s.marker, at: x(px), y(py), size: s.markerSize, color)
        }
    }

    private func draw(_ e: ErrorBars, _ color: Color) {
        errorBars(x: e.x, low: zip(e.y, e.below).map { $0 - $1 }, high: zip(e.y, e.above).map { $0 + $1 },
                  cap: e.capSize, color)
        for (px, py) in zip(e.x, e.y) {
            canvas.marker(e.marker, at: x(px), y(py), size: 4, color)
        }
    }

    private func draw(_ b: Bars, _ color: Color) {
        for (i, value) in b.values.enumerated() {
            bar(from: Double(i) - b.width / 2, to: Double(i) + b.width / 2, height: value, color)
        }
        if let errors = b.errors {
            errorBars(x: b.values.indices.map(Double.init), low: zip(b.values, errors).map { $0 - $1 },
                      high: zip(b.values, errors).map { $0 + $1 }, cap: 2, .black)
        }
    }

    /// A filled bar from the baseline to `height` between `x0` and `x1`, edged in white as
    /// neighbouring bars stay apart.
    private func bar(from x0: Double, to x1: Double, height: Double, _ color: Color) {
        let (left, right, top) = (x(x0), x(x1), y(height))
        guard left.isFinite, right.isFinite, top.isFinite else { return }
        let rect = Rect(x: min(left, right), y: min(top, baseline), width: abs(right - left),
                        height: abs(baseline - top))
        canvas.fill(rect, color)
        cairo_rectangle(canvas.context, rect.x, rect.y, rect.width, rect.height)
        canvas.stroke(.white, width: 0.4)
    }

    /// Vertical bars from `low[i]` to `high[i]` at `x[i]`, with caps of half-width `cap` points.
    private func errorBars(x xs: [Double], low: [Double], high: [Double], cap: Double, _ color: Color) {
        for i in xs.indices {
            let (px, y0, y1) = (x(xs[i]), y(low[i]), y(high[i]))
            canvas.addPolyline([(px, y0), (px, y1)])
            canvas.addPolyline([(px - cap, y0), (px + cap, y0)])
            canvas.addPolyline([(px - cap, y1), (px + cap, y1)])
        }
        canvas.stroke(color, width: 1)
    }

    /// The matrix as an image of k×k pixels per cell, scaled onto the cells without smoothing.
    /// (k > 1 keeps cell edges sharp in SVG viewers, which smooth embedded images.)
    private func draw(_ h: Heatmap) {
        let (rows, columns) = (h.rowCount, h.columnCount)
        guard rows > 0, columns > 0 else { return }
        let (x0, x1) = (x(-0.5), x(Double(columns) - 0.5))
        let (y0, y1) = (y(-0.5), y(Double(rows) - 0.5))
        let cell = min(abs(x1 - x0) / Double(columns), abs(y1 - y0) / Double(rows))
        let k = Int(min(max(cell.rounded(.up), 1), 16))
        let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(columns * k), Int32(rows * k))
        defer { cairo_surface_destroy(image) }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        guard let data = cairo_image_surface_get_data(image) else { return }
        let range = h.range
        for r in 0..<rows {
            let colors = h.values[r].map { PixelImage.argb(h.color(of: $0, in: range)) }
            for line in 0..<k {
                let row = UnsafeMutableRawPointer(data + (r * k + line) * stride)
                    .bindMemory(to: UInt32.self, capacity: columns * k)
                for c in 0..<columns * k { row[c] = colors[c / k] }
            }
        }
        cairo_surface_mark_dirty(image)
        canvas.saved {
            cairo_translate(canvas.context, x0, y0)
            cairo_scale(canvas.context, (x1 - x0) / Double(columns * k), (y1 - y0) / Double(rows * k))
            cairo_set_source_surface(canvas.context, image, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(canvas.context), CAIRO_FILTER_NEAREST)
            cairo_rectangle(canvas.context, 0, 0, Double(columns * k), Double(rows * k))
            cairo_fill(canvas.context)
        }
    }
}
