import Landscape

/// `nn-ensemble`: M replicas of a one-hidden-layer ReLU network trained by mini-batch SGD
/// (`NetworkEnsemble`), one ensemble per batch size, on a `data` table or synthetic data. Replica r
/// has the same seed (so the same initial weights) for every batch size: the batch-size comparison
/// is paired. Rows of every per-replica result are batch-size-major, replica-minor. Sharded: each
/// task trains `replicasPerTask` consecutive rows; the merge concatenates them in row order.
struct NNEnsembleDirective: ShardedDirective {
    static let name = "nn-ensemble"
    static let summary = "Replicas of a one-hidden-layer ReLU network trained by SGD from derived seeds, one ensemble per batch size: parameters, train/test loss and accuracy, learning curves."
    static let seeded = true

    enum Synthetic: String, CaseIterable, Sendable {
        case teacherStudent = "teacher-student", mixture
    }

    struct Parameters: ParameterSet {
        let data = Parameter<Table?>(optionalReference: "data", "a table to train on, such as mnist.table of a data directive: the label column holds classes 0..C−1, every other numeric column is a feature")
        let label = Parameter<String>("label", default: "", "the column of data holding the labels (empty: the last column)")
        let synthetic = Parameter<Synthetic>("synthetic", default: .mixture, "without data: teacher-student (labels: argmax of a random ReLU teacher) or mixture (Gaussian classes), from the seed")
        let divisor = Parameter<Double>("input-divisor", in: 1e-12...1e12, default: 1, "every feature is divided by this (255 for pixels)")
        let samples = Parameter<Int>("samples", in: 10...1_000_000, default: 1000, "synthetic data: examples before the split")
        let dimension = Parameter<Int>("dimension", in: 1...10_000, default: 20, "synthetic data: input dimension d")
        let classes = Parameter<Int>("classes", in: 2...100, default: 4, "synthetic data: classes C (mixture: C ≤ d)")
        let separation = Parameter<Double>("separation", in: 0...100, default: 2, "mixture: distance of each class mean from the origin, in noise standard deviations")
        let teacherWidth = Parameter<Int>("teacher-width", in: 1...1024, default: 4, "teacher-student: hidden units of the teacher")
        let testFraction = Parameter<Double>("test-fraction", in: 0.01...0.99, default: 0.2, "fraction of each class held out for testing (seeded, stratified)")
        let width = Parameter<Int>("width", in: 1...4096, default: 32, "hidden units h")
        let batchSizes = Parameter<[Int]>("batch-sizes", in: 1...1_000_000, default: [32], "mini-batch sizes B, one ensemble each")
        let learningRate = Parameter<Double>("learning-rate", in: 1e-9...100, default: 0.05, "SGD step η")
        let momentum = Parameter<Double>("momentum", in: 0...0.999, default: 0, "heavy-ball momentum μ (0: plain SGD)")
        let epochs = Parameter<Int>("epochs", in: 0...100_000, default: 20, "epochs of training (at most)")
        let targetLoss = Parameter<Double?>(optional: "target-loss", in: 0...1e6, "stop a replica after the first epoch whose training loss (as in history) is at most this")
        let steps = Parameter<Int>("steps", in: 0...100_000_000, default: 0, "train every replica for exactly this many SGD steps instead of epochs (equal steps across batch sizes; 0: epochs)")
        let replicas = Parameter<Int>("replicas", in: 1...10_000, default: 16, "replicas M per batch size")
        let sharedInitialisation = Parameter<Bool>("shared-initialisation", default: false, "every replica starts from the same initial weights (those replica 0 would draw) and differs only in its batch order")
        let precision = Parameter<Precision>("precision", default: .float64, "arithmetic of training: float64, or float32 (sgemm, about 1.7 times faster; every reported loss and accuracy is still evaluated in Float64)")
    }

    struct Results: ResultSet {
        let ensemble = Output<TrainedEnsemble>("ensemble", "everything random-walk, perm-interp and mode-path read: shape, parameters, batch sizes, the train and test data")
        let parameters = Output<Matrix>("parameters", "θ of each replica, one row each (batch-size-major); columns in MultilayerPerceptron order W₁ (h×d), b₁, W₂ (C×h), b₂")
        let inputs = Output<Int>("inputs", "input width d")
        let hidden = Output<Int>("hidden", "hidden units h")
        let outputs = Output<Int>("outputs", "classes C")
        let batchSize = Output<[Int]>("batch_size", "B of each row")
        let trainLoss = Output<[Double]>("train_loss", "training loss of each row")
        let testLoss = Output<[Double]>("test_loss", "test loss of each row")
        let trainAccuracy = Output<[Double]>("train_accuracy", "training accuracy of each row")
        let testAccuracy = Output<[Double]>("test_accuracy", "test accuracy of each row")
        let steps = Output<[Int]>("steps", "SGD steps of each row")
        let reachedTarget = Output<Int>("reached_target", "rows whose training stopped at target-loss (an epoch's loss at most it) before the epoch or step cap; 0 without target-loss")
        let history = Output<Matrix>("history", "each epoch's training loss (its mini-batches' losses as they were met), one row per replica (NaN after a replica stopped at the target loss)")
        let trainSize = Output<Int>("train_size", "training examples")
        let testSize = Output<Int>("test_size", "test examples")
        let table = Output<Table>("table", "one row per replica: batch size, seed, losses, accuracies, steps")
        let curves = FigureOutput<Results>("learning_curves", "each epoch's training loss against the SGD steps taken, every replica, coloured by batch size") {
            EnsembleFigures.learningCurves($0)
        }
    }

