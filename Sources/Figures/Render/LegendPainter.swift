/// Draws a legend box: a framed, slightly translucent box with a handle and a label per entry.
struct LegendPainter {
    var legend: LegendLayout
    var font: FontStyle
    var canvas: Canvas
    var typesetter: Typesetter

    func draw() {
        let frame = legend.frame
        canvas.fill(frame, Color.white.opacity(0.8))
        canvas.addPolyline([(frame.minX, frame.minY), (frame.maxX, frame.minY), (frame.maxX, frame.maxY),
                            (frame.minX, frame.maxY), (frame.minX, frame.minY)])
        canvas.stroke(Color(hex: 0xCCCCCC), width: 0.8)
        let x0 = frame.minX + legend.padding
        let x1 = x0 + legend.handleLength
        for (i, entry) in legend.entries.enumerated() {
            let cy = frame.minY + legend.padding + (Double(i) + 0.5) * legend.rowHeight
            handle(entry, from: x0, to: x1, at: cy)
            canvas.text(entry.label, at: x1 + legend.handleGap, cy, font, align: .left, baseline: .middle,
                        typesetter: typesetter)
        }
    }

    /// A sample of the layer: a line with its marker, a bar with a marker, or a filled patch.
    private func handle(_ entry: LegendLayout.Entry, from x0: Double, to x1: Double, at cy: Double) {
        let color = entry.color
        let patchHeight = 0.7 * font.size
        let patch = Rect(x: x0, y: cy - patchHeight / 2, width: x1 - x0, height: patchHeight)
        switch entry.layer {
        case .series(let s):
            if s.connection != .none {
                canvas.line([(x0, cy), (x1, cy)], color, width: s.lineWidth, dash: s.dash)
            }
            canvas.marker(s.marker, at: (x0 + x1) / 2, cy, size: s.markerSize, color)
        case .errorBars(let e):
            canvas.line([((x0 + x1) / 2, cy - patchHeight / 2 - 1), ((x0 + x1) / 2, cy + patchHeight / 2 + 1)], color,
                        width: 1)
            canvas.marker(e.marker, at: (x0 + x1) / 2, cy, size: 4, color)
        case .band(let b):
            canvas.fill(patch, color.opacity(color.alpha * b.opacity))
        case .histogram, .bars, .heatmap, .dendrogram:
            canvas.fill(patch, color)
        }
    }
}
