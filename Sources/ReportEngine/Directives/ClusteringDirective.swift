import Figures
import Landscape

/// `clustering`: hierarchical clustering of points with a planted hierarchy — the dendrogram
/// pipeline of the spin-glass protocols, checked on data whose tree is known.
struct ClusteringDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "clustering",
        summary: "Average or Ward linkage of Gaussian points with a planted hierarchy; the dendrogram, the reordered distance matrix and how well the tree recovers the planted groups.",
        parameters: [
            ParameterSpec("points", .integer(4...400), default: .int(24), "number of points"),
            ParameterSpec("dimension", .integer(1...1000), default: .int(8), "dimension of the points"),
            ParameterSpec("levels", .integer(1...6), default: .int(2), "depth of the planted hierarchy"),
            ParameterSpec("branching", .integer(2...6), default: .int(2), "children per node of the planted tree"),
            ParameterSpec("spread", .real(0...1), default: .real(0.3), "scale of each level relative to the one above (0: exact ultrametric)"),
            ParameterSpec("linkage", .choice(Landscape.Dendrogram.Linkage.allCases.map(\.rawValue)), default: .text("average"), "linkage criterion"),
        ],
        outputs: [
            OutputSpec("distances", "matrix", "Euclidean distances between the points"),
            OutputSpec("merges", "table", "the merges: left, right, height, size (SciPy's linkage convention)"),
            OutputSpec("leaf_order", "list", "the leaves in dendrogram order"),
            OutputSpec("cophenetic_correlation", "number", "correlation of the distances with the tree's cophenetic distances (1: ultrametric)"),
            OutputSpec("rand_index", "number", "agreement of the tree cut into `branching` clusters with the planted top-level groups (1: recovered)"),
            OutputSpec("dendrogram", "figure", "the dendrogram"),
            OutputSpec("figure", "figure", "the dendrogram beside the distance matrix reordered by its leaves"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        var generator = SeededGenerator(seed: context.seed)
        let planted = PlantedHierarchy(
            count: arguments.integer("points"), dimension: arguments.integer("dimension"),
            levels: arguments.integer("levels"), branching: arguments.integer("branching"),
            spread: arguments.real("spread"), generator: &generator)
        let distances = planted.distances
        let linkage = Landscape.Dendrogram.Linkage(rawValue: arguments.text("linkage")) ?? .average
        let tree = Landscape.Dendrogram(distances: distances, linkage: linkage)
        let drawn = Figures.Dendrogram(merges: tree.merges.map { .init(left: $0.left, right: $0.right, height: $0.height) })
        let merges = Table(
            columns: ["left", "right", "height", "size"],
            rows: tree.merges.map { [.int($0.left), .int($0.right), .real($0.height), .int($0.size)] })
        let heightLabel = linkage == .ward ? "Ward distance" : "Mean distance"
        return Record([
            ("distances", .list(distances.map { Value.reals($0) })),
            ("merges", .table(merges)),
            ("leaf_order", .ints(tree.leafOrder)),
            ("cophenetic_correlation", .real(tree.copheneticCorrelation(with: distances))),
            ("rand_index", .real(RandIndex.of(tree.clusters(count: arguments.integer("branching")), planted.groups))),
            ("dendrogram", .figure(.dendrogram(drawn, heightLabel: heightLabel))),
            ("figure", .figure(.clusteredHeatmap(distances, tree: drawn, colorBarLabel: "Distance", heightLabel: heightLabel))),
        ])
    }
}
