import Foundation
import Synchronization

/// A Langevin temperature sweep in the low-loss region of a network that memorises random labels
/// (the setting of Jules, Brener, Kachman, Levi and Bar-Sinai, arXiv 2304.01335).
///
/// For each dataset size N: N points x ~ N(0, I_d) with labels uniform over C classes (or N rows of
/// a given dataset), a network with two tanh hidden layers of width w (P parameters), and the mean
/// softmax cross-entropy L(θ).
/// Adam trains it to 100 % training accuracy and on until L0 = L(θ0) ≤ `minimumLossFraction` · T_min.
/// From θ0 one chain per temperature T runs overdamped Langevin dynamics (Leimkuhler–Matthews
/// steps, stationary density ∝ exp(−L/T)), its phases fixed in Langevin time s = Σ η, not in steps:
/// - burn-in of Langevin time `burnIn`: its first half at η₀, then η ← min(η₀, c/λ_max) with λ_max
///   the top Hessian eigenvalue there (Lanczos on exact Hessian-vector products), its second half at η;
/// - a measurement window of Langevin time `window` (to within one record stride), holding
///   `records` equally spaced records of the loss;
/// - D_mean and D_var of the window (`FluctuationDimension`, error bars from τ_int), of its two
///   halves (stationarity) and over sub-windows of 1/2, 1/4 and 1/8 of its length;
/// - the active points: point i contributes c_i = ℓ_i/N to L, and it is active when c_i > T/k; the
///   count at each record, averaged over the window, for k = 2 and k = 10;
/// - λ_max at the end of each of `curvatureSamples` equal parts of the window, and the training
///   accuracy at its end;
/// - the per-point ratios s = c_i/T at every record, counted in `BoundaryModel.ratioBinEdges`;
/// - with `probeSteps` > 0, the geometry at the window's end θ_T (`SampledGeometry`): the top
///   `probeDirections` Hessian eigenpairs there, the variance of θ along each eigenvector over a
///   probe of `probeSteps` more steps of the same chain (after everything above is measured, so
///   it changes none of it), and the whole spectrum there when P ≤ `denseSpectrumLimit`.
///
/// With `weightDecay` α > 0 the loss is U = L + (α/2)|θ|², whose Gibbs measure is normalisable: a
/// control with a true equilibrium. Pre-training then minimises U (Adam for `maximumPretrainingSteps`,
/// then gradient descent at η = 1/λ_max), and every loss above (L0, the records) is U.
///
/// The harmonic approximation at θ0 (`HarmonicPrediction`, from the whole Hessian spectrum there)
/// predicts λ_max independent of T and ⟨ΔL⟩ = D_stiff T/2 with D_stiff averaged over the Langevin
/// times of the window's records; the boundary model (our reconstruction, `BoundaryModel`) predicts D_mean ≈ n_active(k)·2/E1(1/k).
///
/// Everything is a function of the setup and its seed: the datasets, initial parameters and chains
/// draw from child streams keyed by (N, temperature index), so any thread budget gives the same
/// bytes; independent replicates are sweeps with different seeds.
public struct TemperatureSweep: Sendable {
    public var points: [Int]
    public var dimension: Int
    public var classes: Int
    public var width: Int
    public var temperatures: [Double]
    /// Langevin time of the burn-in and of the measurement window.
    public var burnIn: Double
    public var window: Double
    /// Records of the loss in the measurement window, equally spaced in steps (and so in time).
    public var records: Int
    /// η₀, the step size before and the largest after adaptation.
    public var stepSize: Double
    /// c in η ← min(η₀, c/λ_max); nil keeps η₀.
    public var adaptiveStepCurvature: Double? = 0.05
    /// λ_max is computed at the end of each of this many equal parts of the window.
    public var curvatureSamples = 4
    /// Pre-training stops once L0 ≤ this fraction of the lowest temperature (and accuracy is 100 %).
    public var minimumLossFraction = 0.01
    public var pretrainingRate = 0.01
    public var maximumPretrainingSteps = 200_000
    /// The largest P for which the whole Hessian spectrum at each minimum is computed (P products
    /// and a dense P × P eigensolver); above it the harmonic prediction keeps only the top
    /// eigenvalues (Lanczos) and D_stiff is not available.
    public var denseSpectrumLimit = 4000
    /// Top Hessian eigenvalues computed by Lanczos at a minimum above `denseSpectrumLimit`.
    public var harmonicEigenvalueCount = 10
    /// α of the weight decay (α/2)|θ|² added to the loss (0: none).
    public var weightDecay = 0.0
    /// Steps of the probe that measures the spread along the top Hessian eigenvectors at the
    /// window's end (0: no probe and no spectrum there), and how many eigenvectors.
    public var probeSteps = 0
    public var probeDirections = 4
    /// Eigenvalues of the whole spectrum at θ_T kept in `SampledGeometry.spectrum`.
    public static let keptSpectrum = 100
    /// Gradient-descent steps that finish pre-training with weight decay.
    public static let polishSteps = 2000
    public var seed: UInt64
    /// A given training set instead of random data: each size N trains on N of its rows drawn at
    /// random (`Dataset.sample`; all of them, in order, when N is its row count), with its own input
    /// dimension and classes in place of `dimension` and `classes`. nil: N Gaussian points with
    /// random labels per size.
    public var data: Dataset?

