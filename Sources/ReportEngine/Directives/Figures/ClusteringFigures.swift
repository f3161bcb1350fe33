import Figures

/// The figures of `clustering`, drawn from its stored merges and distances.
enum ClusteringFigures {
    static func dendrogram(_ stored: StoredResults<ClusteringDirective.Results>) throws -> Figure {
        .dendrogram(try tree(stored.merges), heightLabel: heightLabel(stored.linkage))
    }

    /// The dendrogram beside the distance matrix reordered by its leaves.
    static func clusteredHeatmap(_ stored: StoredResults<ClusteringDirective.Results>) throws -> Figure {
        .clusteredHeatmap(stored.distances.rowArrays, tree: try tree(stored.merges), colorBarLabel: "Distance",
                          heightLabel: heightLabel(stored.linkage))
    }

    /// The drawn tree of a merges table (SciPy's linkage convention).
    static func tree(_ merges: Table) throws -> Figures.Dendrogram {
        guard let left = merges.column("left").flatMap({ [Int](value: $0.value) }),
              let right = merges.column("right").flatMap({ [Int](value: $0.value) }),
              let height = merges.column("height").flatMap({ [Double](value: $0.value) }) else {
            throw DirectiveFailure("the merges table needs integer columns left and right and a numeric column height")
        }
        return Figures.Dendrogram(merges: (0..<merges.rowCount).map { .init(left: left[$0], right: right[$0], height: height[$0]) })
    }

    static func heightLabel(_ linkage: String) -> String { linkage == "ward" ? "Ward distance" : "Mean distance" }
}
