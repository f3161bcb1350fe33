import Foundation
import Landscape

/// `langevin-sweep`'s record of one task, one dataset size's sweep in one replicate (in Shared, so
/// that its digest is in the directive's cache key): of its pre-trained minimum what the merge reads (L0, accuracy, Adam steps, convergence, P and the 10 largest Hessian eigenvalues),
/// and of each temperature's chain what it recorded (one row each: η after adaptation, the record
/// stride, the burn-in's Langevin time, the window's losses, the active points, λ_max at the end
/// of each part of the window, accuracy, D_stiff, the thinned trace, the counts of c_i/T in bins, and,
/// when the sweep probes it, the geometry at the window's end). The fluctuation dimensions
/// are computed again from the loss series, by the same code, so they come back bit for bit.
enum SizeSweepRecord {
    /// A dataset size's minimum as the merge reads it, and its chains in temperature order.
    struct SizeSweep {
        var minimumLoss: Double, accuracy: Double, pretrainingSteps: Int, converged: Bool, parameterCount: Int
        /// The 10 largest Hessian eigenvalues at the minimum (all of them when P < 10), descending.
        var eigenvalues: [Double]
        var measurements: [TemperatureSweep.Measurement]
    }

    static func record(_ sweep: TemperatureSweep.Result) -> Record {
        let minimum = sweep.minima[0], chains = sweep.measurements
        let geometry = chains.compactMap(\.geometry)
        let geometryFields: [(String, Value)] = geometry.count == chains.count ? [
            ("sampled_eigenvalues", .matrix(Matrix(geometry.map(\.eigenvalues)))),
            ("spreads", .matrix(Matrix(geometry.map(\.spreads)))),
            ("spectra", .matrix(Matrix(geometry.map(\.spectrum)))),
            ("count_above_t", geometry.map(\.countAboveTemperature).value),
        ] : []
        return Record([
            ("minimum_loss", .real(minimum.value)),
            ("accuracy", .real(minimum.accuracy)),
            ("pretraining_steps", .int(minimum.pretrainingSteps)),
            ("converged", .boolean(minimum.converged)),
            ("parameters", .int(minimum.loss.network.parameterCount)),
            ("eigenvalues", .vector(Array(minimum.harmonic.eigenvalues.prefix(10)))),
            ("step_size", chains.map(\.stepSize).value),
            ("record_stride", chains.map { Double($0.recordStride) }.value),
            ("burn_in_time", chains.map(\.burnInTime).value),
            ("losses", .matrix(Matrix(chains.map(\.losses)))),
            ("active_points", .matrix(Matrix(chains.map(\.activePoints)))),
            ("curvatures", .matrix(Matrix(chains.map(\.curvatures)))),
            ("chain_accuracy", chains.map(\.accuracy).value),
            ("harmonic_d", chains.map(\.harmonicDimension).value),
            ("trace_times", .matrix(Matrix(chains.map(\.traceTimes)))),
            ("trace_losses", .matrix(Matrix(chains.map(\.traceLosses)))),
            ("ratio_counts", .matrix(Matrix(chains.map(\.ratioCounts)))),
        ] + geometryFields)
    }

    /// The sweep of `points` stored in `record` with the temperatures and records of `sweep`, or
    /// nil if it is not such a record.
    static func sizeSweep(_ record: Record, points: Int, of sweep: TemperatureSweep) -> SizeSweep? {
        func reals(_ name: String) -> [Double]? { record[name].flatMap([Double].init(value:)) }
        func matrix(_ name: String) -> Matrix? { record[name].flatMap(Matrix.init(value:)) }
        guard let minimumLoss = record["minimum_loss"].flatMap(Double.init(value:)),
              let accuracy = record["accuracy"].flatMap(Double.init(value:)),
              let pretrainingSteps = record["pretraining_steps"].flatMap(Int.init(value:)),
              case .boolean(let converged)? = record["converged"],
              let parameterCount = record["parameters"].flatMap(Int.init(value:)),
              let eigenvalues = reals("eigenvalues"), !eigenvalues.isEmpty,
              let stepSize = reals("step_size"), let stride = reals("record_stride"), let burnIn = reals("burn_in_time"),
              let losses = matrix("losses"), let activePoints = matrix("active_points"), let curvatures = matrix("curvatures"),
              let chainAccuracy = reals("chain_accuracy"), let harmonicDimension = reals("harmonic_d"),
              let traceTimes = matrix("trace_times"), let traceLosses = matrix("trace_losses"),
              case let count = sweep.temperatures.count,
              [stepSize.count, stride.count, burnIn.count, losses.rows, activePoints.rows, curvatures.rows, chainAccuracy.count,
               harmonicDimension.count, traceTimes.rows, traceLosses.rows].allSatisfy({ $0 == count }),
              activePoints.columns == TemperatureSweep.activeThresholds.count, losses.columns == sweep.records,
              curvatures.columns == sweep.curvatureSamples, traceTimes.columns == traceLosses.columns,
              let ratioCounts = matrix("ratio_counts"), ratioCounts.rows == count,
              ratioCounts.columns == BoundaryModel.ratioBinEdges.count - 1 else { return nil }
        // The geometry at each window's end, when the sweep probes it.
        var geometry: [SampledGeometry?] = Array(repeating: nil, count: count)
        if sweep.probeSteps > 0 {
            guard let eigenvalues = matrix("sampled_eigenvalues"), let spreads = matrix("spreads"), let spectra = matrix("spectra"),
                  let above = reals("count_above_t"), eigenvalues.rows == count, spreads.rows == count, spectra.rows == count,
                  above.count == count else { return nil }
            geometry = (0..<count).map { j in
                SampledGeometry(temperature: sweep.temperatures[j], eigenvalues: eigenvalues.row(j), spreads: spreads.row(j),
                                spectrum: spectra.row(j), countAboveTemperature: above[j])
            }
        }
        let measurements = sweep.temperatures.indices.map { j in
            TemperatureSweep.Measurement(
                points: points, temperature: sweep.temperatures[j], stepSize: stepSize[j], recordStride: Int(stride[j]),
                burnInTime: burnIn[j], losses: losses.row(j), minimumLoss: minimumLoss, activePoints: activePoints.row(j),
                curvatures: curvatures.row(j), accuracy: chainAccuracy[j], harmonicDimension: harmonicDimension[j],
                traceTimes: traceTimes.row(j), traceLosses: traceLosses.row(j), ratioCounts: ratioCounts.row(j), geometry: geometry[j])
        }
        return SizeSweep(minimumLoss: minimumLoss, accuracy: accuracy, pretrainingSteps: pretrainingSteps, converged: converged,
                         parameterCount: parameterCount, eigenvalues: eigenvalues, measurements: measurements)
    }
}
