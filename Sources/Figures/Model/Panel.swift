/// One set of axes with its layers, legend, reference lines and annotations.
public struct Panel: Codable, Equatable, Sendable {
    public var title: String?
    public var x: Axis
    public var y: Axis
    /// Drawn in order; layers without a colour take the palette's colours in turn.
    public var layers: [Layer]
    public var legend: LegendPlacement
    public var referenceLines: [ReferenceLine]
    public var annotations: [Annotation]

    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), layers: [Layer] = [],
                legend: LegendPlacement = .automatic, referenceLines: [ReferenceLine] = [],
                annotations: [Annotation] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.layers = layers
        self.legend = legend
        self.referenceLines = referenceLines
        self.annotations = annotations
    }
}

/// A labelled position on an axis, for categorical or hand-picked ticks.
public struct Tick: Codable, Equatable, Sendable {
    public var position: Double
    public var label: String

    public init(_ position: Double, _ label: String) {
        self.position = position
        self.label = label
    }
}

/// One axis of a panel.
public struct Axis: Codable, Equatable, Sendable {
    public enum Scale: String, Codable, Sendable, CaseIterable {
        case linear, log
    }

    public var scale: Scale
    public var label: String?
    /// Fixed ends of the axis; `nil` fits the data (with a 5% margin, as matplotlib).
    public var lower: Double?
    public var upper: Double?
    /// Values increase leftwards (x) or downwards (y).
    public var reversed: Bool
    /// Hand-picked ticks (an empty list shows none); `nil` uses nice numbers, or the categories a
    /// layer supplies (bar names, heatmap row and column labels, dendrogram leaf labels).
    public var ticks: [Tick]?

    public init(_ label: String? = nil, scale: Scale = .linear, lower: Double? = nil,
                upper: Double? = nil, reversed: Bool = false, ticks: [Tick]? = nil) {
        self.scale = scale
        self.label = label
        self.lower = lower
        self.upper = upper
        self.reversed = reversed
        self.ticks = ticks
    }

    /// A logarithmic (base 10) axis.
    public static func log(_ label: String? = nil, lower: Double? = nil, upper: Double? = nil) -> Axis {
        Axis(label, scale: .log, lower: lower, upper: upper)
    }
}

/// Where the legend goes. It is drawn only when some layer has a label.
public enum LegendPlacement: String, Codable, Sendable, CaseIterable {
    /// The inside corner that hides the least data (like matplotlib's `best`).
    case automatic
    case upperRight, upperLeft, lowerLeft, lowerRight
    /// To the right of the plot area.
    case outside
    case hidden
}

/// A straight line across the whole panel at a fixed value, e.g. an exact count.
public struct ReferenceLine: Codable, Equatable, Sendable {
    public enum Orientation: String, Codable, Sendable, CaseIterable {
        case horizontal, vertical
    }

    public var orientation: Orientation
    public var value: Double
    /// Written along the line, near its end.
    public var label: String?
    public var color: Color
    public var dash: Dash
    public var lineWidth: Double

    public init(_ orientation: Orientation, at value: Double, label: String? = nil,
                color: Color = .gray, dash: Dash = .dashed, lineWidth: Double = 1) {
        self.orientation = orientation
        self.value = value
        self.label = label
        self.color = color
        self.dash = dash
        self.lineWidth = lineWidth
    }

    /// A horizontal line at `y`.
    public static func horizontal(_ y: Double, label: String? = nil) -> ReferenceLine {
        ReferenceLine(.horizontal, at: y, label: label)
    }

    /// A vertical line at `x`.
    public static func vertical(_ x: Double, label: String? = nil) -> ReferenceLine {
        ReferenceLine(.vertical, at: x, label: label)
    }
}

/// Text placed at a data point.
public struct Annotation: Codable, Equatable, Sendable {
    /// Which point of the text box sits at the data point.
    public enum Anchor: String, Codable, Sendable, CaseIterable {
        case center, left, right, above, below
    }

    public var text: String
    public var x: Double
    public var y: Double
    public var anchor: Anchor
    public var color: Color

    public init(_ text: String, x: Double, y: Double, anchor: Anchor = .left, color: Color = .black) {
        self.text = text
        self.x = x
        self.y = y
        self.anchor = anchor
        self.color = color
    }
}
