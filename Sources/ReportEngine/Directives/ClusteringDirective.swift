import Landscape

/// `clustering`: hierarchical clustering of points with a planted hierarchy — the dendrogram
/// pipeline of the spin-glass protocols, checked on data whose tree is known.
struct ClusteringDirective: ComputeDirective {
    static let name = "clustering"
    static let summary = "Average or Ward linkage of Gaussian points with a planted hierarchy; the dendrogram, the reordered distance matrix and how well the tree recovers the planted groups."
    static let version = 2

    struct Parameters: ParameterSet {
        let points = Parameter<Int>("points", in: 4...400, default: 24, "number of points")
        let dimension = Parameter<Int>("dimension", in: 1...1000, default: 8, "dimension of the points")
        let levels = Parameter<Int>("levels", in: 1...6, default: 2, "depth of the planted hierarchy")
        let branching = Parameter<Int>("branching", in: 2...6, default: 2, "children per node of the planted tree")
        let spread = Parameter<Double>("spread", in: 0...1, default: 0.3, "scale of each level relative to the one above (0: exact ultrametric)")
        let linkage = Parameter<Landscape.Dendrogram.Linkage>("linkage", default: .average, "linkage criterion")
    }

    struct Results: ResultSet {
        let distances = Output<Matrix>("distances", "Euclidean distances between the points")
        let merges = Output<Table>("merges", "the merges: left, right, height, size (SciPy's linkage convention)")
        let leafOrder = Output<[Int]>("leaf_order", "the leaves in dendrogram order")
        let copheneticCorrelation = Output<Double>("cophenetic_correlation", "correlation of the distances with the tree's cophenetic distances (1: ultrametric)")
        let randIndex = Output<Double>("rand_index", "agreement of the tree cut into `branching` clusters with the planted top-level groups (1: recovered)")
        let linkage = Output<String>("linkage", "the linkage criterion used")
        let dendrogram = FigureOutput<Results>("dendrogram", "the dendrogram") { try ClusteringFigures.dendrogram($0) }
        let figure = FigureOutput<Results>("figure", "the dendrogram beside the distance matrix reordered by its leaves") {
            try ClusteringFigures.clusteredHeatmap($0)
        }
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        var generator = SeededGenerator(seed: context.seed)
        let planted = PlantedHierarchy(
            count: arguments.points, dimension: arguments.dimension, levels: arguments.levels,
            branching: arguments.branching, spread: arguments.spread, generator: &generator)
        let distances = planted.distances
        let tree = Landscape.Dendrogram(distances: distances, linkage: arguments.linkage)
        var results = ResultRecord<Results>()
        results.distances = Matrix(distances)
        results.merges = Table(
            columns: ["left", "right", "height", "size"],
            rows: tree.merges.map { [.int($0.left), .int($0.right), .real($0.height), .int($0.size)] })
        results.leafOrder = tree.leafOrder
        results.copheneticCorrelation = tree.copheneticCorrelation(with: distances)
        results.randIndex = RandIndex.of(tree.clusters(count: arguments.branching), planted.groups)
        results.linkage = arguments.linkage.rawValue
        return results
    }
}
