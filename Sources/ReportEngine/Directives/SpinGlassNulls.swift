import Landscape

/// The calibration of `spin-glass`'s hierarchy test: the sampling distributions of its two
/// statistics (mean K, cophenetic correlation) under three nulls, and their power on planted trees
/// at the data's own scale.
///
/// - Gaussian null: M i.i.d. N(0, 1) points in dimension P, `null-draws` times.
/// - Per-replica effects: the fitted d_ab = μ + α_a + α_b + ε of the data, residuals shuffled over
///   the pairs (`ReplicaEffects`), `null-draws` times.
/// - Untrained networks: M He-initialised networks through the same alignment, `untrained-draws`
///   times: what symmetry removal alone makes of networks that learnt nothing.
/// - Planted trees (`PlantedTree`): the per-replica null plus a tree raising q by `gap` per shared
///   level, `power-draws` per gap; the power of each one-sided test at level α against the
///   per-replica null. Draw i of each kind uses child i of its own child of the seed, so every
///   draw is a pure function of (seed, kind, i) and the thread count changes nothing.
struct HierarchyNulls {
    let gaussian: [HierarchyStatistics], effects: [HierarchyStatistics], untrained: [HierarchyStatistics]
    let untrainedQ: [Double], nullQ: [Double], controlQ: [Double]
    let model: ReplicaEffects
    let gaps: [Double]
    /// Per gap, the statistics of every planted draw and the draws' mean overlap.
    let planted: [[HierarchyStatistics]], plantedQMean: [Double]
    let powerK: [Double], powerCophenetic: [Double]
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
        let effects = deterministicMap(count: draws, threads: threads) { HierarchyStatistics(distances: effectsDraw($0), linkage: linkage) }
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
        powerK = planted.map { NullDistribution.power(null: effects.map(\.kMean), alternative: $0.map(\.kMean), alpha: alpha, lower: true) }
        powerCophenetic = planted.map {
            NullDistribution.power(null: effects.map(\.copheneticCorrelation), alternative: $0.map(\.copheneticCorrelation), alpha: alpha, lower: false)
        }
        let control = plantedDraw(arguments.gaps.count - 1, 0), null = ReplicaOverlap.distances(ReplicaOverlap.matrix(gaussianPoints(0)))
        examples = [effectsDraw(0), null, control]
        nullQ = ReplicaOverlap.offDiagonal(null).map { 1 - $0 }
        controlQ = ReplicaOverlap.offDiagonal(control).map { 1 - $0 }
        self.model = model
        gaps = arguments.gaps
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
        results.powerK = powerK
        results.powerCophenetic = powerCophenetic
        let plantedK = planted.map { Sample.mean($0.map(\.kMean)) }
        results.plantedK = plantedK
        results.detectableGap = gaps.indices.first { powerK[$0] >= 0.8 }.map { gaps[$0] } ?? .nan
        results.power = Table(
            columns: ["gap", "q_mean", "k_mean", "cophenetic_correlation", "power_k", "power_cophenetic"],
            rows: gaps.indices.map { g in
                [.real(gaps[g]), .real(plantedQMean[g]), .real(plantedK[g]), .real(Sample.mean(planted[g].map(\.copheneticCorrelation))),
                 .real(powerK[g]), .real(powerCophenetic[g])]
            })
    }
}
