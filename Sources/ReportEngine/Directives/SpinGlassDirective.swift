import Landscape

/// `spin-glass`: the replica statistics of an ensemble of trained one-hidden-layer ReLU networks —
/// overlaps after symmetry removal, their hierarchical clustering, P(q) and the ultrametricity K
/// statistic. The hierarchy test is calibrated: each statistic is placed in the sampling
/// distribution of three nulls (Gaussian points, per-replica effects with shuffled residuals,
/// aligned untrained networks), and its power is measured on planted trees at the data's own scale.
struct SpinGlassDirective: ComputeDirective {
    static let name = "spin-glass"
    static let summary = "Overlaps q_ab of trained one-hidden-layer ReLU networks after removing their hidden-unit symmetries, layer by layer; dendrograms of parameter and function distances, P(q) and the ultrametricity K statistic placed in the sampling distributions of three nulls, with the power of the test on planted trees at the data's scale."
    static let seeded = true
    static let version = 3

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
        let nullDraws = Parameter<Int>("null-draws", in: 2...100_000, default: 200, "draws of the Gaussian null")
        let effectsDraws = Parameter<Int>("effects-draws", in: 2...100_000, default: 1000, "draws of the per-replica-effects null, against which the planted trees are tested")
        let untrainedDraws = Parameter<Int>("untrained-draws", in: 1...10_000, default: 20, "draws of the null of aligned untrained (He-initialised) networks")
        let gaps = Parameter<[Double]>("gaps", in: 0...1, default: [0, 0.01, 0.02, 0.04, 0.08], "planted trees: the rise of q per shared level, one power estimate each")
        let powerDraws = Parameter<Int>("power-draws", in: 1...100_000, default: 100, "planted trees drawn per gap")
        let levels = Parameter<Int>("levels", in: 1...10, default: 3, "levels of the planted binary tree")
        let level = Parameter<Double>("significance", in: 0.001...0.5, default: 0.05, "level α of the one-sided tests whose power is estimated (Monte Carlo p-value (1 + #{null draws at least as extreme})/(n + 1) ≤ α)")
    }

    struct Results: ResultSet {
        let aligned = Output<Matrix>("aligned", "the replicas after symmetry removal (rescaled and permuted, the same functions), one row each as in 'replicas': endpoints for perm-interp and mode-path")
        let overlaps = Output<Matrix>("overlaps", "q_ab = ⟨θ_a, θ_b⟩/(|θ_a||θ_b|) of the aligned parameter vectors (full θ), replica order")
        let orderedOverlaps = Output<Matrix>("ordered_overlaps", "the overlaps with rows and columns in dendrogram leaf order")
        let leafOrder = Output<[Int]>("leaf_order", "the replicas in the leaf order of the dendrogram of d_ab = 1 − q_ab")
        let merges = Output<Table>("merges", "the merges of that dendrogram: left, right, height, size (SciPy's convention)")
        let copheneticCorrelation = Output<Double>("cophenetic_correlation", "correlation of d_ab = 1 − q_ab with the dendrogram's cophenetic distances")
        let functionDistances = Output<Matrix>("function_distances", "fraction of probe inputs on which two replicas predict different classes")
        let functionMerges = Output<Table>("function_merges", "the merges of the dendrogram of the function distances")
        let functionCopheneticCorrelation = Output<Double>("function_cophenetic_correlation", "cophenetic correlation of the function-distance dendrogram (NaN when all predictions agree)")
        let largestOtherExcess = Output<Double>("largest_other_excess", "the same excess computed for each replica r ≥ 1 in place of replica 0: its largest value (what chance alone gives)")
        let referenceExcess = Output<Double>("reference_excess", "mean overlap of the pairs containing replica 0 minus that of the other pairs: the artefact of aligning to replica 0 (near 0 after barycentre matching)")
        let qValues = Output<[Double]>("q_values", "the off-diagonal overlaps q_ab, a < b: the sample of P(q)")
        let qMean = Output<Double>("q_mean", "mean off-diagonal overlap")
        let layers = Output<Table>("layers", "per block of θ (W₁, b₁, W₂, b₂): its mean share of |θ|², the mean and s.d. of its own overlap q_ab, and the correlation of that overlap with the full one over the pairs")
        let gauges = Output<Table>("gauges", "the statistics in two gauges of the ReLU rescaling, the same permutations (unit-incoming: |[w_in, b]| = 1 per unit; balanced: |[w_in, b]| = |w_out|, the shortest θ): mean q, the output layer's share of |θ|², mean K and cophenetic correlation, and their percentiles in that gauge's own per-replica-effects null (effects-draws draws)")
        let gaugeCorrelation = Output<Double>("gauge_correlation", "correlation over the pairs between the overlaps q_ab of the two gauges")
        let kMean = Output<Double>("k_mean", "mean ultrametricity K over all triplets of replicas (0: ultrametric)")
        let nullK = Output<[Double]>("null_k", "mean K of each draw of the Gaussian null (as many points, i.i.d. N(0, 1) in dimension P)")
        let nullCophenetic = Output<[Double]>("null_cophenetic", "cophenetic correlation of each draw of the Gaussian null")
        let effectsK = Output<[Double]>("effects_k", "mean K of each draw of the per-replica-effects null (d_ab = μ + α_a + α_b + ε, residuals shuffled over the pairs)")
        let effectsCophenetic = Output<[Double]>("effects_cophenetic", "cophenetic correlation of each draw of the per-replica-effects null")
        let effectsSD = Output<Double>("effects_sd", "standard deviation of the fitted per-replica effects α_a")
        let residualSD = Output<Double>("residual_sd", "standard deviation of the residuals ε_ab of the per-replica model")
        let untrainedK = Output<[Double]>("untrained_k", "mean K of each draw of aligned untrained networks (He-initialised, through the same alignment)")
        let untrainedCophenetic = Output<[Double]>("untrained_cophenetic", "cophenetic correlation of each draw of aligned untrained networks")
        let untrainedQValues = Output<[Double]>("untrained_q_values", "the off-diagonal overlaps of every draw of aligned untrained networks")
        let nullQValues = Output<[Double]>("null_q_values", "off-diagonal overlaps of the first draw of the Gaussian null")
        let controlQValues = Output<[Double]>("control_q_values", "off-diagonal overlaps of the first planted tree at the largest gap")
        let gapValues = Output<[Double]>("gaps", "the planted gaps: rise of q per shared level")
        let powerK = Output<[Double]>("power_k", "per gap: fraction of planted trees whose mean K has a Monte Carlo p-value ≤ α against the per-replica-effects null (lower tail); at gap 0, the test's size")
        let powerKLow = Output<[Double]>("power_k_low", "per gap: lower end of the 95 % Wilson interval of power_k (binomial over the planted trees)")
        let powerKHigh = Output<[Double]>("power_k_high", "per gap: upper end of that interval")
        let powerCophenetic = Output<[Double]>("power_cophenetic", "per gap: fraction of planted trees whose cophenetic correlation has a p-value ≤ α against that null (upper tail)")
        let powerCopheneticLow = Output<[Double]>("power_cophenetic_low", "per gap: lower end of the 95 % Wilson interval of power_cophenetic")
        let powerCopheneticHigh = Output<[Double]>("power_cophenetic_high", "per gap: upper end of that interval")
        let plantedK = Output<[Double]>("planted_k", "per gap: mean over the planted trees of their mean K")
        let detectableGap = Output<Double>("detectable_gap", "the smallest planted gap detected by K with power ≥ 0.8 (NaN if none)")
        let power = Output<Table>("power", "per gap: the planted trees' mean q, mean K, cophenetic correlation and the power of each statistic with its 95 % Wilson interval")
        let ultrametricity = Output<Table>("ultrametricity", "per ensemble (replicas, and the first draw of each null and of the planted tree at the largest gap): mean, median and s.d. of K, and the cophenetic correlation")
        let kValues = Output<Table>("k_values", "the K of every triplet, sorted, for the replicas, the first per-replica-effects draw, the first Gaussian draw and the first planted tree at the largest gap")
        let alignmentRounds = Output<Int>("alignment_rounds", "matching sweeps performed (1 for reference, 0 for none)")
        let alignmentConverged = Output<Bool>("alignment_converged", "whether the barycentre sweeps reached a fixed point within max-rounds")
        let alignment = Output<String>("alignment", "the symmetry removal used")
        let linkage = Output<String>("linkage", "the linkage criterion used")
        let figure = FigureOutput<Results>("figure", "the dendrogram beside the overlap matrix reordered by its leaves") { try SpinGlassFigures.overlaps($0) }
        let functionFigure = FigureOutput<Results>("function_figure", "the dendrogram of function distances beside that matrix reordered by its leaves") {
            try SpinGlassFigures.functionDistances($0)
        }
        let overlapDistribution = FigureOutput<Results>("overlap_distribution", "P(q) of the replicas, aligned untrained networks, the Gaussian null and the planted tree, on one q range") {
            SpinGlassFigures.overlapDistribution($0)
        }
        let kFigure = FigureOutput<Results>("k_figure", "the cumulative distribution of K over the triplets: replicas, the first draw of two nulls, a planted tree") {
            try SpinGlassFigures.kDistribution($0)
        }
        let nullFigure = FigureOutput<Results>("null_figure", "the sampling distributions of mean K and of the cophenetic correlation under the three nulls, the replicas' values marked") {
            SpinGlassFigures.nulls($0)
        }
        let powerFigure = FigureOutput<Results>("power_figure", "power of the K and cophenetic tests against the planted gap") { SpinGlassFigures.power($0) }
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
        let functionDistances = PredictionDisagreement.matrix(classes: classes)
        let functionTree = Landscape.Dendrogram(distances: functionDistances, linkage: arguments.linkage)
        let data = ReplicaEnsemble(aligned.replicas, linkage: arguments.linkage)
        let order = data.tree.leafOrder
        context.progress.report(nil, "nulls and planted trees")
        let nulls = try HierarchyNulls(arguments, data: data, network: network, context: context)

        var results = ResultRecord<Results>()
        results.aligned = Matrix(aligned.replicas)
        results.overlaps = Matrix(data.overlaps)
        results.orderedOverlaps = Matrix(order.map { a in order.map { data.overlaps[a][$0] } })
        results.leafOrder = order
        results.merges = Table(merges: data.tree)
        results.copheneticCorrelation = data.statistics.copheneticCorrelation
        results.functionDistances = Matrix(functionDistances)
        results.functionMerges = Table(merges: functionTree)
        results.functionCopheneticCorrelation = functionTree.copheneticCorrelation(with: functionDistances)
        results.referenceExcess = excess(of: 0, in: data.overlaps)
        results.largestOtherExcess = (1..<thetas.count).map { excess(of: $0, in: data.overlaps) }.max()!
        let q = ReplicaOverlap.offDiagonal(data.overlaps)
        results.qValues = q
        results.qMean = Sample.mean(q)
        results.layers = layerTable(aligned.replicas, network: network, overlaps: q)
        results.kMean = data.statistics.kMean
        let balanced = ReplicaEnsemble(aligned.replicas.map(HiddenUnits(network).balancedRescaling), linkage: arguments.linkage)
        results.gaugeCorrelation = PearsonCorrelation.of(q, ReplicaOverlap.offDiagonal(balanced.overlaps))
        results.gauges = Table(columns: ["gauge", "q_mean", "output_share", "k_mean", "cophenetic_correlation", "k_percentile", "cophenetic_percentile"],
                               rows: [("unit incoming", aligned.replicas, data, nulls.effects), ("balanced", balanced.points, balanced,
                                       HierarchyNulls.effectsDraws(ReplicaEffects(distances: balanced.distances), arguments, context: context, kind: 4))]
            .map { name, replicas, ensemble, null in
                let output = network.layers[1].weightRange
                let share = Sample.mean(replicas.map { theta in theta[output].reduce(0) { $0 + $1 * $1 } / theta.reduce(0) { $0 + $1 * $1 } })
                return [.text(name), .real(Sample.mean(ReplicaOverlap.offDiagonal(ensemble.overlaps))), .real(share), .real(ensemble.statistics.kMean),
                        .real(ensemble.statistics.copheneticCorrelation), .real(Sample.percentile(of: ensemble.statistics.kMean, in: null.map(\.kMean))),
                        .real(Sample.percentile(of: ensemble.statistics.copheneticCorrelation, in: null.map(\.copheneticCorrelation)))]
            })
        nulls.store(in: &results)
        results.ultrametricity = Table(
            columns: ["ensemble", "k_mean", "k_median", "k_sd", "cophenetic_correlation"],
            rows: zip(["replicas", "per-replica effects", "gaussian null", "planted tree"], [data.distances] + nulls.examples).map { name, d in
                let k = Ultrametricity(distances: d).summary, tree = Landscape.Dendrogram(distances: d, linkage: arguments.linkage)
                return [.text(name), .real(k.mean), .real(k.median), .real(k.standardDeviation), .real(tree.copheneticCorrelation(with: d))]
            })
        results.kValues = Table(columns: ["replicas", "per_replica_effects", "gaussian_null", "planted_tree"],
                                data: ([data.distances] + nulls.examples).map { .reals(Ultrametricity(distances: $0).values.sorted()) })
        results.alignmentRounds = aligned.rounds
        results.alignmentConverged = aligned.converged
        results.alignment = arguments.alignment.rawValue
        results.linkage = arguments.linkage.rawValue
        return results
    }

    /// Per block of θ (each layer's weights, then its biases): its mean share of |θ|² over the
    /// replicas, the mean and s.d. of the block's own overlaps and their correlation with the full
    /// overlaps `full` (pairs in `offDiagonal` order).
    private static func layerTable(_ replicas: [[Double]], network: MultilayerPerceptron, overlaps full: [Double]) -> Table {
        let digits = ["₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        let blocks = network.layers.enumerated().flatMap { l, layer in
            [("W" + digits[min(l, 8)], layer.weightRange), ("b" + digits[min(l, 8)], layer.biasRange)]
        }
        return Table(columns: ["block", "parameters", "share", "q_mean", "q_sd", "correlation"], rows: blocks.map { name, range in
            let share = Sample.mean(replicas.map { theta in
                theta[range].reduce(0) { $0 + $1 * $1 } / theta.reduce(0) { $0 + $1 * $1 }
            })
            let q = ReplicaOverlap.offDiagonal(ReplicaOverlap.matrix(replicas.map { Array($0[range]) }))
            let varies = Sample.standardDeviation(q) > 0 && Sample.standardDeviation(full) > 0
            return [.text(name), .int(range.count), .real(share), .real(Sample.mean(q)), .real(Sample.standardDeviation(q)),
                    .real(varies ? PearsonCorrelation.of(q, full) : .nan)]
        })
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
}

