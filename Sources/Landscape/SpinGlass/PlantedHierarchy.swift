/// Points with a planted hierarchy: `branching` groups, each split into `branching` subgroups, down
/// `levels` levels, the offsets shrinking by `spread` per level. A clean hierarchy (small spread)
/// is close to ultrametric; the dendrogram pipeline must recover its top-level groups.
public struct PlantedHierarchy: Sendable {
    public let points: [[Double]]
    /// The top-level group of each point.
    public let groups: [Int]

    public init(count: Int, dimension: Int, levels: Int, branching: Int, spread: Double, generator: inout SeededGenerator) {
        precondition(count > 0 && dimension > 0 && levels >= 1 && branching >= 2, "invalid hierarchy")
        // One centre per node of the tree, drawn level by level around its parent.
        var centres: [[Double]] = [[Double](repeating: 0, count: dimension)]
        var scale = 1.0
        for _ in 0..<levels {
            var next: [[Double]] = []
            for parent in centres {
                for _ in 0..<branching { next.append(parent.map { $0 + scale * generator.normal() }) }
            }
            centres = next
            scale *= spread
        }
        let leavesPerGroup = centres.count / branching
        var points: [[Double]] = [], groups: [Int] = []
        for i in 0..<count {
            let leaf = i % centres.count
            points.append(centres[leaf].map { $0 + scale * generator.normal() })
            groups.append(leaf / leavesPerGroup)
        }
        self.points = points
        self.groups = groups
    }

    /// Euclidean distances between all points.
    public var distances: [[Double]] { EuclideanDistances.matrix(points) }
}

/// Pairwise Euclidean distances.
public enum EuclideanDistances {
    public static func matrix(_ points: [[Double]]) -> [[Double]] {
        points.map { p in
            points.map { q -> Double in
                var sum = 0.0
                for (a, b) in zip(p, q) { sum += (a - b) * (a - b) }
                return sum.squareRoot()
            }
        }
    }
}
