/// Agglomerative hierarchical clustering of a distance matrix: the tree that the spin-glass papers
/// draw over the overlap matrix of trained replicas.
///
/// Merges follow SciPy's linkage convention: leaves are 0..<n, the cluster made by merge `i` is
/// `n + i`, and each merge records its two children, its height and its size.
public struct Dendrogram: Sendable, Equatable {
    public enum Linkage: String, Sendable, CaseIterable {
        /// UPGMA: the mean distance between the members of the two clusters.
        case average
        /// Ward's minimum-variance criterion (for Euclidean distances).
        case ward
    }

    public struct Merge: Sendable, Equatable {
        public var left: Int
        public var right: Int
        public var height: Double
        public var size: Int
    }

    public let leafCount: Int
    public let linkage: Linkage
    public let merges: [Merge]

    /// Clusters the symmetric distance matrix `distances` (zero diagonal). Ties are broken by the
    /// smallest pair of cluster ids, so the tree is a function of the matrix alone.
    public init(distances: [[Double]], linkage: Linkage) {
        let n = distances.count
        precondition(distances.allSatisfy { $0.count == n }, "distance matrix must be square")
        leafCount = n
        self.linkage = linkage
        // Ward works on squared distances (Lance-Williams), heights are reported as distances.
        var d = linkage == .ward ? distances.map { $0.map { $0 * $0 } } : distances
        var active = Array(0..<n)
        var ids = Array(0..<n)
        var sizes = [Int](repeating: 1, count: n)
        var merges: [Merge] = []
        while active.count > 1 {
            var best = (a: active[0], b: active[1], value: Double.infinity, ida: Int.max, idb: Int.max)
            for (position, a) in active.enumerated() {
                for b in active[(position + 1)...] {
                    let value = d[a][b]
                    let (lo, hi) = (min(ids[a], ids[b]), max(ids[a], ids[b]))
                    if value < best.value || (value == best.value && (lo, hi) < (best.ida, best.idb)) {
                        best = (a, b, value, lo, hi)
                    }
                }
            }
            let (a, b) = (best.a, best.b)
            let na = Double(sizes[a]), nb = Double(sizes[b])
            for k in active where k != a && k != b {
                let nk = Double(sizes[k])
                let updated: Double
                switch linkage {
                case .average: updated = (na * d[a][k] + nb * d[b][k]) / (na + nb)
                case .ward: updated = ((na + nk) * d[a][k] + (nb + nk) * d[b][k] - nk * d[a][b]) / (na + nb + nk)
                }
                d[a][k] = updated
                d[k][a] = updated
            }
            let height = linkage == .ward ? best.value.squareRoot() : best.value
            merges.append(Merge(left: best.ida, right: best.idb, height: height, size: sizes[a] + sizes[b]))
            sizes[a] += sizes[b]
            ids[a] = n + merges.count - 1
            active.removeAll { $0 == b }
        }
        self.merges = merges
    }

    /// Leaves in drawing order: each merge's left child before its right child.
    public var leafOrder: [Int] {
        guard leafCount > 0 else { return [] }
        var order: [Int] = []
        var stack = [leafCount + merges.count - 1]
        while let node = stack.popLast() {
            if node < leafCount { order.append(node); continue }
            let merge = merges[node - leafCount]
            stack.append(merge.right)
            stack.append(merge.left)
        }
        return order
    }

    /// The cophenetic distance of every pair: the height of the merge that first joins them.
    public var copheneticDistances: [[Double]] {
        var result = [[Double]](repeating: [Double](repeating: 0, count: leafCount), count: leafCount)
        var members: [[Int]] = (0..<leafCount).map { [$0] }
        for merge in merges {
            let left = members[merge.left], right = members[merge.right]
            for i in left { for j in right { result[i][j] = merge.height; result[j][i] = merge.height } }
            members.append(left + right)
        }
        return result
    }

    /// Pearson correlation between the original and the cophenetic distances over all pairs:
    /// 1 when the tree reproduces the distances exactly (an ultrametric).
    public func copheneticCorrelation(with distances: [[Double]]) -> Double {
        let cophenetic = copheneticDistances
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<leafCount { for j in (i + 1)..<leafCount { xs.append(distances[i][j]); ys.append(cophenetic[i][j]) } }
        return PearsonCorrelation.of(xs, ys)
    }
}

/// Pearson's sample correlation coefficient.
public enum PearsonCorrelation {
    public static func of(_ xs: [Double], _ ys: [Double]) -> Double {
        precondition(xs.count == ys.count && xs.count > 1, "need two samples of equal size > 1")
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}

extension Dendrogram {
    /// Cluster labels (0..<count, numbered by first leaf) after cutting the tree into `count`
    /// clusters, i.e. undoing its last `count − 1` merges.
    public func clusters(count: Int) -> [Int] {
        precondition((1...max(1, leafCount)).contains(count), "cannot cut \(leafCount) leaves into \(count) clusters")
        var parent = Array(0..<(leafCount + merges.count))
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for (i, merge) in merges.prefix(merges.count - (count - 1)).enumerated() {
            parent[merge.left] = leafCount + i
            parent[merge.right] = leafCount + i
        }
        var numbering: [Int: Int] = [:]
        return (0..<leafCount).map { leaf in
            let r = root(leaf)
            if let label = numbering[r] { return label }
            numbering[r] = numbering.count
            return numbering.count - 1
        }
    }
}

/// Rand index of two labellings of the same items: the fraction of pairs on which they agree
/// (same cluster in both, or different in both). 1 for identical partitions up to renaming.
public enum RandIndex {
    public static func of(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count && a.count > 1, "need two labellings of the same items")
        var agree = 0, pairs = 0
        for i in 0..<a.count {
            for j in (i + 1)..<a.count {
                pairs += 1
                if (a[i] == a[j]) == (b[i] == b[j]) { agree += 1 }
            }
        }
        return Double(agree) / Double(pairs)
    }
}
