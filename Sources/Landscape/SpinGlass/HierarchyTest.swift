/// The two statistics the hierarchy test reads from a distance matrix: the mean ultrametricity K
/// (0 for an exact ultrametric) and the cophenetic correlation of its dendrogram (1 when the tree
/// reproduces the distances).
public struct HierarchyStatistics: Sendable, Hashable {
    public let kMean: Double
    public let copheneticCorrelation: Double

    public init(distances: [[Double]], linkage: Dendrogram.Linkage = .average) {
        kMean = Ultrametricity(distances: distances).summary.mean
        copheneticCorrelation = Dendrogram(distances: distances, linkage: linkage).copheneticCorrelation(with: distances)
    }
}

/// The null of per-replica effects: d_ab = μ + α_a + α_b + ε_ab (a ≠ b, Σ α = 0), fitted to a
/// distance matrix by least squares. Some replicas sit further from all the others than the rest
/// (a longer training, a larger norm); such effects alone raise the cophenetic correlation and
/// lower K without any hierarchy. A null draw keeps μ and α and shuffles the residuals ε over the
/// pairs, which destroys any structure beyond the additive one.
///
/// The least-squares solution is closed-form: with S_a = Σ_{b≠a} d_ab and d̄ the mean over pairs,
/// μ = d̄ and α_a = (S_a − (M − 1) d̄)/(M − 2). (The normal equations for α_a say that the residuals
/// of row a sum to zero, Σ_{b≠a} ε_ab = 0, and the one for μ that all residuals sum to zero.)
public struct ReplicaEffects: Sendable, Hashable {
    /// μ, the mean distance over pairs.
    public let mean: Double
    /// α_a, one per replica, summing to zero.
    public let effects: [Double]
    /// ε_ab over the pairs a < b in `ReplicaOverlap.offDiagonal` order.
    public let residuals: [Double]

    /// Fits the model to the symmetric matrix `distances` (M ≥ 3; the diagonal is ignored).
    public init(distances: [[Double]]) {
        let m = distances.count
        precondition(m >= 3 && distances.allSatisfy { $0.count == m }, "the per-replica model needs a square matrix of at least 3 replicas")
        let pairs = ReplicaOverlap.offDiagonal(distances)
        let mean = pairs.reduce(0, +) / Double(pairs.count)
        let effects = (0..<m).map { a in
            ((0..<m).filter { $0 != a }.reduce(0) { $0 + distances[a][$1] } - Double(m - 1) * mean) / Double(m - 2)
        }
        self.mean = mean
        self.effects = effects
        residuals = zip(pairs, Self.pairs(m)).map { d, pair in d - mean - effects[pair.a] - effects[pair.b] }
    }

    /// μ + α_a + α_b + ε, with ε given per pair (a < b, `offDiagonal` order); zero diagonal.
    public func distances(residuals: [Double]) -> [[Double]] {
        let m = effects.count
        precondition(residuals.count == m * (m - 1) / 2, "one residual per pair")
        var d = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for (pair, e) in zip(Self.pairs(m), residuals) {
            let value = mean + effects[pair.a] + effects[pair.b] + e
            d[pair.a][pair.b] = value
            d[pair.b][pair.a] = value
        }
        return d
    }

    /// A null draw: the fitted effects with the residuals shuffled over the pairs.
    public func shuffled(using generator: inout SeededGenerator) -> [[Double]] {
        var shuffled = residuals
        generator.shuffle(&shuffled)
        return distances(residuals: shuffled)
    }

    /// The pairs a < b in `offDiagonal` order.
    static func pairs(_ m: Int) -> [(a: Int, b: Int)] {
        (0..<m).flatMap { a in ((a + 1)..<m).map { (a, $0) } }
    }
}

/// A planted hierarchy at the data's own scale: the per-replica null of the data (its effects and
/// shuffled residuals) plus a balanced binary tree of `levels` levels whose every shared level
/// raises the overlap of a pair by `gap`. Replicas are dealt to the tree's leaves at random, leaf
/// i in group i mod 2^levels, and the tree term is centred, so the mean distance (and the mean
/// overlap) stays the data's: d_ab = μ + α_a + α_b + ε_π(ab) − gap (s_ab − s̄), s_ab the number of
/// levels replicas a and b share. At gap 0 it is the per-replica null itself; its power is the
/// fraction of draws the test tells apart from that null.
public enum PlantedTree {
    /// s_ab for leaves a, b of a balanced binary tree of `levels` levels (leaf i in group
    /// i mod 2^levels, groups numbered so that the top-level group is the group's high bit).
    public static func sharedLevels(count: Int, levels: Int) -> [[Int]] {
        precondition(levels >= 1 && levels < 20, "a tree of 1…19 levels")
        let groups = 1 << levels
        return (0..<count).map { a in
            (0..<count).map { b in
                let x = (a % groups) ^ (b % groups)
                return x == 0 ? levels : levels - (Int.bitWidth - x.leadingZeroBitCount)
            }
        }
    }

    /// One planted draw on `model` (see the type's documentation).
    public static func distances(_ model: ReplicaEffects, gap: Double, levels: Int, using generator: inout SeededGenerator) -> [[Double]] {
        let m = model.effects.count
        var leaves = Array(0..<m)
        generator.shuffle(&leaves)
        let shared = sharedLevels(count: m, levels: levels)
        let s = ReplicaOverlap.offDiagonal(shared.map { $0.map(Double.init) })
        let centre = s.reduce(0, +) / Double(s.count)
        var d = model.shuffled(using: &generator)
        for a in 0..<m {
            for b in 0..<m where b != a { d[a][b] -= gap * (Double(shared[leaves[a]][leaves[b]]) - centre) }
        }
        return d
    }
}

/// What a null's sampling distribution says about an alternative (where one observed value falls
/// in it is `Sample.percentile`).
public enum NullDistribution {
    /// The Monte Carlo p-value of `observed` against n `null` draws: (1 + #{draws at least as
    /// extreme})/(n + 1), extreme meaning at or below `observed` (`lower`) or at or above it. When
    /// the observed value and the draws are exchangeable (the null holds), P(p ≤ α) is exactly
    /// ⌊α(n + 1)⌋/(n + 1) ≤ α, whatever the null's distribution and however few its draws
    /// (Davison and Hinkley 1997, §4.2).
    public static func pValue(_ observed: Double, null: [Double], lower: Bool) -> Double {
        precondition(!null.isEmpty, "a p-value needs null draws")
        let extreme = null.filter { lower ? $0 <= observed : $0 >= observed }.count
        return Double(1 + extreme) / Double(null.count + 1)
    }

    /// The rejections of a one-sided test at level `alpha` among the `alternative` values: those
    /// whose Monte Carlo p-value against `null` is at most α. Their fraction is the test's power,
    /// its size when the alternative is the null itself.
    public static func rejections(null: [Double], alternative: [Double], alpha: Double, lower: Bool) -> Int {
        precondition(!null.isEmpty && !alternative.isEmpty && (0..<1).contains(alpha), "samples and a level in [0, 1)")
        return alternative.filter { pValue($0, null: null, lower: lower) <= alpha }.count
    }

    /// The empirical power: `rejections` over the number of alternatives.
    public static func power(null: [Double], alternative: [Double], alpha: Double, lower: Bool) -> Double {
        Double(rejections(null: null, alternative: alternative, alpha: alpha, lower: lower)) / Double(alternative.count)
    }
}
