import Foundation
import Landscape

/// The results of `langevin-sweep` from its replicates: every row's values averaged over the
/// replicates with their standard errors, the paired tests across replicates (D_var against
/// D_mean, the two halves of the window, the fluctuation–response identity), and the summaries the
/// paper's checks read. Used by `langevin-sweep` alone; in Shared so that its digest is in the
/// directive's cache key.
struct LangevinSweepSummary {
    typealias Arguments = ReportEngine.Arguments<LangevinSweepDirective.Parameters>
    let arguments: Arguments
    /// replicates[r][s]: replicate r of dataset size s.
    let replicates: [[SizeSweepRecord.SizeSweep]]

    /// One (N, T): its chain in every replicate.
    struct Row {
        let size: Int
        let chains: [TemperatureSweep.Measurement]
        var temperature: Double { chains[0].temperature }
    }

    var rows: [Row] {
        arguments.points.indices.flatMap { s in
            replicates[0][s].measurements.indices.map { j in Row(size: s, chains: replicates.map { $0[s].measurements[j] }) }
        }
    }

    /// Mean and standard error of a per-replicate value.
    static func summary(_ values: [Double]) -> (mean: Double, error: Double) {
        (Sample.mean(values), Sample.standardError(values))
    }

    func results() throws -> ResultRecord<LangevinSweepDirective.Results> {
        let rows = self.rows, main = rows.indices.filter { rows[$0].size == 0 }
        func each(_ f: (TemperatureSweep.Measurement) -> Double) -> [(mean: Double, error: Double)] {
            rows.map { Self.summary($0.chains.map(f)) }
        }
        let dMean = each { $0.fluctuations.dimensionFromMean.value }, dVar = each { $0.fluctuations.dimensionFromVariance.value }
        let gap = each { $0.fluctuations.dimensionFromVariance.value - $0.fluctuations.dimensionFromMean.value }
        let gapP = rows.map { row in
            HypothesisTests.pairedT(row.chains.map(\.fluctuations.dimensionFromVariance.value), row.chains.map(\.fluctuations.dimensionFromMean.value)).p
        }
        let driftP = rows.map { row in
            HypothesisTests.pairedT(row.chains.map(\.halves[1].meanExcess.value), row.chains.map(\.halves[0].meanExcess.value)).p
        }
        let stationary = driftP.map { $0 >= arguments.stationarity ? 1 : 0 }
        let lambda = each(\.meanCurvature)
        let etaLambda = rows.map { $0.chains.map(\.largestStepCurvature).max()! }
        let accuracy = rows.map { $0.chains.map(\.accuracy).min()! }
        let valid = rows.indices.map { etaLambda[$0] <= arguments.validStep && accuracy[$0] == 1 && stationary[$0] == 1 ? 1 : 0 }
        let ratioK2 = each { $0.fluctuations.dimensionFromMean.value / $0.boundaryModelDimensions[0] }
        let ratioK10 = each { $0.fluctuations.dimensionFromMean.value / $0.boundaryModelDimensions[1] }
        let nullRatioK10 = each { $0.fluctuations.dimensionFromMean.value / $0.harmonicNullDimensions[1] }
        let harmonicD = each(\.harmonicDimension)
        let ratios = rows.indices.map { i in rows[i].chains.map { $0.varianceRatios(pieces: LangevinSweepDirective.windowPieces) } }
        let validRows = rows.indices.filter { valid[$0] == 1 }
        func range(_ v: [Double]) -> [Double] { [v.min() ?? .nan, v.max() ?? .nan] }

        var results = ResultRecord<LangevinSweepDirective.Results>()
        results.replicates = replicates.count
        results.points = rows.map { arguments.points[$0.size] }
        results.temperature = rows.map(\.temperature)
        let meanExcess = each(\.fluctuations.meanExcess.value), variance = each(\.fluctuations.lossVariance.value)
        results.meanExcess = meanExcess.map(\.mean)
        results.meanExcessError = meanExcess.map(\.error)
        results.lossVariance = variance.map(\.mean)
        results.lossVarianceError = variance.map(\.error)
        results.dMean = dMean.map(\.mean)
        results.dMeanError = dMean.map(\.error)
        results.dVar = dVar.map(\.mean)
        results.dVarError = dVar.map(\.error)
        results.gap = gap.map(\.mean)
        results.gapError = gap.map(\.error)
        results.gapP = gapP
        results.tau = each(\.correlationTime).map(\.mean)
        results.windowTime = each(\.windowTime).map(\.mean)
        results.windowTaus = each { $0.windowTime / $0.correlationTime }.map(\.mean)
        let drift = each(\.drift)
        results.drift = drift.map(\.mean)
        results.driftError = drift.map(\.error)
        results.driftP = driftP
        results.stationary = stationary
        results.activeK2 = each { $0.activePoints[0] }.map(\.mean)
        results.activeK10 = each { $0.activePoints[1] }.map(\.mean)
        results.boundaryK2 = each { $0.boundaryModelDimensions[0] }.map(\.mean)
        results.boundaryK10 = each { $0.boundaryModelDimensions[1] }.map(\.mean)
        results.nullK2 = each { $0.harmonicNullDimensions[0] }.map(\.mean)
        results.nullK10 = each { $0.harmonicNullDimensions[1] }.map(\.mean)
        results.ratioK2 = ratioK2.map(\.mean)
        results.ratioK10 = ratioK10.map(\.mean)
        results.nullRatioK10 = nullRatioK10.map(\.mean)
        results.lambdaMax = lambda.map(\.mean)
        results.lambdaMaxError = lambda.map(\.error)
        results.harmonicLambdaMax = rows.map { row in Sample.mean(replicates.map { $0[row.size].eigenvalues[0] }) }
        results.harmonicDimension = harmonicD.map(\.mean)
        results.harmonicMeanExcess = rows.indices.map { harmonicD[$0].mean * rows[$0].temperature / 2 }
        results.stepSize = each(\.stepSize).map(\.mean)
        results.etaLambda = etaLambda
        results.accuracy = accuracy
        results.valid = valid
        results.windowLengths = LangevinSweepDirective.windowPieces.map { arguments.window / Double($0) }
        let pieces = LangevinSweepDirective.windowPieces.indices
        results.varianceRatio = Matrix(ratios.map { r in pieces.map { p in Sample.mean(r.map { $0[p] }) } })
        results.varianceRatioError = Matrix(ratios.map { r in pieces.map { p in Sample.standardError(r.map { $0[p] }) } })
        fillResponse(&results, rows: rows)
        fillSizes(&results, rows: rows, lambda: lambda.map(\.mean))
        fillPointLaw(&results, rows: rows, valid: valid)
        fillGeometry(&results, rows: main.map { rows[$0] })
        let first = main.map { rows[$0].chains[0] }
        results.traceTimes = Matrix(first.map(\.traceTimes))
        results.traces = Matrix(first.map(\.traceLosses))
        results.windowStart = first.map(\.burnInTime)
        results.windowExcess = Matrix(first.map { m in m.losses.map { $0 - m.fluctuations.minimumLoss } })
        results.validRows = validRows.count
        results.stationaryRows = stationary.reduce(0, +)
        results.varianceAboveMean = gap.filter { $0.mean > 0 }.count
        results.varianceAboveSignificant = rows.indices.filter { gap[$0].mean > 0 && gapP[$0] < 0.05 }.count
        results.varianceBelowSignificant = rows.indices.filter { gap[$0].mean < 0 && gapP[$0] < 0.05 }.count
        results.ratioK2Range = range(validRows.map { ratioK2[$0].mean })
        results.ratioK10Range = range(validRows.map { ratioK10[$0].mean })
        results.nullRatioK10Range = range(validRows.map { nullRatioK10[$0].mean })
        results.harmonicRatioRange = range(validRows.map { dMean[$0].mean / harmonicD[$0].mean }.filter { !$0.isNaN })
        let tau = each(\.correlationTime).map(\.mean), taus = each { $0.windowTime / $0.correlationTime }.map(\.mean)
        results.table = Table(
            columns: ["N", "T", "D_mean", "± D_mean", "D_var", "± D_var", "p(gap)", "drift", "± drift", "p(drift)", "τ_int", "window/τ_int",
                      "n_act(2)", "λ_max", "± λ_max", "η·λ_max", "accuracy", "valid"],
            rows: rows.indices.map { i in
                [.int(arguments.points[rows[i].size]), .real(rows[i].temperature), .real(dMean[i].mean), .real(dMean[i].error),
                 .real(dVar[i].mean), .real(dVar[i].error), .real(gapP[i]), .real(drift[i].mean), .real(drift[i].error), .real(driftP[i]),
                 .real(tau[i]), .real(taus[i]), .real(Sample.mean(rows[i].chains.map { $0.activePoints[0] })),
                 .real(lambda[i].mean), .real(lambda[i].error), .real(etaLambda[i]), .real(accuracy[i]), .text(valid[i] == 1 ? "yes" : "no")]
            })
        return results
    }

