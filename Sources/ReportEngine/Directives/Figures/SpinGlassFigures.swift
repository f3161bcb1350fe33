import Figures

/// The figures of `spin-glass`, drawn from its stored results.
enum SpinGlassFigures {
    typealias Stored = StoredResults<SpinGlassDirective.Results>

    /// The dendrogram of d = 1 − q beside the overlap matrix reordered by its leaves.
    static func overlaps(_ s: Stored) throws -> Figure {
        readable(.clusteredHeatmap(s.overlaps.rowArrays, tree: try ClusteringFigures.tree(s.merges), labels: replicaNames(s),
                                   colorBarLabel: "Overlap q", heightLabel: ClusteringFigures.heightLabel(s.linkage)))
    }

    /// The dendrogram of the function distances beside that matrix reordered by its leaves.
    static func functionDistances(_ s: Stored) throws -> Figure {
        readable(.clusteredHeatmap(s.functionDistances.rowArrays, tree: try ClusteringFigures.tree(s.functionMerges), labels: replicaNames(s),
                                   colorBarLabel: "Prediction disagreement", heightLabel: ClusteringFigures.heightLabel(s.linkage)))
    }

    /// Tall and wide enough that every replica's label fits beside its row and below its column
    /// (about 0.16 inch each), and the height axis of the tree starting just below its first merge,
    /// so that the merges spread over the panel instead of crowding at its far end (the leaves'
    /// stems are cut at the axis).
    private static func readable(_ figure: Figure) -> Figure {
        guard case .dendrogram(let layer)? = figure.panels.first?.layers.first else { return figure }
        var figure = figure
        let leaves = Double(layer.tree.leafCount)
        figure.height = max(figure.height, 0.16 * leaves + 1.2)
        figure.width = max(figure.width, 0.16 * leaves * 1.25 + 1.6)
        figure.columnWidths = [1, 4]
        let heights = layer.tree.mergeHeights
        if let lowest = heights.min(), let highest = heights.max(), highest > lowest {
            figure.panels[0].x.lower = max(0, lowest - 0.1 * (highest - lowest))
        }
        return figure
    }

    /// Replica numbers, so the reordered matrix says which replica each row is.
    private static func replicaNames(_ s: Stored) -> [String] { (0..<s.overlaps.rows).map(String.init) }

    /// P(q) of the replicas, of aligned untrained networks, of the Gaussian null and of the planted
    /// tree, on one q range so that the panels compare.
    static func overlapDistribution(_ s: Stored) -> Figure {
        let samples = [("Trained networks", s.qValues), ("Untrained, aligned", s.untrainedQValues), ("Gaussian null", s.nullQValues),
                       ("Planted tree", s.controlQValues)]
        let all = samples.flatMap(\.1).filter(\.isFinite)
        let range = (all.min() ?? 0)...(all.max() ?? 1)
        let panels = samples.enumerated().map { i, sample in
            Panel(title: sample.0, x: Axis("Overlap q", lower: range.lowerBound, upper: range.upperBound), y: Axis(i % 2 == 0 ? "P(q)" : nil, lower: 0),
                  layers: [.histogram(Histogram(values: sample.1, bins: 60, range: range, normalization: .density, color: Palette.color(i)))],
                  legend: .hidden)
        }
        return Figure(panels: panels, rows: 2, columns: 2, width: 6.5, height: 4.4)
    }

