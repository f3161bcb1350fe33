import Foundation

/// The geometry of the loss at a point θ_T sampled by a Langevin chain at temperature T, the fair
/// form of the harmonic test: not at the pre-trained θ0 (where the curvature is set by where
/// pre-training stopped) but where the chain actually is.
///
/// - The top Hessian eigenpairs (λ_i, v_i) at θ_T. If the loss were harmonic about the chain's
///   position, L ≈ L* + ½ Σ λ_i x_i², the chain's coordinate x_i = v_i·θ would fluctuate with
///   variance T/λ_i. `spreads` holds the variance of v_i·θ measured over a probe continuing the
///   chain from θ_T, so `harmonicRatios` = spread · λ_i / T is 1 for a harmonic direction, above 1
///   where the loss is flatter beyond the sampled point than its curvature there says (an exponential
///   wall: the chain strays far along it), below 1 where it is stiffer.
/// - The whole Hessian spectrum at θ_T (when computed), its largest values kept, and the number of
///   eigenvalues above T: a geometric count of stiff directions to set beside D from the fluctuations.
public struct SampledGeometry: Sendable, Equatable {
    public let temperature: Double
    /// λ_i at θ_T, descending, and the variance of v_i·θ over the probe.
    public let eigenvalues: [Double]
    public let spreads: [Double]
    /// The largest eigenvalues of the whole spectrum at θ_T, descending (empty when not computed).
    public let spectrum: [Double]
    /// The number of eigenvalues of the whole spectrum above T (NaN when not computed).
    public let countAboveTemperature: Double

    public init(temperature: Double, eigenvalues: [Double], spreads: [Double], spectrum: [Double], countAboveTemperature: Double) {
        precondition(eigenvalues.count == spreads.count, "one spread per eigenvalue")
        self.temperature = temperature; self.eigenvalues = eigenvalues; self.spreads = spreads
        self.spectrum = spectrum; self.countAboveTemperature = countAboveTemperature
    }

    /// spread_i · λ_i / T: 1 where the loss is harmonic along v_i.
    public var harmonicRatios: [Double] { zip(spreads, eigenvalues).map { $0 * $1 / temperature } }
}

/// The variances of the projections v_i·(θ − θ_origin) of a series of points onto fixed unit
/// directions (Welford's one-pass update, population variance).
public struct ProjectedSpread: Sendable {
    public let origin: [Double]
    public let directions: [[Double]]
    public private(set) var count = 0
    private var means: [Double], squares: [Double]

    public init(origin: [Double], directions: [[Double]]) {
        precondition(directions.allSatisfy { $0.count == origin.count }, "directions live in the space of the origin")
        self.origin = origin; self.directions = directions
        means = [Double](repeating: 0, count: directions.count); squares = means
    }

    public mutating func add(_ theta: [Double]) {
        precondition(theta.count == origin.count, "a point of the same space")
        count += 1
        for (i, v) in directions.enumerated() {
            var x = 0.0
            for k in 0..<theta.count { x += v[k] * (theta[k] - origin[k]) }
            let delta = x - means[i]
            means[i] += delta / Double(count)
            squares[i] += delta * (x - means[i])
        }
    }

    /// The population variance of each projection (NaN before two points).
    public var variances: [Double] { squares.map { count >= 2 ? $0 / Double(count) : .nan } }
}
