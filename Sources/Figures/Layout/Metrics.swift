/// Fonts and distances of a figure's furniture in points, after matplotlib's defaults scaled to
/// journal sizes.
struct Metrics {
    var label: FontStyle
    var tick: FontStyle
    var title: FontStyle
    var legend: FontStyle
    var panelLabel: FontStyle

    var tickLength = 3.5
    var minorTickLength = 2.0
    var tickWidth = 0.8
    var minorTickWidth = 0.6
    var frameWidth = 0.8
    /// Between a tick and its label.
    var tickPad = 3.5
    /// Between tick labels and the axis label.
    var labelPad = 4.0
    /// Around the figure's cells.
    var outerPad = 4.0
    var colorBarGap = 6.0
    var colorBarWidth = 7.0

    init(fontSize: Double) {
        label = FontStyle(size: fontSize)
        tick = FontStyle(size: fontSize - 1)
        title = FontStyle(size: fontSize)
        legend = FontStyle(size: fontSize - 1)
        panelLabel = FontStyle(size: fontSize + 1, bold: true)
    }
}
