/// A complete, drawable description of a figure: its size and a grid of panels. A pure value;
/// ``render(as:)`` turns it into SVG, PNG or PDF bytes.
public struct Figure: Codable, Equatable, Sendable {
    /// Which axes panels of the grid have in common: shared axes get the same limits, and only the
    /// outer panels (bottom row for x, first column for y) carry their tick labels and axis label.
    public enum AxisSharing: String, Codable, Sendable, CaseIterable {
        case none, x, y, both

        var sharesX: Bool { self == .x || self == .both }
        var sharesY: Bool { self == .y || self == .both }
    }

    /// The width of one journal column, in inches.
    public static let columnWidth = 3.5
    /// The width of a two-column journal page, in inches.
    public static let pageWidth = 7.0

    /// Width in inches (``columnWidth`` or ``pageWidth`` fit a journal's text).
    public var width: Double
    /// Height in inches.
    public var height: Double
    /// Resolution of PNG output, in pixels per inch.
    public var dpi: Double
    /// Size of axis labels in points; tick labels and legends are one point smaller.
    public var fontSize: Double
    public var rows: Int
    public var columns: Int
    /// Panels in row-major order, at most `rows × columns`.
    public var panels: [Panel]
    public var sharing: AxisSharing
    /// Relative widths of the columns; `nil` makes them equal.
    public var columnWidths: [Double]?
    /// Label the panels (a), (b), ... when there is more than one.
    public var panelLabels: Bool

    public init(panels: [Panel], rows: Int? = nil, columns: Int? = nil, width: Double = 3.5,
                height: Double = 2.6, dpi: Double = 200, fontSize: Double = 8,
                sharing: AxisSharing = .none, columnWidths: [Double]? = nil, panelLabels: Bool = true) {
        let columns = columns ?? (rows.map { (panels.count + $0 - 1) / $0 } ?? panels.count)
        let rows = rows ?? (panels.count + columns - 1) / max(columns, 1)
        precondition(panels.count <= rows * columns, "Figure: more panels than grid cells")
        precondition(columnWidths.map { $0.count == columns } ?? true, "Figure: one width per column")
        self.width = width
        self.height = height
        self.dpi = dpi
        self.fontSize = fontSize
        self.rows = max(rows, 1)
        self.columns = max(columns, 1)
        self.panels = panels
        self.sharing = sharing
        self.columnWidths = columnWidths
        self.panelLabels = panelLabels
    }

    /// A single-panel figure.
    public init(_ panel: Panel, width: Double = 3.5, height: Double = 2.6) {
        self.init(panels: [panel], width: width, height: height)
    }
}

/// The file formats a figure renders to.
public enum FigureFormat: String, Codable, Sendable, CaseIterable {
    case svg, png, pdf
}
