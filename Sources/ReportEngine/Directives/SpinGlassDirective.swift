import Landscape

/// `spin-glass`: the replica statistics of an ensemble of trained one-hidden-layer ReLU networks —
/// overlaps after symmetry removal, their hierarchical clustering, P(q) and the ultrametricity K
/// statistic, each beside a Gaussian null of the same size and a planted-tree positive control.
struct SpinGlassDirective: ComputeDirective {
    static let name = "spin-glass"
    static let summary = "Overlaps q_ab of trained one-hidden-layer ReLU networks after removing their hidden-unit symmetries; dendrograms of parameter and function distances, P(q) and the ultrametricity K statistic beside a Gaussian null and a planted tree."
    static let seeded = true
    static let version = 1

    struct Parameters: ParameterSet {
        let replicas = Parameter<Matrix>(reference: "replicas", "the trained parameter vectors, one row per replica (such as ensemble.parameters), in MultilayerPerceptron's order W₁, b₁, W₂, b₂")
        let inputs = Parameter<Int>("inputs", in: 1...100_000, "d, the inputs of each network")
        let hidden = Parameter<Int>("hidden", in: 1...10_000, "h, the hidden ReLU units of each network")
        let outputs = Parameter<Int>("outputs", in: 1...10_000, "C, the outputs (classes) of each network")
        let probe = Parameter<Table>(reference: "probe", "probe inputs for the function-space distance: a table whose first `inputs` columns are the features (such as mnist.table)")
        let probeScale = Parameter<Double>("probe-scale", in: 0...Double.infinity, default: 1, "factor applied to the probe features, to match the training inputs (1/255 for raw pixels)")
        let alignment = Parameter<EnsembleAlignment.Target>("alignment", default: .barycentre, "symmetry removal: barycentre (match each net to the mean of the others, iterated), reference (match to replica 0, biased) or none")
        let maximumRounds = Parameter<Int>("max-rounds", in: 1...1000, default: 50, "cap on the barycentre matching sweeps")
        let linkage = Parameter<Landscape.Dendrogram.Linkage>("linkage", default: .average, "linkage criterion of the dendrograms")
    }

