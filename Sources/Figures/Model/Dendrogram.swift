/// A hierarchical clustering of `leafCount` items, in the scipy linkage convention: merge `k` joins
/// clusters `left` and `right` (leaves are `0..<leafCount`, merge `k` creates cluster `leafCount + k`)
/// at `height`.
public struct Dendrogram: Codable, Equatable, Sendable {
    public struct Merge: Codable, Equatable, Sendable {
        public var left: Int
        public var right: Int
        public var height: Double

        public init(left: Int, right: Int, height: Double) {
            self.left = left
            self.right = right
            self.height = height
        }
    }

    public var merges: [Merge]

    /// Requires each cluster to be merged exactly once and only after it exists.
    public init(merges: [Merge]) {
        if let problem = Dendrogram.problem(in: merges) { preconditionFailure("Dendrogram: " + problem) }
        self.merges = merges
    }

    /// Decoding checks the merges as ``init(merges:)`` does, and throws instead of stopping.
    public init(from decoder: Decoder) throws {
        let merges = try decoder.container(keyedBy: CodingKeys.self).decode([Merge].self, forKey: .merges)
        if let problem = Dendrogram.problem(in: merges) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
        self.merges = merges
    }

    /// What is wrong with `merges` as a linkage, if anything.
    private static func problem(in merges: [Merge]) -> String? {
        let n = merges.count + 1
        var used = Set<Int>()
        for (k, m) in merges.enumerated() {
            for c in [m.left, m.right] where !(c >= 0 && c < n + k && used.insert(c).inserted) {
                return "merge \(k) refers to cluster \(c), unknown or already merged"
            }
        }
        return nil
    }

    /// From the rows of a scipy linkage matrix `Z` (`[left, right, height, size]`; size is ignored).
    public init(linkage: [[Double]]) {
        self.init(merges: linkage.map { Merge(left: Int($0[0]), right: Int($0[1]), height: $0[2]) })
    }

    public var leafCount: Int { merges.count + 1 }

    /// The heights of the merges, in merge order.
    public var mergeHeights: [Double] { merges.map(\.height) }

    /// The leaves from left to right as drawn: the root's left subtree first, recursively (as scipy).
    public var leafOrder: [Int] {
        let n = leafCount
        var order: [Int] = []
        var stack = [n + merges.count - 1]
        while let c = stack.popLast() {
            if c < n {
                order.append(c)
            } else {
                stack.append(merges[c - n].right)
                stack.append(merges[c - n].left)
            }
        }
        return order
    }

    /// A link of the drawing: the U joining two children, in (leaf position, height) coordinates.
    struct Link {
        var left: (position: Double, height: Double)
        var right: (position: Double, height: Double)
        var height: Double
    }

    /// The links, with leaf `leafOrder[i]` at position `i` and each cluster midway between its children.
    var links: [Link] {
        let n = leafCount
        var position = [Double](repeating: 0, count: n + merges.count)
        var height = [Double](repeating: 0, count: n + merges.count)
        for (i, leaf) in leafOrder.enumerated() { position[leaf] = Double(i) }
        return merges.enumerated().map { k, m in
            position[n + k] = (position[m.left] + position[m.right]) / 2
            height[n + k] = m.height
            return Link(left: (position[m.left], height[m.left]),
                        right: (position[m.right], height[m.right]), height: m.height)
        }
    }
}

/// A dendrogram drawn in a panel: leaves at positions `0, 1, ...` along one axis, merge heights
/// along the other.
public struct DendrogramLayer: Codable, Equatable, Sendable {
    public enum Orientation: String, Codable, Sendable, CaseIterable {
        /// Leaves along x, heights up the y axis.
        case vertical
        /// Leaves along y, heights along the x axis (reverse the x axis to put the root on the left).
        case horizontal
    }

    public var tree: Dendrogram
    public var orientation: Orientation
    /// Labels of the leaves by leaf index (not by drawn position); they label the leaf axis.
    public var leafLabels: [String]?
    public var color: Color?
    public var lineWidth: Double

    public init(tree: Dendrogram, orientation: Orientation = .vertical, leafLabels: [String]? = nil,
                color: Color? = nil, lineWidth: Double = 1) {
        precondition(leafLabels.map { $0.count == tree.leafCount } ?? true,
                     "DendrogramLayer: need one label per leaf")
        self.tree = tree
        self.orientation = orientation
        self.leafLabels = leafLabels
        self.color = color
        self.lineWidth = lineWidth
    }
}
