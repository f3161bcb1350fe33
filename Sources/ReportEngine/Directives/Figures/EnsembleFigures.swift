import Figures

/// The figures of `nn-ensemble`, drawn from its stored results.
enum EnsembleFigures {
    /// Training loss at the end of each epoch against the SGD steps taken by then (log–log, so
    /// that batch sizes with very different steps per epoch share the axes), every replica, one
    /// colour per batch size, the first replica of each labelled.
    static func learningCurves(_ s: StoredResults<NNEnsembleDirective.Results>) -> Figure {
        let sizes = s.batchSize, distinct = sizes.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        let layers = (0..<s.history.rows).map { row -> Layer in
            let group = distinct.firstIndex(of: sizes[row])!, first = sizes.firstIndex(of: sizes[row]) == row
            let perEpoch = (s.trainSize + min(sizes[row], s.trainSize) - 1) / min(sizes[row], s.trainSize)
            let points = s.history.row(row).enumerated().filter { $0.element.isFinite && $0.element > 0 }
                .map { (Double(min(($0.offset + 1) * perEpoch, s.steps[row])), $0.element) }
            return .line(x: points.map(\.0), y: points.map(\.1), label: first ? "B = \(sizes[row])" : nil, color: Palette.color(group))
        }
        return Figure(Panel(x: .log("SGD steps (log scale)"), y: .log("Training loss per epoch (log scale)"), layers: layers, legend: .outside),
                      width: 5, height: 3)
    }
}
