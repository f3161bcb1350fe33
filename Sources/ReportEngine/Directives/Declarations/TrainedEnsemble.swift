import Landscape

/// A trained ensemble as one result (`nn-ensemble`'s `ensemble`), so that the directives reading
/// it (`random-walk`, `perm-interp`, `mode-path`) get the network shape, every replica's θ and the
/// very data it was trained on from one reference. Stored as a record: `inputs`, `hidden`,
/// `outputs`, `parameters` (one row per replica), `batch_size` (per row), `train_inputs`,
/// `train_labels`, `test_inputs`, `test_labels`.
struct TrainedEnsemble: ValueConvertible, Equatable {
    let network: MultilayerPerceptron
    let parameters: Matrix
    let batchSizes: [Int]
    let train: Dataset, test: Dataset

    init(network: MultilayerPerceptron, parameters: Matrix, batchSizes: [Int], train: Dataset, test: Dataset) {
        self.network = network; self.parameters = parameters; self.batchSizes = batchSizes; self.train = train; self.test = test
    }

    static var valueType: ValueType { .record }

    init?(value: Value) {
        guard case .record(let r) = value,
              let d = r["inputs"].flatMap(Int.init(value:)), let h = r["hidden"].flatMap(Int.init(value:)),
              let c = r["outputs"].flatMap(Int.init(value:)), d > 0, h > 0, c > 0,
              let parameters = r["parameters"].flatMap(Matrix.init(value:)),
              let batchSizes = r["batch_size"].flatMap([Int].init(value:)),
              let train = Self.dataset(r["train_inputs"], r["train_labels"], dimension: d, classes: c),
              let test = Self.dataset(r["test_inputs"], r["test_labels"], dimension: d, classes: c) else { return nil }
        let network = MultilayerPerceptron(inputs: d, hidden: [h], outputs: c, activation: .relu)
        guard parameters.columns == network.parameterCount, batchSizes.count == parameters.rows else { return nil }
        self.init(network: network, parameters: parameters, batchSizes: batchSizes, train: train, test: test)
    }

    var value: Value {
        .record(Record([
            ("inputs", .int(network.inputCount)), ("hidden", .int(network.layers[0].outputs)), ("outputs", .int(network.outputCount)),
            ("parameters", .matrix(parameters)), ("batch_size", .ints(batchSizes)),
            ("train_inputs", .matrix(Matrix(rows: train.count, columns: train.dimension, elements: train.inputs))),
            ("train_labels", .ints(train.labels ?? [])),
            ("test_inputs", .matrix(Matrix(rows: test.count, columns: test.dimension, elements: test.inputs))),
            ("test_labels", .ints(test.labels ?? [])),
        ]))
    }

    /// θ of replica `index`.
    func replica(_ index: Int) -> [Double] { parameters.row(index) }

    /// The softmax cross-entropy over the training set: the loss every protocol walks on.
    var trainingLoss: NetworkLoss { NetworkLoss(network: network, data: train, function: .softmaxCrossEntropy) }
    var testLoss: NetworkLoss { NetworkLoss(network: network, data: test, function: .softmaxCrossEntropy) }

    private static func dataset(_ inputs: Value?, _ labels: Value?, dimension: Int, classes: Int) -> Dataset? {
        guard let x = inputs.flatMap(Matrix.init(value:)), let y = labels.flatMap([Int].init(value:)),
              x.columns == dimension, y.count == x.rows, y.allSatisfy({ (0..<classes).contains($0) }) else { return nil }
        return Dataset(inputs: x.elements, dimension: dimension, targets: .labels(y, classes: classes))
    }
}