    struct Results: ResultSet {
        let aligned = Output<Matrix>("aligned", "the replicas after symmetry removal (rescaled and permuted, the same functions), one row each as in 'replicas': endpoints for perm-interp and mode-path")
        let overlaps = Output<Matrix>("overlaps", "q_ab = ⟨θ_a, θ_b⟩/(|θ_a||θ_b|) of the aligned parameter vectors (full θ), replica order")
        let orderedOverlaps = Output<Matrix>("ordered_overlaps", "the overlaps with rows and columns in dendrogram leaf order")
        let leafOrder = Output<[Int]>("leaf_order", "the replicas in the leaf order of the dendrogram of d_ab = 1 − q_ab")
        let merges = Output<Table>("merges", "the merges of that dendrogram: left, right, height, size (SciPy's convention)")
        let diagonalDeviation = Output<Double>("diagonal_deviation", "max_a |q_aa − 1| (0 up to rounding: every replica overlaps itself fully)")
        let heightsMonotone = Output<Bool>("heights_monotone", "whether the merge heights of the dendrogram never decrease")
        let copheneticCorrelation = Output<Double>("cophenetic_correlation", "correlation of d_ab = 1 − q_ab with the dendrogram's cophenetic distances")
        let functionDistances = Output<Matrix>("function_distances", "fraction of probe inputs on which two replicas predict different classes")
        let functionMerges = Output<Table>("function_merges", "the merges of the dendrogram of the function distances")
        let functionCopheneticCorrelation = Output<Double>("function_cophenetic_correlation", "cophenetic correlation of the function-distance dendrogram (NaN when all predictions agree)")
        let largestOtherExcess = Output<Double>("largest_other_excess", "the same excess computed for each replica r ≥ 1 in place of replica 0: its largest value (what chance alone gives)")
        let referenceExcess = Output<Double>("reference_excess", "mean overlap of the pairs containing replica 0 minus that of the other pairs: the artefact of aligning to replica 0 (near 0 after barycentre matching)")
        let qValues = Output<[Double]>("q_values", "the off-diagonal overlaps q_ab, a < b: the sample of P(q)")
        let nullQValues = Output<[Double]>("null_q_values", "off-diagonal overlaps of the Gaussian null (as many points, same dimension)")
        let controlQValues = Output<[Double]>("control_q_values", "off-diagonal overlaps of the planted-tree control")
        let kMean = Output<Double>("k_mean", "mean ultrametricity K over all triplets of replicas (0: ultrametric)")
        let kNullMean = Output<Double>("k_null_mean", "mean K of the Gaussian null")
        let kControlMean = Output<Double>("k_control_mean", "mean K of the planted-tree control")
        let ultrametricity = Output<Table>("ultrametricity", "per ensemble (replicas, null, control): mean, median and standard deviation of K, and the cophenetic correlation")
        let kDistribution = Output<Table>("k_distribution", "the cumulative distributions of K: for each k (101 points from 0 to the largest K), the fraction of triplets with K ≤ k among the replicas, the null and the control")
        let alignmentRounds = Output<Int>("alignment_rounds", "matching sweeps performed (1 for reference, 0 for none)")
        let alignmentConverged = Output<Bool>("alignment_converged", "whether the barycentre sweeps reached a fixed point within max-rounds")
        let alignment = Output<String>("alignment", "the symmetry removal used")
        let linkage = Output<String>("linkage", "the linkage criterion used")
        let figure = FigureOutput<Results>("figure", "the dendrogram beside the overlap matrix reordered by its leaves") { try SpinGlassFigures.overlaps($0) }
        let functionFigure = FigureOutput<Results>("function_figure", "the dendrogram of function distances beside that matrix reordered by its leaves") {
            try SpinGlassFigures.functionDistances($0)
        }
        let overlapDistribution = FigureOutput<Results>("overlap_distribution", "P(q) of the replicas, the Gaussian null and the planted tree") { SpinGlassFigures.overlapDistribution($0) }
        let kFigure = FigureOutput<Results>("k_figure", "the cumulative distribution of K for the replicas, the null and the planted tree") { try SpinGlassFigures.kDistribution($0) }
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let network = MultilayerPerceptron(inputs: arguments.inputs, hidden: [arguments.hidden], outputs: arguments.outputs, activation: .relu)
        let thetas = arguments.replicas.rowArrays
        guard thetas.count >= 3 else { throw DirectiveFailure("'replicas' holds \(thetas.count) replica(s); the statistics need at least 3") }
        guard arguments.replicas.columns == network.parameterCount else {
            throw DirectiveFailure("'replicas' rows hold \(arguments.replicas.columns) parameters; a \(arguments.inputs)-\(arguments.hidden)-\(arguments.outputs) network has \(network.parameterCount)")
        }
        let probe = try probeInputs(arguments.probe, features: arguments.inputs, scale: arguments.probeScale)
        context.progress.report(nil, "aligning \(thetas.count) replicas")
        let aligned = EnsembleAlignment(replicas: thetas, units: HiddenUnits(network), target: arguments.alignment, maximumRounds: arguments.maximumRounds)
        let classes = deterministicMap(count: thetas.count, threads: context.threads) {
            PredictionDisagreement.classes(network: network, theta: thetas[$0], probe: probe)
        }
        context.progress.report(nil, "overlaps, null and control")
        var generator = SeededGenerator(seed: context.seed)
        let null = ReplicaOverlap.gaussianPoints(count: thetas.count, dimension: network.parameterCount, generator: &generator)
        let control = PlantedHierarchy(count: thetas.count, dimension: network.parameterCount, levels: 3, branching: 2, spread: 0.3, generator: &generator)
        let ensembles = deterministicMap(count: 3, threads: context.threads) { i in
            ReplicaEnsemble([aligned.replicas, null, control.points][i], linkage: arguments.linkage)
        }
        let (data, nullEnsemble, controlEnsemble) = (ensembles[0], ensembles[1], ensembles[2])
        let functionDistances = PredictionDisagreement.matrix(classes: classes)
        let functionTree = Landscape.Dendrogram(distances: functionDistances, linkage: arguments.linkage)
        let order = data.tree.leafOrder

