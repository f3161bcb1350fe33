import Figures

/// The figures of `random-walk`, drawn from its stored results; colours mark batch sizes.
enum RandomWalkFigures {
    typealias Stored = StoredResults<RandomWalkDirective.Results>

    /// The distinct batch sizes in order of appearance, and each row's index among them.
    private static func groups(_ s: Stored) -> (sizes: [Int], group: [Int]) {
        let sizes = s.batchSize.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        return (sizes, s.batchSize.map { sizes.firstIndex(of: $0)! })
    }

    /// Training (solid) and test (dashed) loss against |θ_t − θ*| / |θ*| along each free walk.
    static func walks(_ s: Stored) -> Figure {
        let (sizes, group) = groups(s)
        let layers = (0..<s.distances.rows).flatMap { row -> [Layer] in
            let first = group.firstIndex(of: group[row]) == row, color = Palette.color(group[row])
            return [.line(x: s.distances.row(row), y: s.trainCurves.row(row), label: first ? "train, B = \(sizes[group[row]])" : nil, color: color),
                    .line(x: s.distances.row(row), y: s.testCurves.row(row), label: first ? "test, B = \(sizes[group[row]])" : nil,
                          color: color, dash: .dashed)]
        }
        return Figure(Panel(x: Axis("Distance walked |θ − θ^{*}| / |θ^{*}|"), y: .log("Loss (log scale)"), layers: layers, legend: .outside),
                      width: 5.5, height: 3)
    }

    /// Test accuracy against each flatness measure and against the training loss, one marker
    /// per replica.
    static func flatness(_ s: Stored) -> Figure {
        let (sizes, group) = groups(s)
        let measures: [(String, [Double], Bool)] = [
            ("Sharpness ΔL at radius r", s.sharpness, true), ("Filter-normalised sharpness", s.filterSharpness, true),
            ("λ_{max}", s.lambdaMax, true), ("Correlation length ℓ (steps)", s.correlationLength, false),
            ("Training loss", s.trainLoss, true),
        ]
        let panels = measures.enumerated().compactMap { n, measure -> Panel? in
            let (name, values, logarithmic) = measure
            guard values.contains(where: { $0.isFinite && (!logarithmic || $0 > 0) }) else { return nil }
            let layers = sizes.indices.map { g -> Layer in
                let rows = group.indices.filter { group[$0] == g && values[$0].isFinite && (!logarithmic || values[$0] > 0) }
                return .scatter(x: rows.map { values[$0] }, y: rows.map { s.testAccuracy[$0] }, label: "B = \(sizes[g])", color: Palette.color(g))
            }
            return Panel(x: logarithmic ? .log(name + " (log scale)") : Axis(name), y: Axis("Test accuracy"), layers: layers,
                         legend: n == 0 ? .automatic : .hidden)
        }
        let columns = min(3, panels.count)
        return Figure(panels: panels, rows: (panels.count + columns - 1) / columns, columns: columns, width: 8,
                      height: 2.4 * Double((panels.count + columns - 1) / columns))
    }

    /// Final distance of each loss-constrained walk against its threshold ΔL, and the overlap
    /// q(t) with θ* along the first row's walks.
    static func constrained(_ s: Stored) -> Figure {
        let (sizes, group) = groups(s)
        let reached = (0..<s.reached.rows).map { row -> Layer in
            let first = group.firstIndex(of: group[row]) == row
            return .line(x: s.thresholds, y: s.reached.row(row), label: first ? "B = \(sizes[group[row]])" : nil,
                         color: Palette.color(group[row]), marker: .circle)
        }
        let steps = (0..<s.overlapTraces.columns).map(Double.init)
        let traces = (0..<s.overlapTraces.rows).map { k in
            Layer.line(x: steps, y: s.overlapTraces.row(k), label: "ΔL = \(s.thresholds[k])", color: Palette.color(k))
        }
        return Figure(panels: [
            Panel(x: .log("Threshold ΔL = L_{th} − L^{*} (log scale)"), y: Axis("Distance reached |θ − θ^{*}| / |θ^{*}|"), layers: reached),
            Panel(x: Axis("Proposal t"), y: Axis("Overlap q(t) with θ^{*}"), layers: traces),
        ], rows: 1, columns: 2, width: 8, height: 2.8)
    }
}
