import CCairo
import Foundation

/// Draws one laid-out panel: layers, reference lines, frame, ticks, labels, colour bar,
/// annotations and legend.
struct PanelPainter {
    var layout: PanelLayout
    var metrics: Metrics
    var canvas: Canvas
    var typesetter: Typesetter

    func draw() {
        let plot = layout.plot
        let (x, y) = (layout.x.map, layout.y.map)
        canvas.saved {
            canvas.clip(to: plot)
            let layers = LayerPainter(canvas: canvas, x: x, y: y)
            for (layer, color) in zip(layout.panel.layers, layout.colors) {
                layers.draw(layer, color: color)
            }
            for line in layout.panel.referenceLines { draw(line) }
            for label in layout.referenceLabels { canvas.draw(label, typesetter) }
        }
        cairo_rectangle(canvas.context, plot.x, plot.y, plot.width, plot.height)
        canvas.stroke(.black, width: metrics.frameWidth)
        drawAxis(layout.x, horizontal: true, edge: plot.maxY)
        drawAxis(layout.y, horizontal: false, edge: plot.minX)
        if let title = layout.panel.title {
            canvas.text(title, at: plot.x + plot.width / 2, plot.minY - metrics.labelPad, metrics.title,
                        align: .center, baseline: .bottom, typesetter: typesetter)
        }
        if let tag = layout.panelLabel {
            canvas.text(tag, at: layout.cell.minX + metrics.outerPad, layout.cell.minY + metrics.outerPad,
                        metrics.panelLabel, baseline: .top, typesetter: typesetter)
        }
        if let bar = layout.colorBar { draw(bar) }
        for note in layout.annotations { canvas.draw(note, typesetter) }
        if let legend = layout.legend {
            LegendPainter(legend: legend, font: metrics.legend, canvas: canvas, typesetter: typesetter).draw()
        }
    }

    /// Ticks pointing outwards from `edge` (the bottom for x, the left or right side for y),
    /// their labels, and the axis label beyond them. `outward` is +1 away from the plot.
    private func drawAxis(_ axis: AxisLayout, horizontal: Bool, edge: Double, outward: Double? = nil) {
        let out = outward ?? (horizontal ? 1 : -1)
        func tick(_ value: Double, length: Double) {
            let p = axis.map(value)
            guard p.isFinite, axis.map.contains(value) else { return }
            canvas.addPolyline(horizontal ? [(p, edge), (p, edge + out * length)] : [(edge, p), (edge + out * length, p)])
        }
        for v in axis.ticks.minor { tick(v, length: metrics.minorTickLength) }
        canvas.stroke(.black, width: metrics.minorTickWidth)
        for v in axis.ticks.major { tick(v, length: metrics.tickLength) }
        canvas.stroke(.black, width: metrics.tickWidth)
        guard axis.showsLabels else { return }
        let labelEdge = edge + out * (metrics.tickLength + metrics.tickPad)
        for (value, text) in zip(axis.ticks.major, axis.ticks.labels) where axis.map.contains(value) {
            let p = axis.map(value)
            if horizontal && axis.rotatesLabels {
                canvas.text(text, at: p, labelEdge, metrics.tick, align: .right, baseline: .middle,
                            angle: Double.pi / 2, typesetter: typesetter)
            } else if horizontal {
                canvas.text(text, at: p, labelEdge, metrics.tick, align: .center, baseline: .top, typesetter: typesetter)
            } else {
                canvas.text(text, at: labelEdge, p, metrics.tick, align: out < 0 ? .right : .left, baseline: .middle,
                            typesetter: typesetter)
            }
        }
        guard let label = axis.label else { return }
        let depth = axis.labelDepth(metrics, typesetter)
        let centre = (axis.map.start + axis.map.end) / 2
        if horizontal {
            canvas.text(label, at: centre, labelEdge + out * (depth + metrics.labelPad), metrics.label,
                        align: .center, baseline: .top, typesetter: typesetter)
        } else {
            canvas.text(label, at: labelEdge + out * (depth + metrics.labelPad), centre, metrics.label,
                        align: .center, baseline: out < 0 ? .bottom : .top, angle: Double.pi / 2,
                        typesetter: typesetter)
        }
    }

    private func draw(_ line: ReferenceLine) {
        let plot = layout.plot
        if line.orientation == .horizontal {
            let py = layout.y.map(line.value)
            canvas.line([(plot.minX, py), (plot.maxX, py)], line.color, width: line.lineWidth, dash: line.dash)
        } else {
            let px = layout.x.map(line.value)
            canvas.line([(px, plot.minY), (px, plot.maxY)], line.color, width: line.lineWidth, dash: line.dash)
        }
    }

    /// The colour map as a vertical gradient through its anchors, framed, with a value axis on the right.
    private func draw(_ bar: ColorBarLayout) {
        let r = bar.bar
        let gradient = cairo_pattern_create_linear(0, r.maxY, 0, r.minY)
        let anchors = bar.heatmap.colorMap.anchors
        for (i, c) in anchors.enumerated() {
            cairo_pattern_add_color_stop_rgb(gradient, Double(i) / Double(anchors.count - 1), c.red, c.green, c.blue)
        }
        cairo_rectangle(canvas.context, r.x, r.y, r.width, r.height)
        cairo_set_source(canvas.context, gradient)
        cairo_fill(canvas.context)
        cairo_pattern_destroy(gradient)
        cairo_rectangle(canvas.context, r.x, r.y, r.width, r.height)
        canvas.stroke(.black, width: metrics.frameWidth)
        drawAxis(bar.axis, horizontal: false, edge: r.maxX, outward: 1)
    }
}
