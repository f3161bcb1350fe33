/// Where everything of a figure goes, in points: each panel's cell, plot area, axes, colour bar
/// and legend. Computed from the ``Figure`` value alone, so every format gets the same layout.
struct FigureLayout {
    var width: Double
    var height: Double
    var metrics: Metrics
    var panels: [PanelLayout]

    init(_ figure: Figure, typesetter: Typesetter) {
        width = figure.width * 72
        height = figure.height * 72
        let metrics = Metrics(fontSize: figure.fontSize)
        self.metrics = metrics
        var plan = GridPlan(figure, width: width, height: height)
        // Margins depend on tick labels, which depend on the plot size: a few rounds settle them.
        // After the first, automatic legends that would hide data in every corner go outside if
        // the cell is wide enough to spare the room (decided once, so later rounds cannot flip it).
        var plots = plan.cells
        for round in 0..<3 {
            let (current, fixed) = (plots, plan)
            let panels = figure.panels.indices.map { PanelLayout(fixed, $0, plot: current[$0], metrics, typesetter) }
            if round == 1 {
                plan.legendsOutside = Set(panels.indices.filter { i in
                    guard figure.panels[i].legend == .automatic, let legend = panels[i].legend else { return false }
                    return legend.hidden > GridPlan.tolerableHiding && legend.frame.width < 0.3 * plan.cells[i].width
                })
            }
            plots = plan.aligned(panels.map(\.margins))
        }
        let final = plots
        let finalPlan = plan
        panels = figure.panels.indices.map { PanelLayout(finalPlan, $0, plot: final[$0], metrics, typesetter) }
    }
}

/// Space needed around a plot area for its labels, ticks, colour bar and legend.
struct Margins {
    var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
}

/// The figure's grid: cells, shared limits, which panels show which labels.
struct GridPlan {
    var figure: Figure
    var cells: [Rect]
    var xLimits: [(lower: Double, upper: Double)]
    var yLimits: [(lower: Double, upper: Double)]
    /// Panels whose automatic legend goes outside the plot area.
    var legendsOutside: Set<Int> = []
    /// How much an inside legend may cover (in ``Occupancy/hidden(by:)`` units) before it moves out.
    static let tolerableHiding = 4.0

    init(_ figure: Figure, width: Double, height: Double) {
        self.figure = figure
        let ratios = figure.columnWidths ?? Array(repeating: 1, count: figure.columns)
        let total = ratios.reduce(0, +)
        let lefts = ratios.indices.map { c in width * ratios[..<c].reduce(0, +) / total }
        let rowHeight = height / Double(figure.rows)
        cells = figure.panels.indices.map { i in
            let (r, c) = (i / figure.columns, i % figure.columns)
            return Rect(x: lefts[c], y: Double(r) * rowHeight, width: width * ratios[c] / total, height: rowHeight)
        }
        let extents = figure.panels.map(\.extents)
        var allX = Extent(), allY = Extent()
        for e in extents {
            allX.formUnion(e.x)
            allY.formUnion(e.y)
        }
        xLimits = zip(figure.panels, extents).map { panel, e in
            (figure.sharing.sharesX ? allX : e.x).limits(for: panel.x)
        }
        yLimits = zip(figure.panels, extents).map { panel, e in
            (figure.sharing.sharesY ? allY : e.y).limits(for: panel.y)
        }
    }

    func row(_ i: Int) -> Int { i / figure.columns }
    func column(_ i: Int) -> Int { i % figure.columns }

    /// Shared x labels go on the lowest panel of each column only.
    func showsXLabels(_ i: Int) -> Bool {
        !figure.sharing.sharesX || i + figure.columns >= figure.panels.count
    }

    /// Shared y labels go on the first column only.
    func showsYLabels(_ i: Int) -> Bool {
        !figure.sharing.sharesY || column(i) == 0
    }

    /// "(a)", "(b)", ... when the figure has several panels and asks for labels.
    func panelLabel(_ i: Int) -> String? {
        guard figure.panelLabels, figure.panels.count > 1 else { return nil }
        return "(" + String(UnicodeScalar(UInt8(97 + i % 26))) + ")"
    }

    /// Plot areas with margins aligned per column (left, right) and per row (top, bottom), so
    /// neighbouring panels line up.
    func aligned(_ margins: [Margins]) -> [Rect] {
        let indices = margins.indices
        func largest(_ pick: (Margins) -> Double, where same: (Int) -> Bool) -> Double {
            indices.filter(same).map { pick(margins[$0]) }.max() ?? 0
        }
        return indices.map { i in
            let left = largest({ $0.left }) { column($0) == column(i) }
            let right = largest({ $0.right }) { column($0) == column(i) }
            let top = largest({ $0.top }) { row($0) == row(i) }
            let bottom = largest({ $0.bottom }) { row($0) == row(i) }
            let cell = cells[i]
            return Rect(x: cell.x + left, y: cell.y + top, width: max(cell.width - left - right, 1),
                        height: max(cell.height - top - bottom, 1))
        }
    }
}
