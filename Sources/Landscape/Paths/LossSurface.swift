/// A differentiable loss on R^d: the common input of the mode-connectivity tools.
public struct LossSurface: Sendable {
    public let dimension: Int
    public let value: @Sendable ([Double]) -> Double
    public let gradient: @Sendable ([Double]) -> [Double]

    public init(dimension: Int, value: @escaping @Sendable ([Double]) -> Double, gradient: @escaping @Sendable ([Double]) -> [Double]) {
        self.dimension = dimension; self.value = value; self.gradient = gradient
    }
}

/// The loss along a path of points, with its barrier.
public struct PathProfile: Sendable {
    /// Cumulative arc length of each point, normalised to [0, 1].
    public let positions: [Double]
    public let losses: [Double]
    /// Euclidean length of the polygon through the points.
    public let length: Double

    public init(points: [[Double]], surface: LossSurface) {
        self.init(points: points, losses: points.map(surface.value))
    }

    /// The profile of a path whose losses were computed by the caller (`losses[k]` at `points[k]`).
    public init(points: [[Double]], losses: [Double]) {
        precondition(points.count == losses.count && points.count >= 2, "one loss per point, at least two points")
        self.losses = losses
        var arc = [0.0]
        for k in 1..<points.count { arc.append(arc[k - 1] + distance(points[k], points[k - 1])) }
        let total = arc.last!
        length = total
        positions = arc.map { total > 0 ? $0 / total : 0 }
    }

    /// `max L along the path - max(L_A, L_B)`.
    public var barrier: Double { losses.max()! - max(losses.first!, losses.last!) }
    /// Index of the highest point (the saddle estimate).
    public var saddleIndex: Int { losses.indices.max { losses[$0] < losses[$1] }! }
}

/// The straight segment `(1 - a) A + a B` sampled at `points` equally spaced values of a.
public func linearPath(from a: [Double], to b: [Double], points: Int) -> [[Double]] {
    (0..<points).map { k in
        let t = Double(k) / Double(points - 1)
        return zip(a, b).map { (1 - t) * $0 + t * $1 }
    }
}

func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
