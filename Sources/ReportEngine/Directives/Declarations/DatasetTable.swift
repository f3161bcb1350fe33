import Landscape

extension Dataset {
    /// Classification data from a table, such as the `table` result of a `data` directive reading a
    /// CSV file: for a directive that takes its training set from a file
    /// (`data: obs.table` with `label: digit`).
    ///
    /// - The labels are the column `label`: whole numbers 0, 1, …, C − 1 with C = (largest label) + 1
    ///   ≥ 2 classes (reals such as `1.0` count when they are whole).
    /// - The features are every other column that holds numbers, in table order, so row i gives
    ///   x_i ∈ ℝᵈ with d the number of such columns; columns of text alone are left out.
    ///
    /// `name` names the table in messages. Throws a `DirectiveFailure` naming the column (and the
    /// data row, counted from 1 after the header) when the table has no rows, the label column is
    /// missing, a label is not a whole number ≥ 0, there are fewer than two classes, a column mixes
    /// numbers and text, or no feature column is left.
    init(table: Table, label: String, name: String) throws {
        guard table.rowCount > 0 else { throw DirectiveFailure("\(name) has no rows") }
        guard let labelIndex = table.columns.firstIndex(of: label) else {
            throw DirectiveFailure("\(name) has no column '\(label)' to take the labels from\(suggestion(for: label, among: table.columns)); its columns are \(Self.listed(table.columns))")
        }
        let labels = try table.data[labelIndex].reals(column: label, table: name).enumerated().map { row, y in
            guard y >= 0, y == y.rounded(), let k = Int(exactly: y) else {
                throw DirectiveFailure("label column '\(label)' of \(name) holds \(y) in data row \(row + 1); labels are classes 0, 1, …, C − 1")
            }
            return k
        }
        let classes = labels.max()! + 1
        guard classes >= 2 else {
            throw DirectiveFailure("label column '\(label)' of \(name) holds only class 0; a classifier needs labels 0, 1, …, C − 1 with C ≥ 2")
        }
        var features: [[Double]] = []
        for (index, column) in table.data.enumerated() where index != labelIndex {
            if case .values(let cells) = column, cells.allSatisfy({ $0.number == nil }) { continue }
            features.append(try column.reals(column: table.columns[index], table: name))
        }
        guard !features.isEmpty else {
            throw DirectiveFailure("\(name) has no numeric column besides the label column '\(label)' to take the features from")
        }
        self.init(featureColumns: features, labels: labels, classes: classes)
    }

    /// The first few names of `columns`, quoted, for a message about a wide table.
    private static func listed(_ columns: [String]) -> String {
        let shown = columns.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        return columns.count > 8 ? "\(shown), … (\(columns.count) in all)" : shown
    }
}

extension TableColumn {
    /// The column as numbers, or a failure naming the first data row (from 1) that is not a number.
    fileprivate func reals(column: String, table: String) throws -> [Double] {
        switch self {
        case .reals(let xs): return xs
        case .integers(let ns): return ns.map(Double.init)
        case .values(let cells):
            return try cells.enumerated().map { row, cell in
                guard let x = cell.number else {
                    throw DirectiveFailure("column '\(column)' of \(table) holds '\(ValueFormat.plain(cell))' in data row \(row + 1), not a number")
                }
                return x
            }
        }
    }
}
