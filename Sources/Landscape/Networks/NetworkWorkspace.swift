/// Preallocated buffers for forward, backward and R-operator passes of one network over up to
/// `rows` examples, so the training and sampling loops allocate nothing per step. Not thread-safe:
/// each thread (each chain) owns its own.
public final class NetworkWorkspace {
    public let network: MultilayerPerceptron
    /// The largest number of examples one pass can take.
    public let rows: Int
    /// Per weight layer l, rows × n_l: the layer's outputs σ(z_l) (the logits z_L for the last).
    let activations: [UnsafeMutablePointer<Double>]
    /// Per hidden layer, rows × n_l: σ'(z_l).
    let slopes: [UnsafeMutablePointer<Double>]
    /// Per weight layer, rows × n_l: δ_l = ∂L/∂z_l (already divided by the batch size).
    let deltas: [UnsafeMutablePointer<Double>]
    /// Per weight layer, rows × n_l: the R-operator's R{z_l}, R{σ(z_l)} and R{δ_l}.
    let rPreactivations: [UnsafeMutablePointer<Double>], rActivations: [UnsafeMutablePointer<Double>], rDeltas: [UnsafeMutablePointer<Double>]
    /// rows × max n_l scratch for δ_l W_l.
    let product: UnsafeMutablePointer<Double>
    /// A gathered mini-batch: inputs (rows × d), labels, real targets (rows × C); per-example losses.
    let batchInputs: UnsafeMutablePointer<Double>, batchLabels: UnsafeMutablePointer<Int>, batchValues: UnsafeMutablePointer<Double>
    let perExample: UnsafeMutablePointer<Double>

    public init(network: MultilayerPerceptron, rows: Int) {
        precondition(rows > 0, "a workspace holds at least one row")
        self.network = network; self.rows = rows
        func zeros(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }
        func buffers(_ layers: ArraySlice<LayerShape>) -> [UnsafeMutablePointer<Double>] {
            layers.map { zeros(rows * $0.outputs) }
        }
        let all = network.layers[...], hidden = network.layers.dropLast()
        activations = buffers(all); slopes = buffers(hidden); deltas = buffers(all)
        rPreactivations = buffers(all); rActivations = buffers(hidden); rDeltas = buffers(all)
        product = zeros(rows * network.widths.max()!)
        batchInputs = zeros(rows * network.inputCount)
        batchLabels = .allocate(capacity: rows)
        batchLabels.initialize(repeating: 0, count: rows)
        batchValues = zeros(rows * network.outputCount)
        perExample = zeros(rows)
    }

    deinit {
        for p in activations + slopes + deltas + rPreactivations + rActivations + rDeltas { p.deallocate() }
        for p in [product, batchInputs, batchValues, perExample] { p.deallocate() }
        batchLabels.deallocate()
    }
}