/// One ensemble through the replica pipeline: overlaps, distances 1 − q, its dendrogram, K and the
/// cophenetic correlation.
struct ReplicaEnsemble: Sendable {
    let points: [[Double]]
    let overlaps: [[Double]]
    let distances: [[Double]]
    let tree: Landscape.Dendrogram
    let statistics: HierarchyStatistics

    init(_ points: [[Double]], linkage: Landscape.Dendrogram.Linkage) {
        self.points = points
        overlaps = ReplicaOverlap.matrix(points)
        distances = ReplicaOverlap.distances(overlaps)
        tree = Landscape.Dendrogram(distances: distances, linkage: linkage)
        statistics = HierarchyStatistics(distances: distances, linkage: linkage)
    }
}

/// The calibration of `spin-glass`'s hierarchy test: the sampling distributions of its two
/// statistics (mean K, cophenetic correlation) under three nulls, and their power on planted trees
/// at the data's own scale.
///
/// - Gaussian null: M i.i.d. N(0, 1) points in dimension P, `null-draws` times.
/// - Per-replica effects: the fitted d_ab = μ + α_a + α_b + ε of the data, residuals shuffled over
///   the pairs (`ReplicaEffects`), `effects-draws` times.
/// - Untrained networks: M He-initialised networks through the same alignment, `untrained-draws`
///   times: what symmetry removal alone makes of networks that learnt nothing.
/// - Planted trees (`PlantedTree`): the per-replica null plus a tree raising q by `gap` per shared
///   level, `power-draws` per gap; the power of each one-sided test at level α against the
///   per-replica null (Monte Carlo p-values, `NullDistribution`), with its Wilson interval. Draw i of each kind uses child i of its own child of the seed, so every
///   draw is a pure function of (seed, kind, i) and the thread count changes nothing.
struct HierarchyNulls {
    let gaussian: [HierarchyStatistics], effects: [HierarchyStatistics], untrained: [HierarchyStatistics]
    let untrainedQ: [Double], nullQ: [Double], controlQ: [Double]
    let model: ReplicaEffects
    let gaps: [Double]
    /// Per gap, the statistics of every planted draw and the draws' mean overlap.
    let planted: [[HierarchyStatistics]], plantedQMean: [Double]
    /// Per gap, the planted trees rejected by each test.
    let rejectedK: [Int], rejectedCophenetic: [Int]
    /// The first draw of the per-replica null, of the Gaussian null and of the planted tree at the
    /// largest gap, as distance matrices.
    let examples: [[[Double]]]

