import Figures
import Landscape

/// Replicated results drawn with their spread: a replicated series (one equally long vector per
/// replicate) as the line of its pointwise means in a shaded band, a list of replicated numbers
/// (such as a table column of a replicated computation) as means with error bars; the band and
/// the bars show ± se, ± sd or the 95 % t interval of the mean (the figure's `spread`).
enum ReplicatedFigure {
    /// Whether `value` is a replicated series or a list of replicated numbers.
    static func draws(_ value: Value) -> Bool { samples(value) != nil }

    /// x values read from a replicated result: equal in every replicate (a grid), they are that grid.
    static func coordinates(_ x: Value) -> Value {
        guard case .replicated(let items) = x, let first = items.first, items.allSatisfy({ $0 == first }) else { return x }
        return first
    }

    /// One sample per point and whether the points form a series (a line) or separate values (bars).
    private static func samples(_ value: Value) -> (points: [[Double]], series: Bool)? {
        switch value {
        case .replicated(let items):
            let vectors = items.compactMap { item -> [Double]? in if case .vector(let xs) = item { return xs } else { return nil } }
            guard vectors.count == items.count, vectors.count >= 2, let length = vectors.first?.count, length > 0,
                  vectors.allSatisfy({ $0.count == length }) else { return nil }
            return ((0..<length).map { i in vectors.map { $0[i] } }, true)
        case .list(let items) where !items.isEmpty:
            let points = items.compactMap { item -> [Double]? in item.replicates != nil ? item.sample : nil }
            guard points.count == items.count, points.allSatisfy({ $0.count >= 2 }) else { return nil }
            return (points, false)
        default:
            return nil
        }
    }

    /// The mean of one point's sample and the half-width of the spread drawn around it.
    static func spread(_ sample: [Double], _ kind: ReplicateSpread) -> (mean: Double, half: Double) {
        let mean = Sample.mean(sample)
        switch kind {
        case .se: return (mean, Sample.standardError(sample))
        case .sd: return (mean, Sample.standardDeviation(sample))
        case .ci95:
            return (mean, SpecialFunctions.studentTQuantile(0.975, df: Double(sample.count - 1)) * Sample.standardError(sample))
        }
    }

    static func figure(_ value: Value, x: Value?, style: FigureStyle, fail: (String) -> Diagnostic) throws -> Figure {
        let (points, isSeries) = samples(value)!
        var xs = points.indices.map(Double.init)
        if let x {
            guard let numbers = x.reals, numbers.count == points.count else {
                throw fail("'x' must be a list of \(points.count) numbers for this replicated result, got a \(x.typeName)")
            }
            xs = numbers
        }
        let summaries = points.map { spread($0, style.spread) }
        let means = summaries.map(\.mean), lower = summaries.map { $0.mean - $0.half }, upper = summaries.map { $0.mean + $0.half }
        let color = Palette.color(0)
        let label = "mean of \(points[0].count) replicates"
        let layers: [Layer] = isSeries
            ? [.band(Band(x: xs, lower: lower, upper: upper, label: bandLabel(style.spread), color: color)), .line(x: xs, y: means, label: label, color: color)]
            : [.errorBars(ErrorBars(x: xs, y: means, error: summaries.map(\.half), label: "\(label), \(bandLabel(style.spread))", color: color))]
        let xAxis = Axis(style.xLabel.isEmpty ? nil : style.xLabel, scale: style.logX ? .log : .linear)
        let yAxis = Axis(style.yLabel.isEmpty ? nil : style.yLabel, scale: style.logY ? .log : .linear)
        return Figure(Panel(x: xAxis, y: yAxis, layers: layers))
    }

    private static func bandLabel(_ spread: ReplicateSpread) -> String {
        switch spread {
        case .se: return "± standard error"
        case .sd: return "± standard deviation"
        case .ci95: return "95 % confidence interval"
        }
    }
}
