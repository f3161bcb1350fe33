import Landscape

/// The minima of a census as typed data: the charge N and one configuration (every field entry,
/// in `BPSSystem` order) per row.
struct BPSMinima: ValueConvertible, Equatable {
    let n: Int
    let configurations: ComplexMatrix

    init(n: Int, minima: [Minimum]) {
        let width = minima.first?.configuration.count ?? BPSSystem(n: n).fieldCount
        self.n = n
        configurations = ComplexMatrix(rows: minima.count, cols: width, entries: minima.flatMap(\.configuration))
    }

    static var valueType: ValueType { .record }

    init?(value: Value) {
        guard case .record(let record) = value, let n = record["n"].flatMap(Int.init(value:)),
              let configurations = record["configurations"].flatMap(ComplexMatrix.init(value:)) else { return nil }
        self.n = n
        self.configurations = configurations
    }

    var value: Value { .record(Record([("n", .int(n)), ("configurations", .complexMatrix(configurations))])) }

    /// The configuration of minimum `index`.
    func configuration(_ index: Int) -> [Complex] {
        Array(configurations.entries[(index * configurations.cols)..<((index + 1) * configurations.cols)])
    }
}
