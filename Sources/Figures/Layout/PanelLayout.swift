/// One panel as drawn: its cell and plot area, axes, resolved layer colours, colour bar and legend.
struct PanelLayout {
    var panel: Panel
    var cell: Rect
    var plot: Rect
    var x: AxisLayout
    var y: AxisLayout
    /// The colour of each layer: its own, or the next one of the palette.
    var colors: [Color]
    var colorBar: ColorBarLayout?
    var legend: LegendLayout?
    /// Labels of the reference lines that have one.
    var referenceLabels: [TextPlacement]
    var annotations: [TextPlacement]
    var panelLabel: String?
    var margins: Margins

    init(_ plan: GridPlan, _ i: Int, plot: Rect, _ metrics: Metrics, _ typesetter: Typesetter) {
        let panel = plan.figure.panels[i]
        self.panel = panel
        self.plot = plot
        cell = plan.cells[i]
        panelLabel = plan.panelLabel(i)
        let categories = panel.layers.map(\.categoryTicks)
        let xMap = AxisMap(scale: panel.x.scale, lower: plan.xLimits[i].lower, upper: plan.xLimits[i].upper,
                           start: panel.x.reversed ? plot.maxX : plot.minX,
                           end: panel.x.reversed ? plot.minX : plot.maxX)
        let yMap = AxisMap(scale: panel.y.scale, lower: plan.yLimits[i].lower, upper: plan.yLimits[i].upper,
                           start: panel.y.reversed ? plot.minY : plot.maxY,
                           end: panel.y.reversed ? plot.maxY : plot.minY)
        x = AxisLayout(axis: panel.x, categories: categories.compactMap(\.x).first, map: xMap,
                       direction: .horizontal, showsLabels: plan.showsXLabels(i), metrics: metrics,
                       typesetter: typesetter)
        y = AxisLayout(axis: panel.y, categories: categories.compactMap(\.y).first, map: yMap,
                       direction: .vertical, showsLabels: plan.showsYLabels(i), metrics: metrics,
                       typesetter: typesetter)
        var next = 0
        colors = panel.layers.map { layer in
            if let own = layer.color { return own }
            guard layer.usesPaletteColor else { return .black }
            defer { next += 1 }
            return Palette.color(next)
        }
        colorBar = panel.layers.lazy.compactMap { layer -> Heatmap? in
            if case .heatmap(let h) = layer, h.showsColorBar { return h }
            return nil
        }.first.map { ColorBarLayout($0, beside: plot, metrics, typesetter) }
        // The legend goes first (it is the larger box), around data, reference lines and
        // annotations; reference line labels then take the end of their line that hides least.
        var data = Occupancy()
        for layer in panel.layers { data.formUnion(Occupancy(layer, x: xMap, y: yMap)) }
        annotations = panel.annotations.map { PanelLayout.placement(of: $0, x: xMap, y: yMap, font: metrics.legend) }
        var furniture = data
        for line in panel.referenceLines {
            furniture.points += Occupancy.along(line.orientation == .horizontal
                ? [(plot.minX, yMap(line.value)), (plot.maxX, yMap(line.value))]
                : [(xMap(line.value), plot.minY), (xMap(line.value), plot.maxY)])
        }
        furniture.texts += annotations.map { $0.box(typesetter) }
        let legendLeft = (colorBar.map { $0.width + metrics.colorBarGap } ?? 0) + plot.maxX
        legend = LegendLayout(panel, placement: plan.legendsOutside.contains(i) ? .outside : panel.legend,
                              colors: colors, plot: plot, avoiding: furniture, outsideAt: legendLeft, metrics, typesetter)
        data.texts += annotations.map { $0.box(typesetter) } + (legend.map { [$0.frame] } ?? [])
        let avoided = data
        referenceLabels = panel.referenceLines.compactMap { line in
            PanelLayout.label(of: line, plot: plot, x: xMap, y: yMap, font: metrics.legend, avoiding: avoided, typesetter)
        }
        margins = Margins()
        margins = neededMargins(metrics, typesetter)
    }

    private func neededMargins(_ metrics: Metrics, _ typesetter: Typesetter) -> Margins {
        let xDepth = x.labelDepth(metrics, typesetter)
        let yDepth = y.labelDepth(metrics, typesetter)
        let labelHeight = typesetter.measure("Ag", metrics.label).height
        var m = Margins()
        m.left = metrics.outerPad + metrics.tickLength
            + (yDepth > 0 ? yDepth + metrics.tickPad : 0)
            + (y.label != nil ? labelHeight + metrics.labelPad : 0)
        m.bottom = metrics.outerPad + metrics.tickLength
            + (xDepth > 0 ? xDepth + metrics.tickPad : 0)
            + (x.label != nil ? labelHeight + metrics.labelPad : 0)
        let title = panel.title.map { typesetter.measure($0, metrics.title).height + metrics.labelPad } ?? 0
        let tag = panelLabel.map { typesetter.measure($0, metrics.panelLabel).height + metrics.labelPad } ?? 0
        let tickLabelHeight = y.showsLabels ? typesetter.measure("0", metrics.tick).height : 0
        m.top = metrics.outerPad + max(title, tag, tickLabelHeight / 2)
        let lastX = Array(zip(x.ticks.major, x.ticks.labels)).last { !$0.1.isEmpty }
        let overhang = x.showsLabels && !x.rotatesLabels ? lastX.map { position, text in
            typesetter.measure(text, metrics.tick).width / 2 - (plot.maxX - x.map(position))
        } ?? 0 : 0
        let legendWidth = legend.map { $0.isOutside ? $0.frame.width + metrics.colorBarGap : 0 } ?? 0
        m.right = metrics.outerPad + max(overhang, 0)
            + (colorBar.map { $0.width + metrics.colorBarGap } ?? 0) + legendWidth
        return m
    }
}

/// A colour bar to the right of a heatmap's plot area, with its own value axis.
struct ColorBarLayout {
    var heatmap: Heatmap
    var bar: Rect
    var axis: AxisLayout
    /// From the bar's left edge to the end of its axis label.
    var width: Double

    init(_ heatmap: Heatmap, beside plot: Rect, _ metrics: Metrics, _ typesetter: Typesetter) {
        self.heatmap = heatmap
        bar = Rect(x: plot.maxX + metrics.colorBarGap, y: plot.minY, width: metrics.colorBarWidth,
                   height: plot.height)
        let range = heatmap.range
        let map = AxisMap(scale: .linear, lower: range.lowerBound, upper: range.upperBound,
                          start: bar.maxY, end: bar.minY)
        axis = AxisLayout(axis: Axis(heatmap.colorBarLabel), categories: nil, map: map, direction: .vertical,
                          showsLabels: true, metrics: metrics, typesetter: typesetter)
        width = bar.width + metrics.tickLength + metrics.tickPad + axis.labelDepth(metrics, typesetter)
            + (heatmap.colorBarLabel != nil ? metrics.labelPad + typesetter.measure("Ag", metrics.label).height : 0)
    }
}
