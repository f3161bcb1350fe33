/// A supervised dataset: N inputs in ℝᵈ (row-major, N × d) with integer labels or real targets.
public struct Dataset: Sendable, Hashable {
    /// Row-major N × d.
    public let inputs: [Double]
    public let dimension: Int
    public let targets: Targets

    public enum Targets: Sendable, Hashable {
        /// One label in 0..<classes per row.
        case labels([Int], classes: Int)
        /// `width` real targets per row (row-major, N × width).
        case values([Double], width: Int)
    }

    public init(inputs: [Double], dimension: Int, targets: Targets) {
        precondition(dimension > 0 && inputs.count % dimension == 0, "inputs must be N × dimension")
        let n = inputs.count / dimension
        switch targets {
        case .labels(let y, let classes):
            precondition(y.count == n && y.allSatisfy { (0..<classes).contains($0) }, "one label in 0..<classes per row")
        case .values(let t, let width):
            precondition(width > 0 && t.count == n * width, "width targets per row")
        }
        self.inputs = inputs; self.dimension = dimension; self.targets = targets
    }

    /// Classification data from d feature columns of N numbers each (as a table stores them) and
    /// one label in 0..<classes per row: input i is (columns[0][i], …, columns[d−1][i]).
    public init(featureColumns columns: [[Double]], labels: [Int], classes: Int) {
        precondition(!columns.isEmpty && columns.allSatisfy { $0.count == labels.count }, "d columns of N features")
        let n = labels.count, d = columns.count
        var inputs = [Double](repeating: 0, count: n * d)
        for (k, column) in columns.enumerated() { for i in 0..<n { inputs[i * d + k] = column[i] } }
        self.init(inputs: inputs, dimension: d, targets: .labels(labels, classes: classes))
    }

    /// N.
    public var count: Int { inputs.count / dimension }
    /// The integer labels, or nil for real targets.
    public var labels: [Int]? { if case .labels(let y, _) = targets { y } else { nil } }
    /// The number of outputs a network fitting these targets needs (classes, or target width).
    public var outputWidth: Int {
        switch targets {
        case .labels(_, let classes): classes
        case .values(_, let width): width
        }
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> Dataset {
        var x = [Double](); x.reserveCapacity(indices.count * dimension)
        for i in indices { x.append(contentsOf: inputs[(i * dimension)..<((i + 1) * dimension)]) }
        switch targets {
        case .labels(let y, let classes):
            return Dataset(inputs: x, dimension: dimension, targets: .labels(indices.map { y[$0] }, classes: classes))
        case .values(let t, let width):
            let picked = indices.flatMap { t[($0 * width)..<(($0 + 1) * width)] }
            return Dataset(inputs: x, dimension: dimension, targets: .values(picked, width: width))
        }
    }

    /// `n` rows drawn uniformly at random without replacement (all of them when n = N), kept in
    /// their original order.
    public func sample(_ n: Int, seed: UInt64) -> Dataset {
        precondition((1...count).contains(n), "a sample of 1 to N rows")
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        generator.shuffle(&order)
        return rows(order.prefix(n).sorted())
    }

    /// A seeded train/test split. With labels it is stratified: each class sends
    /// round(testFraction · n_c) of its rows, drawn at random, to the test set; real targets are
    /// split over all rows the same way. Both parts keep the original row order.
    public func split(testFraction: Double, seed: UInt64) -> (train: Dataset, test: Dataset) {
        precondition((0...1).contains(testFraction), "testFraction must be in [0, 1]")
        let root = SeededGenerator(seed: seed)
        var strata: [[Int]]
        switch targets {
        case .labels(let y, let classes):
            strata = Array(repeating: [], count: classes)
            for (i, label) in y.enumerated() { strata[label].append(i) }
        case .values:
            strata = [Array(0..<count)]
        }
        var isTest = [Bool](repeating: false, count: count)
        for (s, rows) in strata.enumerated() {
            var generator = root.child(s)
            var shuffled = rows
            generator.shuffle(&shuffled)
            for i in shuffled.prefix(Int((testFraction * Double(rows.count)).rounded())) { isTest[i] = true }
        }
        return (rows((0..<count).filter { !isTest[$0] }), rows((0..<count).filter { isTest[$0] }))
    }
}