    /// The thresholds k of the active-point counts (c_i > T/k).
    public static let activeThresholds: [Double] = [2, 10]
    /// Points of each chain's loss trace: the first half of the burn-in, then the rest.
    public static let traceLength = (first: 100, rest: 300)

    public init(points: [Int], dimension: Int, classes: Int, width: Int, temperatures: [Double], burnIn: Double,
                window: Double, records: Int, stepSize: Double, seed: UInt64) {
        precondition(!points.isEmpty && !temperatures.isEmpty && temperatures.allSatisfy { $0 > 0 },
                     "a sweep needs dataset sizes and positive temperatures")
        precondition(burnIn > 0 && window > 0 && records >= 16 && stepSize > 0, "the window holds at least 16 records")
        self.points = points; self.dimension = dimension; self.classes = classes; self.width = width
        self.temperatures = temperatures; self.burnIn = burnIn; self.window = window; self.records = records
        self.stepSize = stepSize; self.seed = seed
    }

    /// `count` temperatures log-spaced from `lowest` to `highest`: T_j = lowest·(highest/lowest)^{j/(count−1)}.
    public static func logSpaced(from lowest: Double, to highest: Double, count: Int) -> [Double] {
        precondition(lowest > 0 && highest >= lowest && count >= 1, "need 0 < lowest ≤ highest and count ≥ 1")
        guard count > 1 else { return [lowest] }
        let ratio = highest / lowest
        return (0..<count).map { j in j == count - 1 ? highest : lowest * pow(ratio, Double(j) / Double(count - 1)) }
    }

    /// The pre-trained network of one dataset size.
    public struct Minimum: Sendable {
        public let loss: NetworkLoss
        /// θ0 and L0 = L(θ0).
        public let parameters: [Double]
        public let value: Double
        public let accuracy: Double
        public let pretrainingSteps: Int
        /// Whether pre-training reached 100 % accuracy and L0 ≤ fraction · T_min within its budget.
        public let converged: Bool
        /// The quadratic approximation at θ0: the whole Hessian spectrum there when P ≤
        /// `denseSpectrumLimit`, else its top eigenvalues only.
        public let harmonic: HarmonicPrediction
        /// Whether `harmonic` holds the whole spectrum (D_stiff is available).
        public let wholeSpectrum: Bool
    }

    public struct Result: Sendable {
        /// One per dataset size, in the order of `points` (of `run(size:)`: the one size).
        public let minima: [Minimum]
        /// N-major: all temperatures of the first size, then the next.
        public let measurements: [Measurement]
    }

    /// Runs the sweep on `threads`; `progress` receives the fraction of chains done, from whichever
    /// thread ran them.
    public func run(threads: ThreadBudget = .serial, progress: @escaping @Sendable (Double) -> Void = { _ in }) -> Result {
        let root = SeededGenerator(seed: seed)
        let minima = deterministicMap(count: points.count, threads: threads) { pretrain(points: points[$0], root: root) }
        let total = Double(points.count * temperatures.count)
        let done = StepCounter()
        let measurements = deterministicMap(count: points.count * temperatures.count, threads: threads) { item in
            let (s, j) = item.quotientAndRemainder(dividingBy: temperatures.count)
            let measurement = measure(minimum: minima[s], temperature: j, root: root)
            progress(Double(done.add(1)) / total)
            return measurement
        }
        return Result(minima: minima, measurements: measurements)
    }

    /// The sweep of dataset size `points[index]` alone: its minimum and its chains, one per
    /// temperature, each the same to the last bit as in `run` (their seeds are keyed by N and the
    /// temperature index), so the sizes can run apart and be put together.
    public func run(size index: Int, threads: ThreadBudget = .serial) -> Result {
        let root = SeededGenerator(seed: seed)
        let minimum = pretrain(points: points[index], root: root)
        let measurements = deterministicMap(count: temperatures.count, threads: threads) { j in
            measure(minimum: minimum, temperature: j, root: root)
        }
        return Result(minima: [minimum], measurements: measurements)
    }