    /// Replicas per task.
    static let replicasPerTask = 4

    static func taskCount(_ arguments: Arguments<Parameters>) -> Int {
        (arguments.batchSizes.count * arguments.replicas + replicasPerTask - 1) / replicasPerTask
    }

    static func computeTask(_ arguments: Arguments<Parameters>, index: Int, context: ComputeContext) throws -> Record {
        let root = SeededGenerator(seed: context.seed)
        let (_, ensembles) = try setting(arguments, root: root)
        let m = arguments.replicas, replicaRoot = root.child(1).seedValue
        let first = index * replicasPerTask, rows = first..<min(first + replicasPerTask, ensembles.count * m)
        let replicas = deterministicMap(count: rows.count, threads: context.threads) { k in
            ensembles[(first + k) / m].trainReplica(seed: NetworkEnsemble.replicaSeed((first + k) % m, of: replicaRoot))
        }
        return ReplicasRecord.record(replicas)
    }

    static func merge(_ arguments: Arguments<Parameters>, tasks: [Record], context: ComputeContext) throws -> ResultRecord<Results> {
        let root = SeededGenerator(seed: context.seed)
        let (network, ensembles) = try setting(arguments, root: root)
        let (train, test) = (ensembles[0].train, ensembles[0].test)
        let replicas = try ReplicasRecord.replicas(tasks)
        let sizes = arguments.batchSizes, m = arguments.replicas, total = sizes.count * m
        guard replicas.count == total else { throw DirectiveFailure("the stored tasks hold \(replicas.count) replicas, not \(total)") }
        let rowSizes = (0..<total).map { sizes[$0 / m] }
        var results = ResultRecord<Results>()
        results.ensemble = TrainedEnsemble(network: network, parameters: replicas.parameters, batchSizes: rowSizes,
                                           train: train, test: test)
        results.parameters = replicas.parameters
        results.inputs = network.inputCount
        results.hidden = arguments.width
        results.outputs = network.outputCount
        results.batchSize = rowSizes
        results.trainLoss = replicas.trainLoss
        results.testLoss = replicas.testLoss
        results.trainAccuracy = replicas.trainAccuracy
        results.testAccuracy = replicas.testAccuracy
        results.steps = replicas.steps
        results.reachedTarget = arguments.targetLoss.map { target in replicas.history.filter { ($0.last ?? .infinity) <= target }.count } ?? 0
        let columns = replicas.history.map(\.count).max() ?? 0
        results.history = Matrix(replicas.history.map { h in h + Array(repeating: .nan, count: columns - h.count) })
        results.trainSize = train.count
        results.testSize = test.count
        results.table = Table(
            columns: ["batch size", "replica", "seed", "train loss", "test loss", "train accuracy", "test accuracy", "steps"],
            rows: (0..<total).map { k in
                [.int(rowSizes[k]), .int(k % m), .text(replicas.seeds[k]), .real(replicas.trainLoss[k]), .real(replicas.testLoss[k]),
                 .real(replicas.trainAccuracy[k]), .real(replicas.testAccuracy[k]), .int(replicas.steps[k])]
            })
        return results
    }

    /// The network and one ensemble per batch size, on the data drawn with child 0 of the seed.
    private static func setting(_ arguments: Arguments<Parameters>, root: SeededGenerator) throws -> (MultilayerPerceptron, [NetworkEnsemble]) {
        let (train, test) = try data(arguments, seed: root.child(0).seedValue)
        let network = MultilayerPerceptron(inputs: train.dimension, hidden: [arguments.width], outputs: train.outputWidth, activation: .relu)
        let ensembles = arguments.batchSizes.map { size in
            NetworkEnsemble(network: network, train: train, test: test, batchSize: size, learningRate: arguments.learningRate,
                            momentum: arguments.momentum, epochs: arguments.epochs, targetLoss: arguments.targetLoss,
                            stepBudget: arguments.steps > 0 ? arguments.steps : nil, precision: arguments.precision)
        }
        // Replica 0's own initial weights (child 0 of its seed, as trainReplica draws them).
        let shared = arguments.sharedInitialisation
            ? SeededGenerator(seed: NetworkEnsemble.replicaSeed(0, of: root.child(1).seedValue)).child(0).seedValue : nil
        return (network, ensembles.map { var e = $0; e.sharedInitialisation = shared; return e })
    }

