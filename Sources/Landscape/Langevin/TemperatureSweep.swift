import Foundation
import Synchronization

/// A Langevin temperature sweep in the low-loss region of a network that memorises random labels
/// (the setting of Jules, Brener, Kachman, Levi and Bar-Sinai, arXiv 2304.01335).
///
/// For each dataset size N: N points x ~ N(0, I_d) with labels uniform over C classes (or N rows of
/// a given dataset), a network with two tanh hidden layers of width w (P parameters), and the mean
/// softmax cross-entropy L(θ).
/// Adam trains it to 100 % training accuracy and on until L0 = L(θ0) ≤ `minimumLossFraction` · T_min,
/// far below the T·D/2 any temperature adds. From θ0 one chain per temperature T runs overdamped
/// Langevin dynamics (Leimkuhler–Matthews steps, stationary density ∝ exp(−L/T)):
/// - burn-in of `burnIn` steps at η₀; halfway through, η ← min(η₀, c/λ_max) with λ_max the top
///   Hessian eigenvalue there (Lanczos on exact Hessian-vector products; η₀ stays if λ_max ≤ 0),
///   so that η·λ_max ≤ c at that point (λ_max may grow further in the window);
/// - a measurement window of `steps` steps, the loss recorded every `recordEvery` steps;
/// - D_mean and D_var of the window (`FluctuationDimension`, error bars from τ_int) and over
///   `windows` successive sub-windows;
/// - the active points: point i contributes c_i = ℓ_i/N to L, and it is active when c_i > T/k; the
///   count at each recorded step, averaged over the window, for k = 2 and k = 10;
/// - λ_max, η·λ_max and the training accuracy at the end of the window.
///
/// The harmonic approximation at θ0 (`HarmonicPrediction`, from the whole Hessian spectrum there)
/// predicts λ_max independent of T and ⟨ΔL⟩ = D_stiff T/2 with D_stiff averaged over the Langevin
/// times of the window's records; the boundary model (our reconstruction, `BoundaryModel`) predicts D_mean ≈ n_active(k)·2/E1(1/k).
///
/// Everything is a function of the setup and its seed: the datasets, initial parameters and chains
/// draw from child streams keyed by (N, temperature index), so any thread budget gives the same bytes.
public struct TemperatureSweep: Sendable {
    public var points: [Int]
    public var dimension: Int
    public var classes: Int
    public var width: Int
    public var temperatures: [Double]
    public var burnIn: Int
    public var steps: Int
    public var recordEvery: Int
    /// η₀, the step size before and the largest after adaptation.
    public var stepSize: Double
    /// c in η ← min(η₀, c/λ_max); nil keeps η₀.
    public var adaptiveStepCurvature: Double? = 0.05
    /// Successive sub-windows of the measurement window over which D is measured again.
    public var windows = 4
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
    public var seed: UInt64
    /// A given training set instead of random data: each size N trains on N of its rows drawn at
    /// random (`Dataset.sample`; all of them, in order, when N is its row count), with its own input
    /// dimension and classes in place of `dimension` and `classes`. nil: N Gaussian points with
    /// random labels per size.
    public var data: Dataset?

    /// The thresholds k of the active-point counts (c_i > T/k).
    public static let activeThresholds: [Double] = [2, 10]

