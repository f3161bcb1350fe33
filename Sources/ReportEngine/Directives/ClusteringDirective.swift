import Landscape

/// `clustering`: hierarchical clustering of points with a planted hierarchy — the dendrogram
/// pipeline of the spin-glass protocols, checked on data whose tree is known — or of a distance
/// matrix read from a CSV file, so that a user can cluster their own results.
struct ClusteringDirective: ComputeDirective {
    static let name = "clustering"
    static let summary = "Average or Ward linkage of Gaussian points with a planted hierarchy, or of a distance matrix from a CSV file; the dendrogram, the reordered distance matrix and how well the tree recovers the planted groups."
    static let seeded = true
    static let version = 3

    struct Parameters: ParameterSet {
        let points = Parameter<Int>("points", in: 4...400, default: 24, "number of points")
        let dimension = Parameter<Int>("dimension", in: 1...1000, default: 8, "dimension of the points")
        let levels = Parameter<Int>("levels", in: 1...6, default: 2, "depth of the planted hierarchy")
        let branching = Parameter<Int>("branching", in: 2...6, default: 2, "children per node of the planted tree")
        let spread = Parameter<Double>("spread", in: 0...1, default: 0.3, "scale of each level relative to the one above (0: exact ultrametric)")
        let linkage = Parameter<Landscape.Dendrogram.Linkage>("linkage", default: .average, "linkage criterion")
        let distances = Parameter<FileInput?>(optionalFile: "distances", "a CSV file of distances to cluster instead of planted points: n rows of n numbers, no header; square, symmetric, zero diagonal")
    }

    struct Results: ResultSet {
        let distances = Output<Matrix>("distances", "the distances clustered: Euclidean distances between the points, or the file's")
        let merges = Output<Table>("merges", "the merges: left, right, height, size (SciPy's linkage convention)")
        let leafOrder = Output<[Int]>("leaf_order", "the leaves in dendrogram order")
        let copheneticCorrelation = Output<Double>("cophenetic_correlation", "correlation of the distances with the tree's cophenetic distances (1: ultrametric)")
        let randIndex = Output<Double>("rand_index", "agreement of the tree cut into `branching` clusters with the planted top-level groups (1: recovered; NaN for a file's distances)")
        let linkage = Output<String>("linkage", "the linkage criterion used")
        let dendrogram = FigureOutput<Results>("dendrogram", "the dendrogram") { try ClusteringFigures.dendrogram($0) }
        let figure = FigureOutput<Results>("figure", "the dendrogram beside the distance matrix reordered by its leaves") {
            try ClusteringFigures.clusteredHeatmap($0)
        }
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let distances: [[Double]], groups: [Int]?
        if let file = arguments.distances {
            (distances, groups) = (try DistanceMatrixFile.read(file), nil)
        } else {
            var generator = SeededGenerator(seed: context.seed)
            let planted = PlantedHierarchy(
                count: arguments.points, dimension: arguments.dimension, levels: arguments.levels,
                branching: arguments.branching, spread: arguments.spread, generator: &generator)
            (distances, groups) = (planted.distances, planted.groups)
        }
        let tree = Landscape.Dendrogram(distances: distances, linkage: arguments.linkage)
        var results = ResultRecord<Results>()
        results.distances = Matrix(distances)
        results.merges = Table(merges: tree)
        results.leafOrder = tree.leafOrder
        results.copheneticCorrelation = tree.copheneticCorrelation(with: distances)
        results.randIndex = groups.map { RandIndex.of(tree.clusters(count: min(arguments.branching, distances.count)), $0) } ?? .nan
        results.linkage = arguments.linkage.rawValue
        return results
    }
}

/// A distance matrix written as CSV: n rows of n numbers, no header row.
enum DistanceMatrixFile {
    /// The matrix of `file`, checked to be square, finite, non-negative, symmetric (to 1e-9
    /// relative) with a zero diagonal, and to hold at least two points.
    static func read(_ file: FileInput) throws -> [[Double]] {
        let table = try Table(csv: file.contents, name: file.path, header: false)
        let n = table.rowCount
        guard n >= 2 else { throw DirectiveFailure("'\(file.path)' holds \(n) row(s); a distance matrix needs at least 2") }
        guard table.columns.count == n else {
            throw DirectiveFailure("'\(file.path)' is not square: \(n) rows of \(table.columns.count) numbers")
        }
        let matrix = try (0..<n).map { i in
            try table.data.enumerated().map { j, column -> Double in
                guard let x = column[i].number, x.isFinite, x >= 0 else {
                    throw DirectiveFailure("'\(file.path)' line \(i + 1), column \(j + 1): \(ValueFormat.plain(column[i])) is not a finite non-negative distance")
                }
                return x
            }
        }
        for i in 0..<n {
            guard matrix[i][i] == 0 else {
                throw DirectiveFailure("'\(file.path)' line \(i + 1): the diagonal entry is \(matrix[i][i]), not 0")
            }
            for j in 0..<i where abs(matrix[i][j] - matrix[j][i]) > 1e-9 * max(1, abs(matrix[i][j])) {
                throw DirectiveFailure("'\(file.path)' is not symmetric: line \(i + 1), column \(j + 1) holds \(matrix[i][j]) but line \(j + 1), column \(i + 1) holds \(matrix[j][i])")
            }
        }
        return matrix
    }
}
