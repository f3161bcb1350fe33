#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Random walks in parameter space from a trained minimum θ* (protocols 1 and 4 of Liao et al.,
/// arXiv 2407.20724), on any loss given as a function of θ.
///
/// - Free walk: θ_{t+1} = θ_t + η ξ_t, ξ_t ~ N(0, I/P), so E|θ_t − θ*|² = t η². On a quadratic
///   L = L* + ½ Δᵀ H Δ an isotropic displacement of length r has E[L] − L* = r² tr(H) / (2P).
/// - Loss-constrained walk: the same proposals, each accepted only if L(θ_t + η ξ_t) < L_th (else
///   θ stays); it explores the sub-level set {L < L_th} connected to θ*.
/// - Sphere walk, for ruggedness: θ_t = θ* + r d_t with d_t a random walk on the unit sphere; its
///   loss series is stationary, with lag-1 autocorrelation ρ(1) and correlation length
///   ℓ = −1/ln ρ(1) steps.
/// Step t's noise is drawn from child t of `seed`, so a walk is a function of (θ*, η, seed).
public struct RandomWalk: Sendable {
    public let center: [Double]
    public let stepSize: Double
    public let seed: UInt64

    public init(center: [Double], stepSize: Double, seed: UInt64) {
        precondition(stepSize > 0 && !center.isEmpty, "a walk needs a step η > 0 and a start")
        self.center = center; self.stepSize = stepSize; self.seed = seed
    }

    /// One recorded point of a walk.
    public struct Record: Sendable, Hashable {
        public let step: Int
        /// r = |θ_t − θ*|.
        public let distance: Double
        /// q = ⟨θ_t, θ*⟩ / (|θ_t| |θ*|).
        public let overlap: Double
        /// The losses `evaluate` returned at θ_t (the first is the one a constrained walk obeys).
        public let losses: [Double]
    }

    /// The free walk's records at steps 0, `every`, 2·`every`, … ≤ `steps`. The walk does not
    /// depend on its losses, so `evaluate` gets every recorded θ_t at once (to evaluate them
    /// together) and returns their losses in order.
    public func free(steps: Int, every: Int = 1, evaluate: ([[Double]]) -> [[Double]]) -> [Record] {
        var theta = center, xi = center, points = [center], recorded = [0]
        for t in 0..<steps {
            draw(t, into: &xi)
            for k in theta.indices { theta[k] += xi[k] }
            if (t + 1) % every == 0 { points.append(theta); recorded.append(t + 1) }
        }
        let losses = evaluate(points)
        precondition(losses.count == points.count, "one loss list per point")
        return points.indices.map { record(recorded[$0], points[$0], losses[$0]) }
    }

    /// The loss-constrained walk below `threshold` (L(θ*) must be below it), its records at
    /// steps 0, `every`, … and the number of accepted steps.
    public func constrained(steps: Int, threshold: Double, every: Int = 1,
                            evaluate: ([Double]) -> [Double]) -> (records: [Record], accepted: Int) {
        Self.constrained([self], steps: steps, thresholds: [threshold], every: every) { $0.map(evaluate) }[0]
    }

    /// Loss-constrained walks from several starts, walk w below `thresholds[w]`, stepped together:
    /// at each step `evaluate` gets every walk's proposal at once (their losses can be computed
    /// together) and returns their losses in order. Each walk is the one it would be alone.
    public static func constrained(_ walks: [RandomWalk], steps: Int, thresholds: [Double], every: Int = 1,
                                   evaluate: ([[Double]]) -> [[Double]]) -> [(records: [Record], accepted: Int)] {
        precondition(walks.count == thresholds.count, "one threshold per walk")
        var thetas = walks.map(\.center), proposals = thetas, xi = thetas
        var current = evaluate(thetas), accepted = [Int](repeating: 0, count: walks.count)
        precondition(zip(current, thresholds).allSatisfy { $0[0] < $1 }, "the walks start below their thresholds")
        var records = walks.indices.map { [walks[$0].record(0, thetas[$0], current[$0])] }
        for t in 0..<steps {
            for w in walks.indices {
                walks[w].draw(t, into: &xi[w])
                for k in thetas[w].indices { proposals[w][k] = thetas[w][k] + xi[w][k] }
            }
            let losses = evaluate(proposals)
            for w in walks.indices {
                if losses[w][0] < thresholds[w] {
                    swap(&thetas[w], &proposals[w]); current[w] = losses[w]; accepted[w] += 1
                }
                if (t + 1) % every == 0 { records[w].append(walks[w].record(t + 1, thetas[w], current[w])) }
            }
        }
        return walks.indices.map { (records[$0], accepted[$0]) }
    }

    /// The loss L(θ* + r d_t) along the sphere walk of radius `radius`, t = 0 … steps: d_0 a
    /// uniformly random unit vector (from child −1 of the seed), d_{t+1} = (d_t + η ξ_t)/|d_t + η ξ_t|,
    /// so each step turns d by an angle ≈ η. `losses` gets every point θ* + r d_t at once.
    public func sphere(radius: Double, steps: Int, losses: ([[Double]]) -> [Double]) -> [Double] {
        var d = Perturbation.isotropic.direction(at: center, seed: SeededGenerator(seed: seed).child(-1).seedValue)
        var xi = center, theta = center
        let points = (0...steps).map { t in
            if t > 0 {
                draw(t - 1, into: &xi)
                for k in d.indices { d[k] += xi[k] }
                let n = norm(d)
                for k in d.indices { d[k] /= n }
            }
            for k in theta.indices { theta[k] = center[k] + radius * d[k] }
            return theta
        }
        return losses(points)
    }

