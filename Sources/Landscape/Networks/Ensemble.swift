/// M replicas of one network trained independently on one dataset by mini-batch SGD: the ensembles
/// the spin-glass protocols read (overlaps, dendrograms, barriers, flatness).
///
/// Replica r draws everything from its own seed s_r = child r of the ensemble's seed: He-normal
/// initial weights from child 0 of s_r, the epochs' shuffles from child 1. Replicas are trained on
/// `threads` with `deterministicMap`, so the result is the same for any thread count. Each replica
/// runs `MomentumDescent` (u ← μ u + g, θ ← θ − η u; μ = 0 is plain SGD) on the softmax
/// cross-entropy over mini-batches of `batchSize` rows, for `epochs` epochs (or `stepBudget` steps)
/// or until an epoch's training loss reaches `targetLoss`. An epoch's loss is the mean over its examples of the loss
/// each mini-batch had when its gradient was taken (free to record, as PyTorch users log it; it
/// lags the loss at the epoch's end); the final training loss is evaluated over all examples.
/// Training runs in `precision` (Float64 by default, or Float32 with `sgemm`); the trained θ and
/// every loss and accuracy reported are Float64.
public struct NetworkEnsemble: Sendable {
    public let network: MultilayerPerceptron
    public let train: Dataset, test: Dataset
    public var batchSize: Int
    public var learningRate: Double
    public var momentum: Double
    public var epochs: Int
    /// Stop a replica at the end of the first epoch whose training loss is at most this (nil: never).
    public var targetLoss: Double?
    /// Train for exactly this many SGD steps instead of `epochs` epochs (the last epoch may be
    /// partial), so that batch sizes can be compared at equal steps (nil: `epochs` epochs).
    public var stepBudget: Int?
    /// When set, every replica starts from the He-normal weights drawn from this seed instead of
    /// child 0 of its own seed: the replicas then differ only in the order of their mini-batches.
    public var sharedInitialisation: UInt64?
    /// The arithmetic of training (Float64 unless asked); results are always evaluated in Float64.
    public let precision: Precision
    /// The training set rounded to Float, for `.float32`.
    private let float32Samples: NetworkSamples<Float>?

    /// One trained replica.
    public struct Replica: Sendable, Hashable {
        /// s_r, from which its initial weights and batches are drawn.
        public let seed: UInt64
        /// The trained parameters θ.
        public let parameters: [Double]
        /// Each epoch's training loss: its mini-batches' losses, weighted by their sizes (the count is
        /// the number of epochs run, a partial last one included).
        public let history: [Double]
        /// SGD steps taken.
        public let steps: Int
        public let trainLoss: Double, testLoss: Double, trainAccuracy: Double, testAccuracy: Double
    }

    /// Replicas of `network` (one hidden layer of ReLU units in the spin-glass setup) trained on
    /// `train` and evaluated on `test`, both with integer labels.
    public init(network: MultilayerPerceptron, train: Dataset, test: Dataset, batchSize: Int, learningRate: Double,
                momentum: Double = 0, epochs: Int, targetLoss: Double? = nil, stepBudget: Int? = nil,
                precision: Precision = .float64) {
        precondition(train.labels != nil && test.labels != nil, "the ensemble classifies: integer labels")
        precondition(batchSize > 0 && epochs >= 0 && learningRate > 0 && (stepBudget ?? 0) >= 0,
                     "positive batch size and learning rate")
        self.network = network; self.train = train; self.test = test
        self.batchSize = batchSize; self.learningRate = learningRate; self.momentum = momentum
        self.epochs = epochs; self.targetLoss = targetLoss; self.stepBudget = stepBudget
        self.precision = precision
        float32Samples = precision == .float32 ? NetworkSamples(converting: train) : nil
    }

    /// The training loss (softmax cross-entropy over the training set).
    public var trainingLoss: NetworkLoss { NetworkLoss(network: network, data: train, function: .softmaxCrossEntropy) }
    /// The same loss over the test set.
    public var testLoss: NetworkLoss { NetworkLoss(network: network, data: test, function: .softmaxCrossEntropy) }