    /// The empirical cumulative distribution of K over the triplets (exact steps at every value):
    /// the replicas, the first draw of the per-replica and Gaussian nulls, a planted tree. An
    /// ultrametric ensemble rises to 1 at K = 0.
    static func kDistribution(_ s: Stored) throws -> Figure {
        let series = [("replicas", "Trained networks"), ("per_replica_effects", "Per-replica effects"), ("gaussian_null", "Gaussian null"),
                      ("planted_tree", "Planted tree")]
        let layers = try series.enumerated().map { i, entry -> Layer in
            guard let sorted = s.kValues.column(entry.0).flatMap({ [Double](value: $0.value) }), !sorted.isEmpty else {
                throw DirectiveFailure("the K values have no numeric column \(entry.0)")
            }
            let n = Double(sorted.count)
            return .series(Series(x: [0] + sorted, y: [0] + sorted.indices.map { Double($0 + 1) / n }, label: entry.1,
                                  color: Palette.color(i), connection: .stepPost))
        }
        return Figure(Panel(x: Axis("K = (d_{max} − d_{mid})/σ_{d}", lower: 0), y: Axis("Fraction of triplets with K ≤ k", lower: 0, upper: 1.05),
                            layers: layers, legend: .lowerRight),
                      width: 4.5, height: 3)
    }

    /// The sampling distributions of mean K and of the cophenetic correlation under the three
    /// nulls, drawn as outlines so that none hides another, the replicas' values as vertical lines.
    static func nulls(_ s: Stored) -> Figure {
        let panels = [("Mean K", s.nullK, s.effectsK, s.untrainedK, s.kMean),
                      ("Cophenetic correlation", s.nullCophenetic, s.effectsCophenetic, s.untrainedCophenetic, s.copheneticCorrelation)]
            .enumerated().map { n, entry in
                let (name, gaussian, effects, untrained, observed) = entry
                let samples = [("Gaussian null", gaussian), ("Per-replica effects", effects), ("Untrained, aligned", untrained)]
                let all = samples.flatMap(\.1) + [observed]
                let range = all.min()!...all.max()!
                return Panel(x: Axis(name), y: Axis(n == 0 ? "Density over draws" : nil, lower: 0),
                             layers: samples.enumerated().map { i, sample in
                                 outline(Histogram(values: sample.1, bins: 40, range: range, normalization: .density), label: sample.0,
                                         color: Palette.color(i + 1), dash: [Dash.solid, .dashed, .dotted][i])
                             },
                             legend: n == 0 ? .automatic : .hidden,
                             referenceLines: [.vertical(observed, label: "trained")])
            }
        return Figure(panels: panels, rows: 1, columns: 2, width: 7, height: 2.8)
    }

    /// A histogram as the outline of its bars (a step line down to zero at both ends).
    private static func outline(_ h: Histogram, label: String, color: Color, dash: Dash) -> Layer {
        let width = h.edges.count > 1 ? h.edges[1] - h.edges[0] : 1
        let total = h.counts.reduce(0, +)
        let heights = h.counts.map { total > 0 ? $0 / (total * width) : 0 }
        let x = [h.edges[0]] + h.edges.dropLast() + [h.edges.last!, h.edges.last!]
        let y = [0] + heights + [heights.last ?? 0, 0]
        return .series(Series(x: x, y: y, label: label, color: color, dash: dash, connection: .stepPost))
    }

    /// The power of the two one-sided tests against the planted gap, with 95 % Wilson intervals
    /// (each power is a fraction of the planted trees), the 0.8 mark and the level α = 0.05 the
    /// size at gap 0 should match.
    static func power(_ s: Stored) -> Figure {
        let tests = [("mean K", s.powerK, s.powerKLow, s.powerKHigh, Marker.circle),
                     ("cophenetic correlation", s.powerCophenetic, s.powerCopheneticLow, s.powerCopheneticHigh, .square)]
        let layers = tests.enumerated().flatMap { i, test -> [Layer] in
            let (label, power, low, high, marker) = test
            return [.line(x: s.gapValues, y: power, color: Palette.color(i)),
                    .errorBars(ErrorBars(x: s.gapValues, y: power, below: zip(power, low).map { $0 - $1 }, above: zip(high, power).map { $0 - $1 },
                                         label: label, color: Palette.color(i), marker: marker))]
        }
        return Figure(Panel(x: Axis("Planted gap: rise of q per shared level"), y: Axis("Power", lower: 0, upper: 1.02), layers: layers,
                            legend: .lowerRight, referenceLines: [.horizontal(0.8, label: "0.8"), .horizontal(0.05)]),
                      width: 4.5, height: 2.8)
    }
}
