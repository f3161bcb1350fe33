/// Overlaps between replicas (parameter vectors of independently trained networks), the spin-glass
/// order parameter of the dendrogram protocols.
public enum ReplicaOverlap {
    /// q_ab = ⟨θ_a, θ_b⟩ / (|θ_a| |θ_b|) on the full parameter vectors (every weight, including
    /// first-layer weights of inputs the data never light, which keep their initial values);
    /// q_aa = 1. A zero vector has overlap 0 with everything else.
    public static func matrix(_ replicas: [[Double]]) -> [[Double]] {
        let gram = EnsembleAlignment.similarities(replicas, replicas)
        let norms = replicas.indices.map { gram[$0][$0].squareRoot() }
        var q = [[Double]](repeating: [Double](repeating: 0, count: replicas.count), count: replicas.count)
        for a in replicas.indices {
            q[a][a] = 1
            for b in replicas.indices where b > a {
                let denominator = norms[a] * norms[b]
                let value = denominator > 0 ? gram[a][b] / denominator : 0
                q[a][b] = value
                q[b][a] = value
            }
        }
        return q
    }

    /// d_ab = 1 − q_ab, zero on the diagonal.
    public static func distances(_ overlaps: [[Double]]) -> [[Double]] {
        overlaps.enumerated().map { a, row in row.enumerated().map { b, q in a == b ? 0 : 1 - q } }
    }

    /// The entries above the diagonal, (0,1), (0,2), …, (1,2), …: the sample of P(q).
    public static func offDiagonal(_ matrix: [[Double]]) -> [Double] {
        matrix.indices.flatMap { a in ((a + 1)..<matrix.count).map { matrix[a][$0] } }
    }

    /// `count` Gaussian points of dimension `dimension` (i.i.d. N(0, 1) coordinates): the null
    /// ensemble with no structure, for overlaps and ultrametricity of the same size as the data.
    public static func gaussianPoints(count: Int, dimension: Int, generator: inout SeededGenerator) -> [[Double]] {
        (0..<count).map { _ in
            var point = [Double](repeating: 0, count: dimension)
            point.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
            return point
        }
    }
}

/// A function-space distance between networks that no relabelling of hidden units can change:
/// the fraction of probe inputs on which two networks predict different classes (arg max output,
/// first index on ties).
public enum PredictionDisagreement {
    /// The predicted class of every probe row (row-major, rows × d) under θ.
    public static func classes(network: MultilayerPerceptron, theta: [Double], probe: [Double]) -> [Int] {
        let outputs = network.outputs(theta, inputs: probe), width = network.outputCount
        return stride(from: 0, to: outputs.count, by: width).map { start in
            (start..<(start + width)).max { outputs[$0] < outputs[$1] || (outputs[$0] == outputs[$1] && $0 > $1) }! - start
        }
    }

    /// D_ab = (1/N) #{probe rows where the classes predicted by replicas a and b differ}.
    public static func matrix(classes: [[Int]]) -> [[Double]] {
        classes.map { a in
            classes.map { b in Double(zip(a, b).filter { $0 != $1 }.count) / Double(max(1, a.count)) }
        }
    }
}

/// The ultrametricity statistic of Katzgraber and Hartmann (PRL 102, 037207, 2009): for every
/// triplet of points, with its three distances sorted d_min ≤ d_mid ≤ d_max,
/// K = (d_max − d_mid) / σ_d, σ_d the standard deviation of all pairwise distances. In an
/// ultrametric space the two largest distances of every triangle are equal, so K = 0; unstructured
/// points spread K over values of order one.
public struct Ultrametricity: Sendable {
    /// K for every triplet a < b < c.
    public let values: [Double]
    /// σ_d, the (population) standard deviation of the pairwise distances.
    public let distanceSpread: Double

    /// K of every triplet of the symmetric distance matrix `distances` (at least 3 points).
    public init(distances: [[Double]]) {
        let n = distances.count
        precondition(n >= 3 && distances.allSatisfy { $0.count == n }, "K needs a square distance matrix of at least 3 points")
        let pairs = ReplicaOverlap.offDiagonal(distances)
        let mean = pairs.reduce(0, +) / Double(pairs.count)
        let spread = (pairs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(pairs.count)).squareRoot()
        var values: [Double] = []
        values.reserveCapacity(n * (n - 1) * (n - 2) / 6)
        for a in 0..<n {
            for b in (a + 1)..<n {
                for c in (b + 1)..<n {
                    let (x, y, z) = (distances[a][b], distances[a][c], distances[b][c])
                    let largest = max(x, y, z), middle = max(min(x, y), min(max(x, y), z))
                    values.append(spread > 0 ? (largest - middle) / spread : 0)
                }
            }
        }
        self.values = values
        distanceSpread = spread
    }

    public var summary: SampleSummary { SampleSummary(values)! }
}