    public init(points: [Int], dimension: Int, classes: Int, width: Int, temperatures: [Double], burnIn: Int,
                steps: Int, recordEvery: Int, stepSize: Double, seed: UInt64) {
        precondition(!points.isEmpty && !temperatures.isEmpty && temperatures.allSatisfy { $0 > 0 },
                     "a sweep needs dataset sizes and positive temperatures")
        precondition(burnIn >= 2 && steps >= 2 * recordEvery && recordEvery >= 1, "the window holds at least two records")
        self.points = points; self.dimension = dimension; self.classes = classes; self.width = width
        self.temperatures = temperatures; self.burnIn = burnIn; self.steps = steps; self.recordEvery = recordEvery
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

    /// One chain: dataset size N at temperature T.
    public struct Measurement: Sendable {
        public let points: Int
        public let temperature: Double
        /// η after adaptation.
        public let stepSize: Double
        /// The loss every `recordEvery` steps from step 0 (burn-in included).
        public let losses: [Double]
        /// Index of the first record of the measurement window in `losses`.
        public let windowStart: Int
        public let fluctuations: FluctuationDimension
        public let successiveWindows: [FluctuationDimension]
        /// The mean number of points with ℓ_i/N > T/k over the window's records, for each k of
        /// `activeThresholds`.
        public let activePoints: [Double]
        /// λ_max and the training accuracy at the end of the window.
        public let maximumEigenvalue: Double
        public let accuracy: Double
        /// The quadratic approximation's D_stiff averaged over the window's records (⟨ΔL⟩ =
        /// D_stiff T/2), or NaN without the whole spectrum at the minimum.
        public let harmonicDimension: Double

        /// The measurement of a chain from what it recorded: D_mean and D_var over the window
        /// `losses[windowStart...]` and over `windows` successive sub-windows of it, with ΔL = L − L0
        /// for the minimum's loss L0 = `minimumLoss`.
        public init(points: Int, temperature: Double, stepSize: Double, losses: [Double], windowStart: Int, windows: Int,
                    minimumLoss: Double, activePoints: [Double], maximumEigenvalue: Double, accuracy: Double,
                    harmonicDimension: Double) {
            self.points = points
            self.temperature = temperature
            self.stepSize = stepSize
            self.losses = losses
            self.windowStart = windowStart
            fluctuations = FluctuationDimension(losses: losses, window: windowStart..<losses.count,
                                                temperature: temperature, minimumLoss: minimumLoss)
            successiveWindows = FluctuationDimension.successiveWindows(
                windows, of: losses, in: windowStart..<losses.count, temperature: temperature, minimumLoss: minimumLoss)
            self.activePoints = activePoints
            self.maximumEigenvalue = maximumEigenvalue
            self.accuracy = accuracy
            self.harmonicDimension = harmonicDimension
        }

        /// The boundary model's D_mean ≈ n_active(k)·2/E1(1/k), for each k of `activeThresholds`.
        public var boundaryModelDimensions: [Double] {
            zip(activePoints, TemperatureSweep.activeThresholds).map { $0 * BoundaryModel.dimensionPerActivePoint(k: $1) }
        }
    }

    public struct Result: Sendable {
        /// One per dataset size, in the order of `points` (of `run(size:)`: the one size).
        public let minima: [Minimum]
        /// N-major: all temperatures of the first size, then the next.
        public let measurements: [Measurement]
    }

    /// Runs the sweep on `threads`; `progress` receives the fraction of Langevin steps done, from
    /// whichever thread ran them.
    public func run(threads: ThreadBudget = .serial, progress: @escaping @Sendable (Double) -> Void = { _ in }) -> Result {
        let root = SeededGenerator(seed: seed)
        let minima = deterministicMap(count: points.count, threads: threads) { pretrain(points: points[$0], root: root) }
        let total = Double(points.count * temperatures.count * (burnIn + steps))
        let done = StepCounter()
        let measurements = deterministicMap(count: points.count * temperatures.count, threads: threads) { item in
            let (s, j) = item.quotientAndRemainder(dividingBy: temperatures.count)
            return measure(minimum: minima[s], temperature: j, root: root) { stepsDone in
                progress(Double(done.add(stepsDone)) / total)
            }
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
            measure(minimum: minimum, temperature: j, root: root) { _ in }
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
        let loss = NetworkLoss(network: network, data: data, function: .softmaxCrossEntropy)
        let workspace = loss.makeWorkspace()
        var theta = network.initialParameters(seed: networkSeed.next())
        var adam = Adam(learningRate: pretrainingRate)
        let target = minimumLossFraction * temperatures.min()!
        let chunk = 500
        var step = 0, converged = false
        while step < maximumPretrainingSteps {
            loss.iterate(&theta, with: &adam, steps: step..<(step + chunk), workspace: workspace)
            step += chunk
            if loss.accuracy(at: theta, workspace: workspace) == 1 && loss.value(at: theta, workspace: workspace) <= target {
                converged = true
                break
            }
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
    /// `advanced(k)` is called after every k steps.
    func measure(minimum: Minimum, temperature j: Int, root: SeededGenerator, advanced: (Int) -> Void) -> Measurement {
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
        var losses: [Double] = [], active = [Double](repeating: 0, count: Self.activeThresholds.count)
        losses.reserveCapacity((burnIn + steps) / recordEvery + 1)
        let thresholds = Self.activeThresholds.map { Double(n) * temperature / $0 }  // ℓ_i > N T/k
        let report = 1000
        func run(_ range: Range<Int>) {
            loss.iterate(&theta, with: &rule, steps: range, workspace: workspace) { t, value, _ in
                if t % report == report - 1 { advanced(report) }
                guard t % recordEvery == 0 else { return }
                losses.append(value)
                guard t >= burnIn else { return }
                for (k, threshold) in thresholds.enumerated() {
                    for i in 0..<n where workspace.perExample[i] > threshold { active[k] += 1 }
                }
            }
        }
        let half = burnIn / 2
        run(0..<half)
        if let c = adaptiveStepCurvature, case let top = topEigenvalue(), top > 0 { rule.stepSize = min(stepSize, c / top) }
        run(half..<(burnIn + steps))
        let windowStart = (burnIn + recordEvery - 1) / recordEvery
        // The record of step t is at θ_t, after Langevin time s_t = Σ_{u<t} η_u: η₀ before `half`, η after.
        let times = (windowStart..<losses.count).map { r in
            let t = r * recordEvery
            return stepSize * Double(min(t, half)) + rule.stepSize * Double(max(0, t - half))
        }
        let samples = Double(losses.count - windowStart)
        return Measurement(
            points: n, temperature: temperature, stepSize: rule.stepSize, losses: losses, windowStart: windowStart,
            windows: windows, minimumLoss: minimum.value, activePoints: active.map { $0 / samples },
            maximumEigenvalue: topEigenvalue(), accuracy: loss.accuracy(at: theta, workspace: workspace),
            harmonicDimension: minimum.wholeSpectrum ? minimum.harmonic.stiffDimension(times: times) : .nan)
    }
}

/// Langevin steps done across the chains of a sweep, for progress.
private final class StepCounter: Sendable {
    private let steps = Atomic<Int>(0)

    /// Adds `k` and returns the new total.
    func add(_ k: Int) -> Int { steps.wrappingAdd(k, ordering: .relaxed).newValue }
}
