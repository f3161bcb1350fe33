/// Preallocated buffers for forward, backward and R-operator passes of one network over up to
/// `rows` examples, so the training and sampling loops allocate nothing per step. Not thread-safe:
/// each thread (each chain) owns its own. `Scalar` is the arithmetic of the passes (Double, or
/// Float for Float32 training); the R-operator buffers are used by the Double passes only.
public final class NetworkBuffers<Scalar: NetworkScalar> {
    public let network: MultilayerPerceptron
    /// The largest number of examples one pass can take.
    public let rows: Int
    /// Per weight layer l, rows × n_l: the layer's outputs σ(z_l) (the logits z_L for the last).
    let activations: [UnsafeMutablePointer<Scalar>]
    /// Per hidden layer, rows × n_l: σ'(z_l).
    let slopes: [UnsafeMutablePointer<Scalar>]
    /// Per weight layer, rows × n_l: δ_l = ∂L/∂z_l (already divided by the batch size).
    let deltas: [UnsafeMutablePointer<Scalar>]
    /// Per weight layer, rows × n_l: the R-operator's R{z_l}, R{σ(z_l)} and R{δ_l}.
    let rPreactivations: [UnsafeMutablePointer<Scalar>], rActivations: [UnsafeMutablePointer<Scalar>], rDeltas: [UnsafeMutablePointer<Scalar>]
    /// rows × max n_l scratch for δ_l W_l.
    let product: UnsafeMutablePointer<Scalar>
    /// A gathered mini-batch: inputs (rows × d), labels, real targets (rows × C); per-example losses.
    let batchInputs: UnsafeMutablePointer<Scalar>, batchLabels: UnsafeMutablePointer<Int>, batchValues: UnsafeMutablePointer<Scalar>
    let perExample: UnsafeMutablePointer<Scalar>

    /// Whether mini-batches can be gathered (else the passes read all examples in place).
    let gathers: Bool

    public convenience init(network: MultilayerPerceptron, rows: Int) {
        self.init(network: network, rows: rows, secondOrder: true, gathers: true)
    }

    /// Buffers for up to `rows` examples; without `secondOrder` no R-operator passes (training and
    /// evaluation only), without `gathers` no gathered mini-batches (all examples, read in place).
    init(network: MultilayerPerceptron, rows: Int, secondOrder: Bool, gathers: Bool) {
        precondition(rows > 0, "a workspace holds at least one row")
        self.network = network; self.rows = rows; self.gathers = gathers
        func zeros(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            let p = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }
        func buffers(_ layers: ArraySlice<LayerShape>) -> [UnsafeMutablePointer<Scalar>] {
            layers.map { zeros(rows * $0.outputs) }
        }
        let all = network.layers[...], hidden = network.layers.dropLast()
        activations = buffers(all); slopes = buffers(hidden); deltas = buffers(all)
        rPreactivations = secondOrder ? buffers(all) : []
        rActivations = secondOrder ? buffers(hidden) : []
        rDeltas = secondOrder ? buffers(all) : []
        product = zeros(secondOrder ? rows * network.widths.max()! : 0)
        let gathered = gathers ? rows : 0
        batchInputs = zeros(gathered * network.inputCount)
        batchLabels = .allocate(capacity: gathered)
        batchLabels.initialize(repeating: 0, count: gathered)
        batchValues = zeros(gathered * network.outputCount)
        perExample = zeros(rows)
    }

    deinit {
        for p in activations + slopes + deltas + rPreactivations + rActivations + rDeltas { p.deallocate() }
        for p in [product, batchInputs, batchValues, perExample] { p.deallocate() }
        batchLabels.deallocate()
    }
}

/// The buffers of the Double passes: gradients, Hessian-vector products, losses.
public typealias NetworkWorkspace = NetworkBuffers<Double>
