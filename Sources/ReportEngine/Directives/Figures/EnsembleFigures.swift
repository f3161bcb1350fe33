import Figures

/// The figures of `nn-ensemble`, drawn from its stored results.
enum EnsembleFigures {
    /// Training loss against epoch for every replica (log y), one colour per batch size, the
    /// first replica of each batch size labelled.
    static func learningCurves(_ s: StoredResults<NNEnsembleDirective.Results>) -> Figure {
        let sizes = s.batchSize, distinct = sizes.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        let epochs = (1...max(1, s.history.columns)).map(Double.init)
        let layers = (0..<s.history.rows).map { row -> Layer in
            let group = distinct.firstIndex(of: sizes[row])!
            let first = sizes.firstIndex(of: sizes[row]) == row
            let points = zip(epochs, s.history.row(row)).filter { $0.1.isFinite && $0.1 > 0 }
            return .line(x: points.map(\.0), y: points.map(\.1), label: first ? "B = \(sizes[row])" : nil, color: Palette.color(group))
        }
        return Figure(Panel(x: Axis("Epoch"), y: .log("Training loss"), layers: layers, legend: .outside), width: 5, height: 3)
    }
}
