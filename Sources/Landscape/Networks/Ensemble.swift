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
                momentum: Double = 0, epochs: Int, targetLoss: Double? = nil, stepBudget: Int? = nil) {
        precondition(train.labels != nil && test.labels != nil, "the ensemble classifies: integer labels")
        precondition(batchSize > 0 && epochs >= 0 && learningRate > 0 && (stepBudget ?? 0) >= 0,
                     "positive batch size and learning rate")
        self.network = network; self.train = train; self.test = test
        self.batchSize = batchSize; self.learningRate = learningRate; self.momentum = momentum
        self.epochs = epochs; self.targetLoss = targetLoss; self.stepBudget = stepBudget
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

    /// One replica trained from seed s_r.
    public func trainReplica(seed: UInt64) -> Replica {
        let root = SeededGenerator(seed: seed)
        let trainLoss = trainingLoss, testLoss = testLoss
        var theta = network.initialParameters(seed: root.child(0).seedValue, scheme: .he)
        var rule = MomentumDescent(learningRate: learningRate, momentum: momentum)
        let batches = BatchSchedule.shuffled(size: batchSize, seed: root.child(1).seedValue)
        let perEpoch = stepsPerEpoch
        let batchWorkspace = trainLoss.makeWorkspace(batchSize: min(batchSize, train.count))
        let fullWorkspace = NetworkWorkspace(network: network, rows: max(train.count, test.count))
        let size = min(batchSize, train.count), lastSize = train.count - (perEpoch - 1) * size
        let budget = stepBudget ?? epochs * perEpoch
        var history: [Double] = [], steps = 0
        while steps < budget {
            var total = 0.0, seen = 0
            trainLoss.iterate(&theta, with: &rule, steps: steps..<min(steps + perEpoch, budget),
                              batches: batches, workspace: batchWorkspace) { t, loss, _ in
                let rows = t % perEpoch == perEpoch - 1 ? lastSize : size
                total += loss * Double(rows)
                seen += rows
            }
            steps = min(steps + perEpoch, budget)
            history.append(total / Double(seen))
            if let target = targetLoss, history.last! <= target { break }
        }
        let finalTrainLoss = trainLoss.value(at: theta, workspace: fullWorkspace)
        return Replica(seed: seed, parameters: theta, history: history, steps: steps,
                       trainLoss: finalTrainLoss, testLoss: testLoss.value(at: theta, workspace: fullWorkspace),
                       trainAccuracy: trainLoss.accuracy(at: theta, workspace: fullWorkspace),
                       testAccuracy: testLoss.accuracy(at: theta, workspace: fullWorkspace))
    }
}