    /// Data, network and Adam pre-training for N points.
    func pretrain(points n: Int, root: SeededGenerator) -> Minimum {
        precondition(data.map { given in given.labels != nil && n <= given.count } ?? true,
                     "a given dataset has labels and at least N rows")
        var dataSeed = root.child(1).child(n), networkSeed = root.child(2).child(n), lanczosSeed = root.child(4).child(n)
        let data = self.data.map { $0.sample(n, seed: dataSeed.next()) }
            ?? Dataset.randomLabels(count: n, dimension: dimension, classes: classes, seed: dataSeed.next())
        let network = MultilayerPerceptron(inputs: data.dimension, hidden: [width, width], outputs: data.outputWidth, activation: .tanh)
        let loss = NetworkLoss(network: network, data: data, function: .softmaxCrossEntropy, weightDecay: weightDecay)
        let workspace = loss.makeWorkspace()
        var theta = network.initialParameters(seed: networkSeed.next())
        var adam = Adam(learningRate: pretrainingRate)
        let target = minimumLossFraction * temperatures.min()!
        let chunk = 500
        var step = 0, converged = false
        while step < maximumPretrainingSteps {
            loss.iterate(&theta, with: &adam, steps: step..<(step + chunk), workspace: workspace)
            step += chunk
            if weightDecay == 0 && loss.accuracy(at: theta, workspace: workspace) == 1 && loss.value(at: theta, workspace: workspace) <= target {
                converged = true
                break
            }
        }
        if weightDecay > 0 {  // U has a minimum: Adam's budget, then gradient descent at 1/λ_max settles into it.
            let top = loss.hessianSpectrum(at: theta, count: 1, seed: lanczosSeed.next(), tolerance: 1e-6, workspace: workspace).eigenvalues[0]
            var descent = MomentumDescent(learningRate: 1 / top, momentum: 0)
            loss.iterate(&theta, with: &descent, steps: 0..<Self.polishSteps, workspace: workspace)
            converged = true
        }
        let p = network.parameterCount, wholeSpectrum = p <= denseSpectrumLimit
        let eigenvalues = wholeSpectrum
            ? loss.hessianEigenvalues(at: theta, workspace: workspace)
            : loss.hessianSpectrum(at: theta, count: min(harmonicEigenvalueCount, p), seed: lanczosSeed.next(),
                                   tolerance: 1e-6, workspace: workspace).eigenvalues
        return Minimum(loss: loss, parameters: theta, value: loss.value(at: theta, workspace: workspace),
                       accuracy: loss.accuracy(at: theta, workspace: workspace), pretrainingSteps: step,
                       converged: converged, harmonic: HarmonicPrediction(eigenvalues: eigenvalues),
                       wholeSpectrum: wholeSpectrum)
    }

