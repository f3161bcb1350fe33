import Foundation
import Landscape

/// The parts of `langevin-sweep`'s results that test the per-point law of the boundary model
/// against its harmonic null without going through D, and the geometry at sampled points.
extension LangevinSweepSummary {
    /// n_active(2)/n_active(10) per row against the two laws, and the binned density of s = c_i/T
    /// of the first N against them.
    func fillPointLaw(_ results: inout ResultRecord<LangevinSweepDirective.Results>, rows: [Row], valid: [Int]) {
        let laws = BoundaryModel.activeShare
        let share = rows.map { Self.summary($0.chains.map { $0.activePoints[0] / $0.activePoints[1] }) }
        results.activeShare = share.map(\.mean)
        results.activeShareError = share.map(\.error)
        results.activeShareLaws = [laws.model, laws.null]
        results.activeShareCloser = rows.indices.filter { valid[$0] == 1 && abs(share[$0].mean - laws.model) < abs(share[$0].mean - laws.null) }.count
        let edges = BoundaryModel.ratioBinEdges, width = log(edges[1] / edges[0])
        let model = BoundaryModel.binProbabilities(edges: edges), null = BoundaryModel.harmonicBinProbabilities(edges: edges)
        let main = rows.filter { $0.size == 0 }
        let pooled = main.map { row in
            row.chains.reduce(into: [Double](repeating: 0, count: edges.count - 1)) { total, chain in
                for b in total.indices { total[b] += chain.ratioCounts[b] }
            }
        }
        results.ratioBins = zip(edges, edges.dropFirst()).map { ($0 * $1).squareRoot() }
        results.ratioDensity = Matrix(pooled.map { counts in
            let total = counts.reduce(0, +)
            return counts.map { $0 / (total * width) }
        })
        results.ratioModelDensity = model.map { $0 / width }
        results.ratioNullDensity = null.map { $0 / width }
        // Over the bins where both laws are positive (the null's tail underflows far out).
        let both = model.indices.filter { model[$0] > 0 && null[$0] > 0 }
        results.ratioLogLikelihood = pooled.map { counts in
            both.reduce(0) { $0 + counts[$1] * log(model[$1] / null[$1]) } / both.reduce(0) { $0 + counts[$1] }
        }
    }

    /// The harmonic test and the spectra at the end of each window of the first N (empty without a probe).
    func fillGeometry(_ results: inout ResultRecord<LangevinSweepDirective.Results>, rows: [Row]) {
        let probed = rows.filter { $0.chains.allSatisfy { $0.geometry != nil } }
        func matrix(_ f: (TemperatureSweep.Measurement) -> [Double], _ statistic: ([Double]) -> Double) -> Matrix {
            Matrix(probed.map { row in
                let values = row.chains.map(f)
                return values[0].indices.map { i in statistic(values.map { $0[i] }) }
            })
        }
        results.spreadRatio = matrix({ $0.geometry!.harmonicRatios }, Sample.mean)
        results.spreadRatioError = matrix({ $0.geometry!.harmonicRatios }, Sample.standardError)
        let all = probed.flatMap { row in
            row.chains[0].geometry!.eigenvalues.indices.map { i in Sample.mean(row.chains.map { $0.geometry!.harmonicRatios[i] }) }
        }
        results.spreadRatioRange = [all.min() ?? .nan, all.max() ?? .nan]
        results.sampledLambda = matrix({ $0.geometry!.eigenvalues }, Sample.mean)
        let steps = Double(arguments.probeSteps)
        results.probeTime = probed.map { row in Sample.mean(row.chains.map { steps * $0.stepSize }) }
        results.probeRelaxations = matrix({ m in m.geometry!.eigenvalues.map { steps * m.stepSize * $0 } }, Sample.mean)
        let count = probed.map { Self.summary($0.chains.map { $0.geometry!.countAboveTemperature }) }
        results.countAboveT = count.map(\.mean)
        results.countAboveTError = count.map(\.error)
        results.spectra = Matrix(probed.map { $0.chains[0].geometry!.spectrum })
    }
}
