import Landscape

extension Dataset {
    /// A classification dataset from a table: every numeric column except `labelColumn` is a
    /// feature (in table order), and the label column holds integer class labels 0..<C, with C
    /// one more than the largest label. An empty `labelColumn` means the last column.
    init(table: Table, labelColumn: String) throws {
        let labelName = labelColumn.isEmpty ? (table.columns.last ?? "") : labelColumn
        guard let labelIndex = table.columns.firstIndex(of: labelName) else {
            throw DirectiveFailure("the table has no column '\(labelName)' (columns: \(table.columns.prefix(5).joined(separator: ", "))…)")
        }
        guard case .integers(let labels) = table.data[labelIndex], let largest = labels.max(), labels.allSatisfy({ $0 >= 0 }) else {
            throw DirectiveFailure("the label column '\(labelName)' must hold integers 0, 1, 2, …")
        }
        let features = try table.data.indices.filter { $0 != labelIndex }.map { index -> [Double] in
            switch table.data[index] {
            case .integers(let ns): return ns.map(Double.init)
            case .reals(let xs): return xs
            case .values: throw DirectiveFailure("column '\(table.columns[index])' is not numeric: every feature must be a number")
            }
        }
        guard !features.isEmpty else { throw DirectiveFailure("the table has no feature columns besides '\(labelName)'") }
        let rows = table.rowCount, d = features.count
        var inputs = [Double](repeating: 0, count: rows * d)
        for (j, column) in features.enumerated() {
            for i in 0..<rows { inputs[i * d + j] = column[i] }
        }
        self.init(inputs: inputs, dimension: d, targets: .labels(labels, classes: largest + 1))
    }
}
