/// One thing drawn in a panel's data coordinates.
public enum Layer: Codable, Equatable, Sendable {
    /// Lines, step lines and scatter plots: points `(x, y)` joined or not, with optional markers.
    case series(Series)
    /// Points with vertical error bars.
    case errorBars(ErrorBars)
    /// A shaded region between a lower and an upper curve.
    case band(Band)
    /// Binned counts or densities.
    case histogram(Histogram)
    /// One bar per category.
    case bars(Bars)
    /// A matrix drawn as coloured cells, with a colour bar.
    case heatmap(Heatmap)
    /// A hierarchical clustering tree.
    case dendrogram(DendrogramLayer)

    private enum Kind: String, CodingKey {
        case series, errorBars, band, histogram, bars, heatmap, dendrogram
    }

    /// Decodes `{"<kind>": {...}}`, e.g. `{"series": {"x": [...], "y": [...], ...}}`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard container.allKeys.count == 1, let kind = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a layer has exactly one kind"))
        }
        switch kind {
        case .series: self = .series(try container.decode(Series.self, forKey: kind))
        case .errorBars: self = .errorBars(try container.decode(ErrorBars.self, forKey: kind))
        case .band: self = .band(try container.decode(Band.self, forKey: kind))
        case .histogram: self = .histogram(try container.decode(Histogram.self, forKey: kind))
        case .bars: self = .bars(try container.decode(Bars.self, forKey: kind))
        case .heatmap: self = .heatmap(try container.decode(Heatmap.self, forKey: kind))
        case .dendrogram: self = .dendrogram(try container.decode(DendrogramLayer.self, forKey: kind))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        switch self {
        case .series(let s): try container.encode(s, forKey: .series)
        case .errorBars(let e): try container.encode(e, forKey: .errorBars)
        case .band(let b): try container.encode(b, forKey: .band)
        case .histogram(let h): try container.encode(h, forKey: .histogram)
        case .bars(let b): try container.encode(b, forKey: .bars)
        case .heatmap(let h): try container.encode(h, forKey: .heatmap)
        case .dendrogram(let d): try container.encode(d, forKey: .dendrogram)
        }
    }

    /// Whether the layer takes the next colour of the palette when it has none of its own.
    var usesPaletteColor: Bool {
        switch self {
        case .series, .errorBars, .band, .histogram, .bars: return true
        case .heatmap, .dendrogram: return false
        }
    }

    /// The legend entry text, if the layer has one.
    var label: String? {
        switch self {
        case .series(let s): return s.label
        case .errorBars(let e): return e.label
        case .band(let b): return b.label
        case .histogram(let h): return h.label
        case .bars(let b): return b.label
        case .heatmap, .dendrogram: return nil
        }
    }

    /// The layer's own colour, if set.
    var color: Color? {
        switch self {
        case .series(let s): return s.color
        case .errorBars(let e): return e.color
        case .band(let b): return b.color
        case .histogram(let h): return h.color
        case .bars(let b): return b.color
        case .heatmap: return nil
        case .dendrogram(let d): return d.color
        }
    }
}

/// Line marker shapes.
public enum Marker: String, Codable, Sendable, CaseIterable {
    case none, circle, square, triangle, diamond, cross, plus
}

/// Stroke patterns; dash lengths scale with the line width, as in matplotlib.
public enum Dash: String, Codable, Sendable, CaseIterable {
    case solid, dashed, dotted, dashDot

    /// On/off lengths in units of the line width.
    var pattern: [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [3.7, 1.6]
        case .dotted: return [1, 1.65]
        case .dashDot: return [6.4, 1.6, 1, 1.6]
        }
    }
}

/// Points `(x[i], y[i])` drawn as a line, a step line or a scatter plot.
public struct Series: Codable, Equatable, Sendable {
    /// How consecutive points are joined.
    public enum Connection: String, Codable, Sendable, CaseIterable {
        /// Straight segments.
        case straight
        /// Steps: the value changes at the start of each interval (matplotlib `steps-pre`).
        case stepPre
        /// Steps: the value changes half way between points.
        case stepMid
        /// Steps: the value holds until the next point (matplotlib `steps-post`).
        case stepPost
        /// No line: a scatter plot.
        case none
    }

    public var x: [Double]
    public var y: [Double]
    public var label: String?
    /// `nil` takes the next palette colour.
    public var color: Color?
    public var lineWidth: Double
    public var dash: Dash
    public var connection: Connection
    public var marker: Marker
    /// Marker diameter in points.
    public var markerSize: Double

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                lineWidth: Double = 1.5, dash: Dash = .solid, connection: Connection = .straight,
                marker: Marker = .none, markerSize: Double = 4) {
        precondition(x.count == y.count, "Series: x and y differ in length")
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.lineWidth = lineWidth
        self.dash = dash
        self.connection = connection
        self.marker = marker
        self.markerSize = markerSize
    }

    /// The vertices of the drawn line, with the step corners inserted.
    var path: [(Double, Double)] {
        let points = Array(zip(x, y))
        guard points.count > 1 else { return points }
        var out: [(Double, Double)] = [points[0]]
        for (p, q) in zip(points, points.dropFirst()) {
            switch connection {
            case .straight, .none: break
            case .stepPre: out.append((p.0, q.1))
            case .stepPost: out.append((q.0, p.1))
            case .stepMid:
                let m = (p.0 + q.0) / 2
                out.append((m, p.1))
                out.append((m, q.1))
            }
            out.append(q)
        }
        return out
    }
}

/// Points with vertical error bars from `y - below` to `y + above`.
public struct ErrorBars: Codable, Equatable, Sendable {
    public var x: [Double]
    public var y: [Double]
    public var below: [Double]
    public var above: [Double]
    public var label: String?
    public var color: Color?
    public var marker: Marker
    /// Half-width of the caps in points.
    public var capSize: Double

    /// Symmetric errors: `error[i]` above and below `y[i]`.
    public init(x: [Double], y: [Double], error: [Double], label: String? = nil, color: Color? = nil,
                marker: Marker = .circle, capSize: Double = 2) {
        self.init(x: x, y: y, below: error, above: error, label: label, color: color, marker: marker,
                  capSize: capSize)
    }

    public init(x: [Double], y: [Double], below: [Double], above: [Double], label: String? = nil,
                color: Color? = nil, marker: Marker = .circle, capSize: Double = 2) {
        precondition(Set([x.count, y.count, below.count, above.count]).count == 1,
                     "ErrorBars: arrays differ in length")
        self.x = x
        self.y = y
        self.below = below
        self.above = above
        self.label = label
        self.color = color
        self.marker = marker
        self.capSize = capSize
    }
}

/// The region between `lower[i]` and `upper[i]` over `x[i]`, e.g. a confidence band.
public struct Band: Codable, Equatable, Sendable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var label: String?
    public var color: Color?
    public var opacity: Double

    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil,
                color: Color? = nil, opacity: Double = 0.25) {
        precondition(x.count == lower.count && x.count == upper.count, "Band: arrays differ in length")
        self.x = x
        self.lower = lower
        self.upper = upper
        self.label = label
        self.color = color
        self.opacity = opacity
    }
}
