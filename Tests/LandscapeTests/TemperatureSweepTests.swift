import Foundation
import Synchronization
import Testing
@testable import Landscape

@Suite struct TemperatureSweepTests {
    /// Two small datasets, two temperatures: fast in a debug build.
    static func tinySweep() -> TemperatureSweep {
        TemperatureSweep(points: [12, 16], dimension: 3, classes: 2, width: 4, temperatures: [1e-3, 1e-2],
                         burnIn: 20, window: 40, records: 40, stepSize: 0.1, seed: 17)
    }

    static let serial = tinySweep().run(threads: .serial)

    /// The grid's ends are the given temperatures and successive ratios are all (T_max/T_min)^{1/(n−1)}.
    @Test func logSpacedTemperatures() {
        let grid = TemperatureSweep.logSpaced(from: 1e-5, to: 1e-2, count: 4)
        #expect(grid.first == 1e-5 && grid.last == 1e-2)
        for j in 1..<grid.count { #expect(abs(grid[j] / grid[j - 1] - 10) < 1e-12) }
        #expect(TemperatureSweep.logSpaced(from: 0.5, to: 2, count: 1) == [0.5])
    }

    /// Pre-training reaches 100 % accuracy with L0 at most 1 % of T_min; every chain returns finite
    /// statistics of the declared shapes, and the boundary model's D is the active counts times
    /// 2/E1(1/k), with E1(1/2) = 0.5597736 and E1(1/10) = 1.8229240 from Abramowitz & Stegun's table 5.1.
    @Test func tinySweepReturnsFiniteValuesOfTheDeclaredShapes() {
        let result = Self.serial
        #expect(result.minima.count == 2 && result.measurements.count == 4)
        for minimum in result.minima {
            #expect(minimum.converged && minimum.accuracy == 1 && minimum.value <= 1e-5)
            let p = minimum.loss.network.parameterCount
            #expect(minimum.wholeSpectrum && minimum.harmonic.eigenvalues.count == p && minimum.harmonic.eigenvalues.allSatisfy { $0.isFinite })
        }
        for (i, m) in result.measurements.enumerated() {
            #expect(m.points == [12, 16][i / 2] && m.temperature == [1e-3, 1e-2][i % 2])
            // The window holds its records and lasts the Langevin time asked for, to within half a step per record.
            #expect(m.losses.count == 40 && m.halves.count == 2 && m.curvatures.count == 4)
            #expect(abs(m.windowTime - 40) <= 0.5 * m.stepSize * 40 + 1e-12)
            #expect(m.halves[0].window == 0..<20 && m.halves[1].window == 20..<40)
            // The burn-in: half its time at η₀ (whole steps, rounded up), half at η.
            #expect(m.burnInTime >= 20 && m.burnInTime <= 20 + 0.1 + m.stepSize)
            #expect(m.traceTimes.count == 400 && zip(m.traceTimes, m.traceTimes.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(abs(m.traceTimes.last! - (m.burnInTime + m.windowTime - m.recordInterval)) <= 1e-9)
            let values = [m.fluctuations.meanExcess.value, m.fluctuations.meanExcess.standardError,
                          m.fluctuations.lossVariance.value, m.meanCurvature, m.stepSize, m.drift] + m.activePoints
            #expect(values.allSatisfy { $0.isFinite })
            #expect(m.stepSize <= 0.1 && m.curvatures.allSatisfy { $0 > 0 })
            #expect(abs(m.meanCurvature - m.curvatures.reduce(0, +) / 4) <= 1e-15 * m.meanCurvature)
            #expect(m.largestStepCurvature == m.stepSize * m.curvatures.max()!)
            #expect(m.harmonicDimension >= 0 && m.harmonicDimension <= Double(result.minima[0].loss.network.parameterCount))
            #expect(m.activePoints[0] <= m.activePoints[1] && m.activePoints[1] <= Double(m.points))
            #expect(abs(m.boundaryModelDimensions[0] - 2 / 0.5597736 * m.activePoints[0]) <= 1e-6 * m.activePoints[0])
            #expect(abs(m.boundaryModelDimensions[1] - 2 / 1.8229240 * m.activePoints[1]) <= 1e-6 * m.activePoints[1])
            // The harmonic null: P(|Z| > 1) = 0.3173105078629141 is the activity of a Gamma(1/2) point at k = 2.
            #expect(abs(m.harmonicNullDimensions[0] - m.activePoints[0] / 0.3173105078629141) <= 1e-12 * max(1, m.activePoints[0]))
        }
    }

    /// The same sweep on a budget of two threads gives the same numbers to the last bit, and
    /// progress, reported after each chain, ends at 1.
    @Test func identicalWithOneAndTwoThreads() {
        let last = Mutex(0.0)
        let parallel = Self.tinySweep().run(threads: ThreadBudget(threads: 2, heldByCaller: 1)) { f in
            last.withLock { $0 = max($0, f) }
        }
        #expect(last.withLock { $0 } == 1)
        Self.expectIdentical(parallel.minima, parallel.measurements, Self.serial.minima, Self.serial.measurements[...])
    }

    /// Each dataset size swept alone gives its minimum and its chains of the whole sweep, to the last bit.
    @Test func eachSizeAloneGivesItsPartOfTheSweep() {
        for s in 0..<2 {
            let part = Self.tinySweep().run(size: s, threads: ThreadBudget(threads: 2, heldByCaller: 1))
            #expect(part.minima.count == 1 && part.measurements.count == 2)
            Self.expectIdentical(part.minima, part.measurements, [Self.serial.minima[s]], Self.serial.measurements[(2 * s)..<(2 * s + 2)])
        }
    }

    /// The probe at the window's end changes nothing measured before it; it returns the top
    /// eigenpairs there with positive spreads, the whole spectrum's count above T agrees with the
    /// kept top of the spectrum (when fewer than 100 eigenvalues exceed T), and the counts of
    /// s = c_i/T above the edges 1/2 and 1/10 are the active counts k = 2 and k = 10 summed over records.
    @Test func probeAndRatioCountsAgreeWithTheWindow() {
        var probed = Self.tinySweep()
        probed.probeSteps = 200
        probed.probeDirections = 3
        let result = probed.run(threads: .serial)
        Self.expectIdentical(result.minima, result.measurements, Self.serial.minima, Self.serial.measurements[...])
        for (m, plain) in zip(result.measurements, Self.serial.measurements) {
            #expect(plain.geometry == nil && m.ratioCounts == plain.ratioCounts && m.ratioCounts.count == 28)
            let g = m.geometry!
            #expect(g.eigenvalues.count == 3 && zip(g.eigenvalues, g.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(g.spreads.allSatisfy { $0 > 0 && $0.isFinite } && g.harmonicRatios.count == 3)
            let p = result.minima[0].loss.network.parameterCount
            #expect(g.spectrum.count == min(p, TemperatureSweep.keptSpectrum))
            #expect(abs(g.spectrum[0] - g.eigenvalues[0]) <= 1e-4 * g.eigenvalues[0])
            if g.countAboveTemperature < Double(g.spectrum.count) {
                #expect(g.countAboveTemperature == Double(g.spectrum.filter { $0 > m.temperature }.count))
            }
            let records = Double(m.losses.count)
            #expect(m.ratioCounts[8...].reduce(0, +) == m.activePoints[0] * records)
            #expect(m.ratioCounts[4...].reduce(0, +) == m.activePoints[1] * records)
        }
    }

    /// With weight decay the loss is U = L + (α/2)|θ|²: pre-training ends at a point where ∇U is
    /// below 10⁻³ (gradient descent has settled), and L0 is U there: the data loss plus (α/2)|θ0|².
    @Test func weightDecayPretrainsToAMinimumOfTheDecayedLoss() {
        var sweep = Self.tinySweep()
        sweep.weightDecay = 0.05
        sweep.maximumPretrainingSteps = 1000
        let result = sweep.run(size: 0)
        let minimum = result.minima[0], loss = minimum.loss
        #expect(minimum.converged && loss.weightDecay == 0.05)
        let g = loss.gradient(at: minimum.parameters)
        let gradientNorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(gradientNorm < 1e-3, "|∇U| = \(gradientNorm)")
        let decay = 0.025 * minimum.parameters.reduce(0) { $0 + $1 * $1 }
        let data = NetworkLoss(network: loss.network, data: loss.data, function: loss.function)
        #expect(abs(minimum.value - (data.value(at: minimum.parameters) + decay)) <= 1e-12 * minimum.value)
    }

    /// Expects the minima and chains to be the expected ones, bit for bit.
    static func expectIdentical(_ minima: [TemperatureSweep.Minimum], _ measurements: [TemperatureSweep.Measurement],
                                _ expectedMinima: [TemperatureSweep.Minimum], _ expected: ArraySlice<TemperatureSweep.Measurement>) {
        for (a, b) in zip(minima, expectedMinima) {
            #expect(a.parameters == b.parameters && a.harmonic == b.harmonic)
        }
        for (a, b) in zip(measurements, expected) {
            #expect(a.losses == b.losses && a.activePoints == b.activePoints && a.traceLosses == b.traceLosses)
            #expect(a.curvatures == b.curvatures && a.stepSize == b.stepSize && a.accuracy == b.accuracy)
            #expect(a.harmonicDimension == b.harmonicDimension && a.fluctuations == b.fluctuations)
        }
    }
}