    /// The fluctuation–response identity between neighbouring temperatures of each size,
    /// replicate by replicate (the chains of a replicate share its dataset and minimum).
    private func fillResponse(_ results: inout ResultRecord<LangevinSweepDirective.Results>, rows: [Row]) {
        var points: [Int] = [], temperature: [Double] = [], response: [(Double, Double)] = [], fluctuation: [(Double, Double)] = []
        var p: [Double] = []
        for s in arguments.points.indices {
            let perReplicate = replicates.map { sweeps in
                FluctuationResponse.neighbours(
                    temperatures: sweeps[s].measurements.map(\.temperature),
                    meanLosses: sweeps[s].measurements.map(\.fluctuations.meanExcess.value),
                    lossVariances: sweeps[s].measurements.map(\.fluctuations.lossVariance.value))
            }
            for pair in perReplicate[0].indices {
                let r = perReplicate.map { $0[pair].response }, f = perReplicate.map { $0[pair].fluctuation }
                points.append(arguments.points[s])
                temperature.append(perReplicate[0][pair].temperature)
                response.append(Self.summary(r))
                fluctuation.append(Self.summary(f))
                p.append(HypothesisTests.pairedT(f, r).p)
            }
        }
        results.responsePoints = points
        results.responseTemperature = temperature
        results.dResponse = response.map(\.0)
        results.dResponseError = response.map(\.1)
        results.dFluctuation = fluctuation.map(\.0)
        results.dFluctuationError = fluctuation.map(\.1)
        results.responseP = p
        results.responseAbove = zip(fluctuation, response).filter { $0.0.0 > $0.1.0 }.count
    }

    /// Per dataset size: L0, pre-training steps, and λ_max's slope and monotonicity in T.
    private func fillSizes(_ results: inout ResultRecord<LangevinSweepDirective.Results>, rows: [Row], lambda: [Double]) {
        let sizes = arguments.points.indices
        results.minimumLoss = sizes.map { s in Sample.mean(replicates.map { $0[s].minimumLoss }) }
        results.pretrainingSteps = sizes.map { s in replicates.map { $0[s].pretrainingSteps }.max()! }
        results.parameterCount = replicates[0][0].parameterCount
        let bySize = sizes.map { s in rows.indices.filter { rows[$0].size == s } }
        results.lambdaSlope = bySize.map { indices in
            LangevinSweepDirective.leastSquaresSlope(x: indices.map { log(rows[$0].temperature) }, y: indices.map { log(lambda[$0]) })
        }
        results.lambdaIncreasing = bySize.map { indices in zip(indices, indices.dropFirst()).allSatisfy { lambda[$0] < lambda[$1] } ? 1 : 0 }
    }
}