    /// η ξ_t with ξ_t ~ N(0, I/P), into `buffer`.
    private func draw(_ t: Int, into buffer: inout [Double]) {
        var generator = SeededGenerator(seed: seed).child(t)
        buffer.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
        let scale = stepSize / Double(buffer.count).squareRoot()
        for k in buffer.indices { buffer[k] *= scale }
    }

    private func record(_ step: Int, _ theta: [Double], _ losses: [Double]) -> Record {
        Record(step: step, distance: distance(theta, center), overlap: dot(theta, center) / (norm(theta) * norm(center)), losses: losses)
    }

    /// The escape scale r_½: the distance at which the loss, rising from L* = `losses[0]`, first
    /// reaches L* + (L_sat − L*)/2, linearly interpolated between the two records that bracket the
    /// crossing; NaN if it never does. For softmax cross-entropy over C classes the natural
    /// saturation is chance level, L_sat = ln C (the loss of uniform outputs).
    public static func escapeScale(distances: [Double], losses: [Double], saturation: Double) -> Double {
        precondition(distances.count == losses.count && !losses.isEmpty, "one loss per distance")
        let half = losses[0] + (saturation - losses[0]) / 2
        guard let k = losses.indices.first(where: { losses[$0] >= half }) else { return .nan }
        guard k > 0 else { return distances[0] }
        let f = (half - losses[k - 1]) / (losses[k] - losses[k - 1])
        return distances[k - 1] + f * (distances[k] - distances[k - 1])
    }

    /// ℓ = −1/ln ρ(1) of a series, with ρ(1) = Σ_t (x_t − x̄)(x_{t+1} − x̄) / Σ_t (x_t − x̄)² (the
    /// Weinberger estimator); 0 when ρ(1) ≤ 0, +∞ when ρ(1) ≥ 1.
    public static func correlationLength(_ series: [Double]) -> Double {
        precondition(series.count >= 3, "a correlation needs at least three values")
        let mean = series.reduce(0, +) / Double(series.count)
        let variance = series.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard variance > 0 else { return .infinity }
        let rho = zip(series, series.dropFirst()).reduce(0) { $0 + ($1.0 - mean) * ($1.1 - mean) } / variance
        return rho <= 0 ? 0 : (rho >= 1 ? .infinity : -1 / log(rho))
    }
}

/// How a random direction is drawn around θ*.
public enum Perturbation: Sendable, Hashable {
    /// Isotropic: d ~ N(0, I).
    case isotropic
    /// Filter-normalised (Li et al. 2018): d ~ N(0, I), then each filter — the incoming weights
    /// and bias [W_l[j, :], b_l[j]] of one unit j of layer l — rescaled to the norm of the same
    /// filter of θ*, so |d| = |θ*| and θ* + α d moves each unit by the fraction α of its own size.
    case filterNormalised(MultilayerPerceptron)

    /// A random direction at θ* from `seed` (isotropic: unit norm; filter-normalised: norm |θ*|).
    public func direction(at center: [Double], seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed), d = center
        d.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
        if case .isotropic = self {
            let n = norm(d)
            return d.map { $0 / n }
        }
        return shape(d, at: center)
    }

    /// `d` in this shape: unchanged (isotropic), or filter by filter rescaled to θ*'s filter norms.
    public func shape(_ d: [Double], at center: [Double]) -> [Double] {
        guard case .filterNormalised(let network) = self else { return d }
        precondition(d.count == network.parameterCount, "a direction has P entries")
        var shaped = d
        for layer in network.layers {
            for j in 0..<layer.outputs {
                let filter = (0..<layer.inputs).map { layer.weightIndex(row: j, column: $0) } + [layer.biasOffset + j]
                let own = filter.reduce(0) { $0 + center[$1] * center[$1] }.squareRoot()
                let drawn = filter.reduce(0) { $0 + d[$1] * d[$1] }.squareRoot()
                for i in filter { shaped[i] = drawn > 0 ? d[i] * own / drawn : 0 }
            }
        }
        return shaped
    }

    /// Sharpness ΔL(α) = E[L(θ* + α d)] − L(θ*) over `samples` directions d drawn from child s of
    /// `seed`, with |d| = 1 (isotropic; α is then the distance r) or d filter-normalised (|d| = |θ*|,
    /// so α = 0.05 is a displacement of 0.05 |θ*|). `losses` gets θ* and the displaced points at
    /// once.
    public func sharpness(at center: [Double], scale alpha: Double, samples: Int, seed: UInt64,
                          losses: ([[Double]]) -> [Double]) -> Double {
        let root = SeededGenerator(seed: seed)
        let points = [center] + (0..<samples).map { s in
            let d = direction(at: center, seed: root.child(s).seedValue)
            return zip(center, d).map { $0 + alpha * $1 }
        }
        let values = losses(points)
        let total = values.dropFirst().reduce(0.0, +)
        return total / Double(samples) - values[0]
    }
}

private func norm(_ v: [Double]) -> Double { dot(v, v).squareRoot() }
