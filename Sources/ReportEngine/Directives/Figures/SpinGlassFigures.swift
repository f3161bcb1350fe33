import Figures

/// The figures of `spin-glass`, drawn from its stored results.
enum SpinGlassFigures {
    typealias Stored = StoredResults<SpinGlassDirective.Results>

    /// The dendrogram of d = 1 − q beside the overlap matrix reordered by its leaves.
    static func overlaps(_ s: Stored) throws -> Figure {
        .clusteredHeatmap(s.overlaps.rowArrays, tree: try ClusteringFigures.tree(s.merges), colorBarLabel: "Overlap q",
                          heightLabel: ClusteringFigures.heightLabel(s.linkage))
    }

    /// The dendrogram of the function distances beside that matrix reordered by its leaves.
    static func functionDistances(_ s: Stored) throws -> Figure {
        .clusteredHeatmap(s.functionDistances.rowArrays, tree: try ClusteringFigures.tree(s.functionMerges),
                          colorBarLabel: "Prediction disagreement", heightLabel: ClusteringFigures.heightLabel(s.linkage))
    }

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

    /// The density of K for the replicas, the null and the planted tree on common bins.
    static func kDistribution(_ s: Stored) throws -> Figure {
        let table = s.kDistribution
        guard let lower = table.column("lower").flatMap({ [Double](value: $0.value) }),
              let upper = table.column("upper").flatMap({ [Double](value: $0.value) }), let last = upper.last else {
            throw DirectiveFailure("the K distribution needs numeric columns lower and upper")
        }
        let series = [("replicas", "Trained replicas"), ("gaussian_null", "Gaussian null"), ("planted_tree", "Planted tree")]
        let layers = try series.enumerated().map { i, entry -> Layer in
            guard let density = table.column(entry.0).flatMap({ [Double](value: $0.value) }) else {
                throw DirectiveFailure("the K distribution has no numeric column \(entry.0)")
            }
            return .step(x: lower + [last], y: density + [density.last ?? 0], label: entry.1, color: Palette.color(i))
        }
        return Figure(Panel(x: Axis("K = (d_max − d_mid)/σ_d", lower: 0), y: Axis("Density", lower: 0), layers: layers, legend: .upperRight),
                      width: 4.5, height: 3)
    }
}
