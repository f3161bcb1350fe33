import Figures

/// The figures of `spin-glass`, drawn from its stored results.
enum SpinGlassFigures {
    typealias Stored = StoredResults<SpinGlassDirective.Results>

    /// The dendrogram of d = 1 − q beside the overlap matrix reordered by its leaves.
    static func overlaps(_ s: Stored) throws -> Figure {
        .clusteredHeatmap(s.overlaps.rowArrays, tree: try ClusteringFigures.tree(s.merges), labels: replicaNames(s), colorBarLabel: "Overlap q",
                          heightLabel: ClusteringFigures.heightLabel(s.linkage))
    }

    /// The dendrogram of the function distances beside that matrix reordered by its leaves.
    static func functionDistances(_ s: Stored) throws -> Figure {
        .clusteredHeatmap(s.functionDistances.rowArrays, tree: try ClusteringFigures.tree(s.functionMerges), labels: replicaNames(s),
                          colorBarLabel: "Prediction disagreement", heightLabel: ClusteringFigures.heightLabel(s.linkage))
    }

    /// Replica numbers, so the reordered matrix says which replica each row is.
    private static func replicaNames(_ s: Stored) -> [String] { (0..<s.overlaps.rows).map(String.init) }

    /// P(q) of the replicas beside the Gaussian null and the planted tree, each on its own q range
    /// (the null's overlaps crowd within a few 1/√P of 0).
    static func overlapDistribution(_ s: Stored) -> Figure {
        let samples = [("Trained replicas", s.qValues), ("Gaussian null", s.nullQValues), ("Planted tree", s.controlQValues)]
        let panels = samples.enumerated().map { i, sample in
            Panel(title: sample.0, x: Axis("Overlap q"), y: Axis(i == 0 ? "P(q)" : nil, lower: 0),
                  layers: [.histogram(Histogram(values: sample.1, bins: 30, normalization: .density, color: Palette.color(i)))],
                  legend: .hidden)
        }
        return Figure(panels: panels, rows: 1, columns: 3, width: 7, height: 2.6)
    }

    /// The cumulative distribution of K for the replicas, the null and the planted tree: an
    /// ultrametric ensemble rises to 1 at K = 0.
    static func kDistribution(_ s: Stored) throws -> Figure {
        let series = [("k", ""), ("replicas", "Trained replicas"), ("gaussian_null", "Gaussian null"), ("planted_tree", "Planted tree")]
        let columns = try series.map { name, _ in
            guard let column = s.kDistribution.column(name).flatMap({ [Double](value: $0.value) }) else {
                throw DirectiveFailure("the K distribution has no numeric column \(name)")
            }
            return column
        }
        let layers = (1..<series.count).map { i in
            Layer.step(x: columns[0], y: columns[i], label: series[i].1, color: Palette.color(i - 1))
        }
        return Figure(Panel(x: Axis("K = (d_max − d_mid)/σ_d", lower: 0), y: Axis("Fraction of triplets with K ≤ k", lower: 0, upper: 1.05),
                            layers: layers, legend: .lowerRight),
                      width: 4.5, height: 3)
    }
}