    /// The chain from `minimum` at temperature `temperatures[j]`, seeded by N and j;
    func measure(minimum: Minimum, temperature j: Int, root: SeededGenerator) -> Measurement {
        let loss = minimum.loss, n = loss.data.count, temperature = temperatures[j]
        var chainSeeds = root.child(3).child(n).child(j)
        let chainSeed = chainSeeds.next()
        let workspace = loss.makeWorkspace()
        var theta = minimum.parameters
        var rule = OverdampedLangevin(stepSize: stepSize, temperature: temperature, seed: chainSeed,
                                      discretisation: .leimkuhlerMatthews)
        var lanczos = SeededGenerator(seed: chainSeed).child(-1)
        func topEigenvalue() -> Double {
            loss.hessianSpectrum(at: theta, count: 1, seed: lanczos.next(), tolerance: 1e-6, workspace: workspace).eigenvalues[0]
        }
        // The first half of the burn-in at η₀, then η adapted to the curvature there.
        let first = max(1, Int((burnIn / 2 / stepSize).rounded(.up)))
        var firstTrace: [Double] = []
        loss.iterate(&theta, with: &rule, steps: 0..<first, workspace: workspace) { _, value, _ in
            firstTrace.append(value)
        }
        if let c = adaptiveStepCurvature, case let top = topEigenvalue(), top > 0 { rule.stepSize = min(stepSize, c / top) }
        let eta = rule.stepSize
        let stride = max(1, Int((window / eta / Double(records)).rounded()))
        let second = max(1, Int((burnIn / 2 / eta).rounded(.up)))
        let windowStart = first + second, windowSteps = stride * records
        var losses: [Double] = [], restTimes: [Double] = [], restTrace: [Double] = [], curvatures: [Double] = []
        var active = [Double](repeating: 0, count: Self.activeThresholds.count)
        losses.reserveCapacity(records)
        let thresholds = Self.activeThresholds.map { Double(n) * temperature / $0 }  // ℓ_i > N T/k
        var ratioCounts = [Double](repeating: 0, count: BoundaryModel.ratioBinEdges.count - 1)
        // The record of step t is at θ_t: the window's records are steps windowStart + r·stride, r < records;
        // λ_max is taken at the end of each of the window's equal parts.
        let ends = [windowStart] + (1...curvatureSamples).map { windowStart + $0 * windowSteps / curvatureSamples }
        var step = first
        for (part, end) in ends.enumerated() {
            loss.iterate(&theta, with: &rule, steps: step..<end, workspace: workspace) { t, value, _ in
                guard (t - (t < windowStart ? first : windowStart)) % stride == 0 else { return }
                restTimes.append(stepSize * Double(first) + eta * Double(t - first))
                restTrace.append(value)
                guard t >= windowStart else { return }
                losses.append(value)
                for (k, threshold) in thresholds.enumerated() {
                    for i in 0..<n where workspace.perExample[i] > threshold { active[k] += 1 }
                }
                for i in 0..<n {
                    if let bin = BoundaryModel.ratioBin(workspace.perExample[i] / (Double(n) * temperature)) { ratioCounts[bin] += 1 }
                }
            }
            if part > 0 { curvatures.append(topEigenvalue()) }
            step = end
        }
        let accuracy = loss.accuracy(at: theta, workspace: workspace)
        let geometry = probeSteps > 0 ? sampledGeometry(loss: loss, at: theta, rule: &rule, from: step, seed: lanczos.next()) : nil
        let burnInTime = stepSize * Double(first) + eta * Double(second)
        let times = (0..<records).map { burnInTime + eta * Double($0 * stride) }
        let trace = Self.thinned(firstTrace.indices.map { stepSize * Double($0) }, firstTrace, to: Self.traceLength.first)
        let restThinned = Self.thinned(restTimes, restTrace, to: Self.traceLength.rest)
        return Measurement(
            points: n, temperature: temperature, stepSize: eta, recordStride: stride, burnInTime: burnInTime, losses: losses,
            minimumLoss: minimum.value, activePoints: active.map { $0 / Double(records) }, curvatures: curvatures,
            accuracy: accuracy,
            harmonicDimension: minimum.wholeSpectrum ? minimum.harmonic.stiffDimension(times: times) : .nan,
            traceTimes: trace.times + restThinned.times, traceLosses: trace.values + restThinned.values,
            ratioCounts: ratioCounts, geometry: geometry)
    }

    /// The geometry at θ_T = `theta`, the chain's point after step `step` − 1: the top
    /// `probeDirections` Hessian eigenpairs there, the variance of θ along each eigenvector over
    /// `probeSteps` further steps of `rule` from `step`, and the whole spectrum at θ_T when P ≤
    /// `denseSpectrumLimit`.
    func sampledGeometry(loss: NetworkLoss, at theta: [Double], rule: inout OverdampedLangevin, from step: Int,
                         seed: UInt64) -> SampledGeometry {
        let workspace = loss.makeWorkspace(), p = loss.network.parameterCount
        let top = loss.hessianSpectrum(at: theta, count: min(probeDirections, p), seed: seed, tolerance: 1e-6, workspace: workspace)
        var spread = ProjectedSpread(origin: theta, directions: top.eigenvectors)
        var probe = theta
        loss.iterate(&probe, with: &rule, steps: step..<(step + probeSteps), workspace: workspace) { _, _, point in spread.add(point) }
        spread.add(probe)
        let whole = p <= denseSpectrumLimit ? loss.hessianEigenvalues(at: theta, workspace: workspace) : []
        return SampledGeometry(temperature: rule.temperature, eigenvalues: top.eigenvalues, spreads: spread.variances,
                               spectrum: Array(whole.prefix(Self.keptSpectrum)),
                               countAboveTemperature: whole.isEmpty ? .nan : Double(whole.filter { $0 > rule.temperature }.count))
    }

    /// `count` points of the series (`times`, `values`), equally spaced in index, first and last
    /// included (all of them, repeated at the end, when there are fewer).
    static func thinned(_ times: [Double], _ values: [Double], to count: Int) -> (times: [Double], values: [Double]) {
        let picks = (0..<count).map { min(times.count - 1, count == 1 ? 0 : $0 * (times.count - 1) / (count - 1)) }
        return (picks.map { times[$0] }, picks.map { values[$0] })
    }
}

/// Chains done across a sweep, for progress.
private final class StepCounter: Sendable {
    private let steps = Atomic<Int>(0)

    /// Adds `k` and returns the new total.
    func add(_ k: Int) -> Int { steps.wrappingAdd(k, ordering: .relaxed).newValue }
}
