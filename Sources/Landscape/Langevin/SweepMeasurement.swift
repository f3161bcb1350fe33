import Foundation

extension TemperatureSweep {
    /// One chain: dataset size N at temperature T, its window fixed in Langevin time.
    public struct Measurement: Sendable {
        public let points: Int
        public let temperature: Double
        /// η after adaptation, and the steps between the window's records.
        public let stepSize: Double
        public let recordStride: Int
        /// The Langevin time at the start of the window.
        public let burnInTime: Double
        /// The loss at the window's records.
        public let losses: [Double]
        public let fluctuations: FluctuationDimension
        /// The estimates over the first and the second half of the window.
        public let halves: [FluctuationDimension]
        /// The mean number of points with ℓ_i/N > T/k over the window's records, for each k of
        /// `activeThresholds`.
        public let activePoints: [Double]
        /// λ_max at the end of each equal part of the window.
        public let curvatures: [Double]
        /// The training accuracy at the end of the window.
        public let accuracy: Double
        /// The quadratic approximation's D_stiff averaged over the window's records (⟨ΔL⟩ =
        /// D_stiff T/2), or NaN without the whole spectrum at the minimum.
        public let harmonicDimension: Double
        /// The loss along the whole chain, thinned, and the Langevin times of its points.
        public let traceTimes: [Double]
        public let traceLosses: [Double]
        /// How many per-point ratios s = c_i/T fell in each bin of `BoundaryModel.ratioBinEdges`,
        /// over all points and records of the window.
        public let ratioCounts: [Double]
        /// The geometry at the window's end, when the sweep probes it.
        public let geometry: SampledGeometry?

        /// The measurement of a chain from what it recorded: D_mean and D_var over the window
        /// and its halves, with ΔL = L − L0 for the minimum's loss L0 = `minimumLoss`.
        public init(points: Int, temperature: Double, stepSize: Double, recordStride: Int, burnInTime: Double,
                    losses: [Double], minimumLoss: Double, activePoints: [Double], curvatures: [Double], accuracy: Double,
                    harmonicDimension: Double, traceTimes: [Double], traceLosses: [Double], ratioCounts: [Double] = [],
                    geometry: SampledGeometry? = nil) {
            self.points = points
            self.temperature = temperature
            self.stepSize = stepSize
            self.recordStride = recordStride
            self.burnInTime = burnInTime
            self.losses = losses
            fluctuations = FluctuationDimension(losses: losses, temperature: temperature, minimumLoss: minimumLoss)
            halves = FluctuationDimension.successiveWindows(2, of: losses, temperature: temperature, minimumLoss: minimumLoss)
            self.activePoints = activePoints
            self.curvatures = curvatures
            self.accuracy = accuracy
            self.harmonicDimension = harmonicDimension
            self.traceTimes = traceTimes
            self.traceLosses = traceLosses
            self.ratioCounts = ratioCounts
            self.geometry = geometry
        }

        /// The Langevin time between records, and the window's: records × that.
        public var recordInterval: Double { stepSize * Double(recordStride) }
        public var windowTime: Double { recordInterval * Double(losses.count) }

        /// τ_int of ΔL in Langevin time.
        public var correlationTime: Double { fluctuations.meanExcess.correlationTime * recordInterval }

        /// λ_max averaged over the window's parts, and the largest η·λ_max among them.
        public var meanCurvature: Double { curvatures.reduce(0, +) / Double(curvatures.count) }
        public var largestStepCurvature: Double { stepSize * (curvatures.max() ?? .nan) }

        /// The drift of ⟨ΔL⟩ within the window: (second half − first half) / whole window.
        public var drift: Double {
            (halves[1].meanExcess.value - halves[0].meanExcess.value) / fluctuations.meanExcess.value
        }

        /// D_var/D_mean with D_var measured within windows of 1/`pieces` of this one, for each of
        /// `pieces`: see `FluctuationDimension.varianceRatio`.
        public func varianceRatios(pieces: [Int]) -> [Double] {
            pieces.map { fluctuations.varianceRatio(of: losses, pieces: $0) }
        }

        /// The boundary model's D_mean ≈ n_active(k)·2/E1(1/k), for each k of `activeThresholds`.
        public var boundaryModelDimensions: [Double] {
            zip(activePoints, TemperatureSweep.activeThresholds).map { $0 * BoundaryModel.dimensionPerActivePoint(k: $1) }
        }

        /// The harmonic null's D_mean ≈ n_active(k)/erfc(√(1/k)) (`BoundaryModel.harmonicDimensionPerActivePoint`).
        public var harmonicNullDimensions: [Double] {
            zip(activePoints, TemperatureSweep.activeThresholds).map { $0 * BoundaryModel.harmonicDimensionPerActivePoint(k: $1) }
        }
    }
}