    /// s_r: the seed of replica `index` in an ensemble seeded with `seed`.
    public static func replicaSeed(_ index: Int, of seed: UInt64) -> UInt64 {
        SeededGenerator(seed: seed).child(index).seedValue
    }

    /// SGD steps per epoch, ⌈N / B⌉ (B capped at N).
    public var stepsPerEpoch: Int {
        let size = min(batchSize, train.count)
        return (train.count + size - 1) / size
    }

    /// Replicas 0..<count trained on `threads` (the result does not depend on the thread count).
    public func train(replicas count: Int, seed: UInt64, threads: ThreadBudget = .serial,
                      progress: @Sendable (Int) -> Void = { _ in }) -> [Replica] {
        deterministicMap(count: count, threads: threads) { r in
            defer { progress(r) }
            return trainReplica(seed: Self.replicaSeed(r, of: seed))
        }
    }

    /// One replica trained from seed s_r, in the ensemble's precision.
    public func trainReplica(seed: UInt64) -> Replica {
        switch precision {
        case .float64: trainReplica(seed: seed, samples: NetworkSamples(train))
        case .float32: trainReplica(seed: seed, samples: float32Samples!)
        }
    }

    /// The replica trained in the arithmetic of `S` on `samples` (the training set in that
    /// precision): initial weights drawn in Double and rounded, each step's rows from
    /// `ShuffledBatches`, `MomentumDescent`'s update; the trained θ is widened to Double and its
    /// losses and accuracies evaluated in Float64.
    private func trainReplica<S: NetworkScalar>(seed: UInt64, samples: NetworkSamples<S>) -> Replica {
        let root = SeededGenerator(seed: seed), loss = trainingLoss, p = network.parameterCount
        var theta = network.initialParameters(seed: sharedInitialisation ?? root.child(0).seedValue, scheme: .he).map { S($0) }
        var velocity = [S](repeating: 0, count: p), gradient = velocity
        var batches = ShuffledBatches(count: train.count, size: batchSize, seed: root.child(1).seedValue)
        let workspace = NetworkBuffers<S>(network: network, rows: batches.size, secondOrder: false, gathers: true)
        let (eta, mu) = (S(learningRate), S(momentum))
        let budget = stepBudget ?? epochs * batches.perEpoch
        var history: [Double] = [], steps = 0
        theta.withUnsafeMutableBufferPointer { t in
            velocity.withUnsafeMutableBufferPointer { u in
                gradient.withUnsafeMutableBufferPointer { g in
                    while steps < budget {
                        var total = 0.0, seen = 0
                        for step in steps..<min(steps + batches.perEpoch, budget) {
                            let rows = batches.rows(at: step)
                            let value = loss.evaluate(UnsafeBufferPointer(t), samples: samples, rows: rows, workspace: workspace,
                                                      gradient: g.baseAddress!)
                            total += Double(value) * Double(rows.count)
                            seen += rows.count
                            MomentumDescent.step(t, velocity: u, gradient: g.baseAddress!, learningRate: eta, momentum: mu)
                        }
                        steps = min(steps + batches.perEpoch, budget)
                        history.append(total / Double(seen))
                        if let target = targetLoss, history.last! <= target { break }
                    }
                }
            }
        }
        let parameters = theta.map { Double($0) }
        let full = NetworkWorkspace(network: network, rows: max(train.count, test.count), secondOrder: false, gathers: false)
        let testLoss = testLoss
        return Replica(seed: seed, parameters: parameters, history: history, steps: steps,
                       trainLoss: loss.value(at: parameters, workspace: full), testLoss: testLoss.value(at: parameters, workspace: full),
                       trainAccuracy: loss.accuracy(at: parameters, workspace: full),
                       testAccuracy: testLoss.accuracy(at: parameters, workspace: full))
    }
}