    /// The train and test sets: generated from `seed` or read from the table, features divided by
    /// the divisor, split per class with child 1 of `seed`.
    private static func data(_ arguments: Arguments<Parameters>, seed: UInt64) throws -> (train: Dataset, test: Dataset) {
        let root = SeededGenerator(seed: seed)
        var all: Dataset
        if let table = arguments.data {
            all = try Dataset(table: table, label: arguments.label.isEmpty ? table.columns.last ?? "" : arguments.label, name: "the data table")
        } else if arguments.synthetic == .mixture {
            guard arguments.classes <= arguments.dimension else { throw DirectiveFailure("a mixture needs classes ≤ dimension") }
            all = .gaussianMixture(count: arguments.samples, dimension: arguments.dimension, classes: arguments.classes,
                                   separation: arguments.separation, seed: root.child(0).seedValue)
        } else {
            let teacher = MultilayerPerceptron(inputs: arguments.dimension, hidden: [arguments.teacherWidth],
                                               outputs: arguments.classes, activation: .relu)
            all = .teacherStudent(teacher: teacher, teacherParameters: teacher.initialParameters(seed: root.child(2).seedValue, scheme: .he),
                                  count: arguments.samples, labels: true, seed: root.child(0).seedValue)
        }
        if case let divisor = arguments.divisor, divisor != 1 {
            all = Dataset(inputs: all.inputs.map { $0 / divisor }, dimension: all.dimension, targets: all.targets)
        }
        let split = all.split(testFraction: arguments.testFraction, seed: root.child(1).seedValue)
        guard split.train.count > 0 && split.test.count > 0 else { throw DirectiveFailure("the split leaves no training or no test examples") }
        return split
    }
}

/// One task's trained replicas as a stored record, and the replicas of all tasks concatenated in
/// task order. Seeds are stored as text (they are 64-bit unsigned).
enum ReplicasRecord {
    struct Columns {
        var parameters = Matrix(rows: 0, columns: 0, elements: [])
        var seeds: [String] = [], trainLoss: [Double] = [], testLoss: [Double] = [], trainAccuracy: [Double] = [], testAccuracy: [Double] = []
        var steps: [Int] = [], history: [[Double]] = []
        var count: Int { seeds.count }
    }

    static func record(_ replicas: [NetworkEnsemble.Replica]) -> Record {
        Record([
            ("parameters", .matrix(Matrix(replicas.map(\.parameters)))),
            ("seeds", replicas.map { String($0.seed) }.value),
            ("train_loss", replicas.map(\.trainLoss).value),
            ("test_loss", replicas.map(\.testLoss).value),
            ("train_accuracy", replicas.map(\.trainAccuracy).value),
            ("test_accuracy", replicas.map(\.testAccuracy).value),
            ("steps", replicas.map(\.steps).value),
            ("history", replicas.map(\.history).value),
        ])
    }

    static func replicas(_ tasks: [Record]) throws -> Columns {
        var all = Columns()
        var elements: [Double] = [], columns = 0
        for (index, record) in tasks.enumerated() {
            guard let parameters = record["parameters"].flatMap(Matrix.init(value:)),
                  let seeds = record["seeds"].flatMap([String].init(value:)),
                  let trainLoss = record["train_loss"].flatMap([Double].init(value:)),
                  let testLoss = record["test_loss"].flatMap([Double].init(value:)),
                  let trainAccuracy = record["train_accuracy"].flatMap([Double].init(value:)),
                  let testAccuracy = record["test_accuracy"].flatMap([Double].init(value:)),
                  let steps = record["steps"].flatMap([Int].init(value:)),
                  let history = record["history"].flatMap([[Double]].init(value:)),
                  [parameters.rows, trainLoss.count, testLoss.count, trainAccuracy.count, testAccuracy.count, steps.count, history.count]
                      .allSatisfy({ $0 == seeds.count }),
                  index == 0 || parameters.columns == columns else {
                throw DirectiveFailure("the stored replicas of task \(index + 1) are malformed")
            }
            elements += parameters.elements
            columns = parameters.columns
            all.seeds += seeds; all.trainLoss += trainLoss; all.testLoss += testLoss
            all.trainAccuracy += trainAccuracy; all.testAccuracy += testAccuracy; all.steps += steps; all.history += history
        }
        all.parameters = Matrix(rows: all.seeds.count, columns: columns, elements: elements)
        return all
    }
}