        var results = ResultRecord<Results>()
        results.aligned = Matrix(aligned.replicas)
        results.overlaps = Matrix(data.overlaps)
        results.orderedOverlaps = Matrix(order.map { a in order.map { data.overlaps[a][$0] } })
        results.leafOrder = order
        results.merges = Table(merges: data.tree)
        results.diagonalDeviation = data.overlaps.indices.map { abs(data.overlaps[$0][$0] - 1) }.max() ?? .nan
        results.heightsMonotone = zip(data.tree.merges, data.tree.merges.dropFirst()).allSatisfy { $0.height <= $1.height }
        results.copheneticCorrelation = data.copheneticCorrelation
        results.functionDistances = Matrix(functionDistances)
        results.functionMerges = Table(merges: functionTree)
        results.functionCopheneticCorrelation = functionTree.copheneticCorrelation(with: functionDistances)
        results.referenceExcess = excess(of: 0, in: data.overlaps)
        results.largestOtherExcess = (1..<thetas.count).map { excess(of: $0, in: data.overlaps) }.max()!
        results.qValues = ReplicaOverlap.offDiagonal(data.overlaps)
        results.nullQValues = ReplicaOverlap.offDiagonal(nullEnsemble.overlaps)
        results.controlQValues = ReplicaOverlap.offDiagonal(controlEnsemble.overlaps)
        results.kMean = data.k.mean
        results.kNullMean = nullEnsemble.k.mean
        results.kControlMean = controlEnsemble.k.mean
        results.ultrametricity = Table(
            columns: ["ensemble", "k_mean", "k_median", "k_sd", "cophenetic_correlation"],
            rows: zip(["replicas", "gaussian null", "planted tree"], ensembles).map { name, e in
                [.text(name), .real(e.k.mean), .real(e.k.median), .real(e.k.standardDeviation), .real(e.copheneticCorrelation)]
            })
        results.kDistribution = kDistribution(ensembles.map(\.kValues))
        results.alignmentRounds = aligned.rounds
        results.alignmentConverged = aligned.converged
        results.alignment = arguments.alignment.rawValue
        results.linkage = arguments.linkage.rawValue
        return results
    }

    /// How much closer replica r is to the others than they are to each other:
    /// mean_{b≠r} q_rb − mean_{a<b; a,b≠r} q_ab.
    private static func excess(of r: Int, in q: [[Double]]) -> Double {
        let m = q.count
        let others = (0..<m).filter { $0 != r }
        let withReplica = others.reduce(0) { $0 + q[r][$1] } / Double(m - 1)
        let among = ReplicaOverlap.offDiagonal(others.map { a in others.map { q[a][$0] } })
        return withReplica - among.reduce(0, +) / Double(among.count)
    }

    /// The probe rows (row-major, rows × features) from the first `features` columns of `table`.
    private static func probeInputs(_ table: Table, features: Int, scale: Double) throws -> [Double] {
        guard table.columns.count >= features, table.rowCount > 0 else {
            throw DirectiveFailure("'probe' needs at least \(features) columns and one row; it has \(table.columns.count) columns and \(table.rowCount) rows")
        }
        let columns = try table.data.prefix(features).enumerated().map { j, column -> [Double] in
            guard let values = [Double](value: column.value) else {
                throw DirectiveFailure("'probe' column '\(table.columns[j])' is not numeric")
            }
            return values
        }
        return (0..<table.rowCount).flatMap { row in columns.map { scale * $0[row] } }
    }

    /// The empirical distribution function of each K sample at 101 points k from 0 to the largest K.
    private static func kDistribution(_ samples: [[Double]]) -> Table {
        let upper = samples.compactMap { $0.max() }.max() ?? 1
        let ks = (0...100).map { upper * Double($0) / 100 }
        let fractions = samples.map { sample -> [Double] in
            let sorted = sample.sorted()
            var below = 0
            return ks.map { k in
                while below < sorted.count && sorted[below] <= k { below += 1 }
                return Double(below) / Double(sorted.count)
            }
        }
        return Table(columns: ["k", "replicas", "gaussian_null", "planted_tree"], rows: ks.indices.map { i in
            [.real(ks[i])] + fractions.map { .real($0[i]) }
        })
    }
}

/// One ensemble through the replica pipeline: overlaps, distances 1 − q, its dendrogram and K.
private struct ReplicaEnsemble: Sendable {
    let overlaps: [[Double]]
    let tree: Landscape.Dendrogram
    let copheneticCorrelation: Double
    let kValues: [Double]
    let k: SampleSummary

    init(_ points: [[Double]], linkage: Landscape.Dendrogram.Linkage) {
        overlaps = ReplicaOverlap.matrix(points)
        let distances = ReplicaOverlap.distances(overlaps)
        tree = Landscape.Dendrogram(distances: distances, linkage: linkage)
        copheneticCorrelation = tree.copheneticCorrelation(with: distances)
        let ultrametricity = Ultrametricity(distances: distances)
        kValues = ultrametricity.values
        k = ultrametricity.summary
    }
}