    init(_ arguments: Arguments<SpinGlassDirective.Parameters>, data: ReplicaEnsemble, network: MultilayerPerceptron,
         context: ComputeContext) throws {
        guard !arguments.gaps.isEmpty else { throw DirectiveFailure("'gaps' needs at least one planted gap") }
        let m = data.distances.count, linkage = arguments.linkage, root = SeededGenerator(seed: context.seed)
        let model = ReplicaEffects(distances: data.distances)
        let gaussianPoints = { (i: Int) -> [[Double]] in
            var generator = root.child(0).child(i)
            return ReplicaOverlap.gaussianPoints(count: m, dimension: network.parameterCount, generator: &generator)
        }
        let effectsDraw = { (i: Int) -> [[Double]] in
            var generator = root.child(1).child(i)
            return model.shuffled(using: &generator)
        }
        let plantedDraw = { (g: Int, i: Int) -> [[Double]] in
            var generator = root.child(2).child(g).child(i)
            return PlantedTree.distances(model, gap: arguments.gaps[g], levels: arguments.levels, using: &generator)
        }
        let threads = context.threads, draws = arguments.nullDraws
        gaussian = deterministicMap(count: draws, threads: threads) {
            HierarchyStatistics(distances: ReplicaOverlap.distances(ReplicaOverlap.matrix(gaussianPoints($0))), linkage: linkage)
        }
        let effects = Self.effectsDraws(model, arguments, context: context, kind: 1)
        self.effects = effects
        let units = HiddenUnits(network)
        let untrainedOverlaps = deterministicMap(count: arguments.untrainedDraws, threads: threads) { i -> [[Double]] in
            let draw = root.child(3).child(i)
            let thetas = (0..<m).map { network.initialParameters(seed: draw.child($0).seedValue, scheme: .he) }
            let aligned = EnsembleAlignment(replicas: thetas, units: units, target: arguments.alignment, maximumRounds: arguments.maximumRounds)
            return ReplicaOverlap.matrix(aligned.replicas)
        }
        untrained = untrainedOverlaps.map { HierarchyStatistics(distances: ReplicaOverlap.distances($0), linkage: linkage) }
        untrainedQ = untrainedOverlaps.flatMap(ReplicaOverlap.offDiagonal)
        let perGap = arguments.powerDraws
        let plantedAll = deterministicMap(count: arguments.gaps.count * perGap, threads: threads) { n -> (HierarchyStatistics, Double) in
            let d = plantedDraw(n / perGap, n % perGap)
            return (HierarchyStatistics(distances: d, linkage: linkage), 1 - Sample.mean(ReplicaOverlap.offDiagonal(d)))
        }
        let planted = arguments.gaps.indices.map { g in plantedAll[(g * perGap)..<((g + 1) * perGap)].map(\.0) }
        self.planted = planted
        plantedQMean = arguments.gaps.indices.map { g in Sample.mean(plantedAll[(g * perGap)..<((g + 1) * perGap)].map(\.1)) }
        let alpha = arguments.level
        rejectedK = planted.map { NullDistribution.rejections(null: effects.map(\.kMean), alternative: $0.map(\.kMean), alpha: alpha, lower: true) }
        rejectedCophenetic = planted.map {
            NullDistribution.rejections(null: effects.map(\.copheneticCorrelation), alternative: $0.map(\.copheneticCorrelation), alpha: alpha, lower: false)
        }
        let control = plantedDraw(arguments.gaps.count - 1, 0), null = ReplicaOverlap.distances(ReplicaOverlap.matrix(gaussianPoints(0)))
        examples = [effectsDraw(0), null, control]
        nullQ = ReplicaOverlap.offDiagonal(null).map { 1 - $0 }
        controlQ = ReplicaOverlap.offDiagonal(control).map { 1 - $0 }
        self.model = model
        gaps = arguments.gaps
    }

