/// Nudged elastic band with a climbing image (Henkelman, Uberuaga and Jonsson 2000): a chain of
/// images between two fixed endpoints; each interior image feels the loss's force perpendicular to
/// the path and a spring force along it; after `climbAfter` iterations the highest image instead
/// climbs along the tangent to the saddle. Minimised by projected velocity Verlet ("quick-min").
public struct NudgedElasticBand: Sendable {
    /// Number of images including the two endpoints (for bands started on the straight line).
    public var images = 24
    public var springConstant = 1.0
    public var timeStep = 0.01
    public var iterations = 4000
    public var climbAfter = 500
    /// Stop when the largest force on an interior image falls below this.
    public var forceTolerance = 1e-6

    public init() {}

    /// The relaxed band from `a` to `b`, started on the straight line (endpoints included and unchanged).
    public func relax(from a: [Double], to b: [Double], on surface: LossSurface) -> [[Double]] {
        relax(linearPath(from: a, to: b, points: images), on: surface)
    }

    /// Relaxes a given initial band (its first and last points are the fixed endpoints).
    public func relax(_ initial: [[Double]], on surface: LossSurface) -> [[Double]] {
        var band = initial
        let images = band.count
        var velocity = [[Double]](repeating: [Double](repeating: 0, count: band[0].count), count: images)
        for iteration in 0..<iterations {
            let losses = band.map(surface.value)
            let climber = iteration >= climbAfter ? (1..<(images - 1)).max { losses[$0] < losses[$1] } : nil
            var largest = 0.0
            for i in 1..<(images - 1) {
                let tangent = Self.tangent(band[i - 1], band[i], band[i + 1], losses[i - 1], losses[i], losses[i + 1])
                let g = surface.gradient(band[i])
                let along = dot(g, tangent)
                var force: [Double]
                if i == climber {
                    force = zip(g, tangent).map { -$0 + 2 * along * $1 }
                } else {
                    let spring = springConstant * (distance(band[i + 1], band[i]) - distance(band[i], band[i - 1]))
                    force = zip(g, tangent).map { -($0 - along * $1) + spring * $1 }
                }
                largest = max(largest, dot(force, force).squareRoot())
                // Quick-min: keep only the velocity component along the force, and only if it points with it.
                let norm = max(dot(force, force).squareRoot(), 1e-300)
                let projected = max(0, dot(velocity[i], force) / norm)
                velocity[i] = force.map { projected * $0 / norm + timeStep * $0 }
                band[i] = zip(band[i], velocity[i]).map { $0 + timeStep * $1 }
            }
            if largest < forceTolerance && climber != nil { break }
        }
        return band
    }

    /// The upwind tangent of Henkelman and Jonsson (2000), normalised.
    static func tangent(_ previous: [Double], _ x: [Double], _ next: [Double], _ lp: Double, _ l: Double, _ ln: Double) -> [Double] {
        let forward = zip(next, x).map { $0 - $1 }, backward = zip(x, previous).map { $0 - $1 }
        let t: [Double]
        if ln > l && l > lp { t = forward } else if ln < l && l < lp { t = backward } else {
            let big = max(abs(ln - l), abs(lp - l)), small = min(abs(ln - l), abs(lp - l))
            let (wf, wb) = ln > lp ? (big, small) : (small, big)
            t = zip(forward, backward).map { wf * $0 + wb * $1 }
        }
        let norm = max(dot(t, t).squareRoot(), 1e-300)
        return t.map { $0 / norm }
    }
}
