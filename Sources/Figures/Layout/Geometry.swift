import Foundation

/// A rectangle in points, origin at the top left of the figure, y growing downwards.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }

    func contains(_ px: Double, _ py: Double) -> Bool {
        px >= minX && px <= maxX && py >= minY && py <= maxY
    }

    /// The area shared with `other` (zero when they are apart).
    func overlap(_ other: Rect) -> Double {
        max(0, min(maxX, other.maxX) - max(minX, other.minX)) * max(0, min(maxY, other.maxY) - max(minY, other.minY))
    }
}

/// Maps data values of one axis onto figure points.
struct AxisMap: Equatable {
    var scale: Axis.Scale
    /// The data values at the two ends of the axis, `lower < upper`.
    var lower: Double
    var upper: Double
    /// Figure coordinates of `lower` and `upper` (already swapped for reversed axes).
    var start: Double
    var end: Double

    /// The figure coordinate of `value`; NaN for non-positive values on a log axis.
    func callAsFunction(_ value: Double) -> Double {
        let t = (transformed(value) - transformed(lower)) / (transformed(upper) - transformed(lower))
        return start + t * (end - start)
    }

    func transformed(_ value: Double) -> Double {
        switch scale {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : .nan
        }
    }

    /// Whether `value` lies on the axis (with a little rounding slack).
    func contains(_ value: Double) -> Bool {
        let slack = 1e-9 * (upper - lower)
        return value >= lower - slack && value <= upper + slack
    }
}