    /// The statistics of `effects-draws` draws of the per-replica null `model`, draw i from child i
    /// of child `kind` of the seed.
    static func effectsDraws(_ model: ReplicaEffects, _ arguments: Arguments<SpinGlassDirective.Parameters>, context: ComputeContext,
                             kind: Int) -> [HierarchyStatistics] {
        let root = SeededGenerator(seed: context.seed)
        return deterministicMap(count: arguments.effectsDraws, threads: context.threads) { i in
            var generator = root.child(kind).child(i)
            return HierarchyStatistics(distances: model.shuffled(using: &generator), linkage: arguments.linkage)
        }
    }

    func store(in results: inout ResultRecord<SpinGlassDirective.Results>) {
        results.nullK = gaussian.map(\.kMean)
        results.nullCophenetic = gaussian.map(\.copheneticCorrelation)
        results.effectsK = effects.map(\.kMean)
        results.effectsCophenetic = effects.map(\.copheneticCorrelation)
        results.effectsSD = Sample.standardDeviation(model.effects)
        results.residualSD = Sample.standardDeviation(model.residuals)
        results.untrainedK = untrained.map(\.kMean)
        results.untrainedCophenetic = untrained.map(\.copheneticCorrelation)
        results.untrainedQValues = untrainedQ
        results.nullQValues = nullQ
        results.controlQValues = controlQ
        results.gapValues = gaps
        let draws = planted.first?.count ?? 1
        let powerK = rejectedK.map { Double($0) / Double(draws) }, powerCophenetic = rejectedCophenetic.map { Double($0) / Double(draws) }
        let intervalK = rejectedK.map { Proportion.wilsonInterval(successes: $0, trials: draws) }
        let intervalCophenetic = rejectedCophenetic.map { Proportion.wilsonInterval(successes: $0, trials: draws) }
        results.powerK = powerK
        results.powerKLow = intervalK.map(\.lowerBound)
        results.powerKHigh = intervalK.map(\.upperBound)
        results.powerCophenetic = powerCophenetic
        results.powerCopheneticLow = intervalCophenetic.map(\.lowerBound)
        results.powerCopheneticHigh = intervalCophenetic.map(\.upperBound)
        let plantedK = planted.map { Sample.mean($0.map(\.kMean)) }
        results.plantedK = plantedK
        results.detectableGap = gaps.indices.first { powerK[$0] >= 0.8 }.map { gaps[$0] } ?? .nan
        results.power = Table(
            columns: ["gap", "q_mean", "k_mean", "cophenetic_correlation", "power_k", "power_k_low", "power_k_high", "power_cophenetic",
                      "power_cophenetic_low", "power_cophenetic_high"],
            rows: gaps.indices.map { g in
                [.real(gaps[g]), .real(plantedQMean[g]), .real(plantedK[g]), .real(Sample.mean(planted[g].map(\.copheneticCorrelation))),
                 .real(powerK[g]), .real(intervalK[g].lowerBound), .real(intervalK[g].upperBound),
                 .real(powerCophenetic[g]), .real(intervalCophenetic[g].lowerBound), .real(intervalCophenetic[g].upperBound)]
            })
    }
}
