import Figures
import Landscape

/// The figures of `bps-minima`, drawn from its stored results.
enum CensusFigures {
    typealias Stored = StoredResults<MinimaCensusDirective.Results>

    /// Distinct minima against runs (labelled with the optimizer), the exact count dashed when one
    /// was given, the equal-basin expectation dotted (for the number found, when no count was given).
    static func discovery(_ stored: Stored) -> Figure {
        let expected = stored.expected
        let runs = (1...max(1, stored.discovery.count)).map(Double.init)
        let equal = runs.map { RunsNeeded.expectedDistinct(minima: expected, runs: Int($0)) }
        return Figure(Panel(
            x: Axis("Descents"), y: Axis("Distinct minima found", lower: 0, upper: Double(expected) * 1.12),
            layers: [
                .step(x: runs, y: stored.discovery.map(Double.init), label: stored.optimizer),
                .line(x: runs, y: equal, label: stored.expectedGiven ? "equal basins" : "equal basins, \(expected) minima", color: Palette.color(1), dash: .dotted),
            ],
            referenceLines: stored.expectedGiven ? [.horizontal(Double(expected), label: "exact \(expected)")] : []))
    }

    static func basins(_ stored: Stored) -> Figure {
        .histogram(stored.hits.filter { $0 > 0 }.map(Double.init), bins: 20, xAxis: Axis("Descents landing in a minimum"),
                   yAxis: Axis("Minima"))
    }

    /// The minima in the complex plane of φ12, those added by completion marked apart.
    static func plane(_ stored: Stored) throws -> Figure {
        let table = stored.minima
        guard let origins = table.column("found by").flatMap({ [String](value: $0.value) }),
              let re = table.column("Re φ12").flatMap({ [Double](value: $0.value) }),
              let im = table.column("Im φ12").flatMap({ [Double](value: $0.value) }) else {
            throw DirectiveFailure("the minima table lacks its origin and φ12 columns")
        }
        let byDescent = origins.indices.filter { origins[$0] == Minimum.Origin.descent.rawValue }
        let others = origins.indices.filter { origins[$0] != Minimum.Origin.descent.rawValue }
        var layers: [Layer] = [.scatter(x: byDescent.map { re[$0] }, y: byDescent.map { im[$0] }, label: "found by descent")]
        if !others.isEmpty {
            layers.append(.scatter(x: others.map { re[$0] }, y: others.map { im[$0] },
                                   label: "added by completion", color: Palette.color(1), marker: .square))
        }
        return Figure(Panel(x: Axis("Re φ12"), y: Axis("Im φ12"), layers: layers), width: 3.5, height: 3.2)
    }

    static func traces(_ stored: Stored) -> Figure {
        let layers = stored.traces.enumerated().map { i, trace -> Layer in
            let positive = trace.map { max($0, 1e-32) }
            return .line(x: positive.indices.map(Double.init), y: positive, label: "run \(i + 1)")
        }
        return Figure(Panel(x: Axis("Step"), y: .log("Loss"), layers: layers))
    }
}
