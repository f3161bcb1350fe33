import Figures
import Landscape

/// `discovery-model`: simulated censuses of a landscape whose n minima have equal basins, against
/// the exact coupon-collector laws — the baseline that the measured discovery curves are read
/// against (n Hₙ is the runs-needed lower bound).
struct DiscoveryModelDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "discovery-model",
        summary: "Monte Carlo censuses with n equally likely minima against the exact laws: expected minima seen after R runs, and the distribution of runs to see all (mean n Hₙ).",
        parameters: [
            ParameterSpec("minima", .integer(1...100_000), default: .int(12), "number of minima n"),
            ParameterSpec("censuses", .integer(2...1_000_000), default: .int(400), "simulated censuses"),
            ParameterSpec("runs", .integer(1...10_000_000), default: .int(200), "runs per simulated census"),
        ],
        outputs: [
            OutputSpec("exact_mean", "number", "n Hₙ, the exact mean of the runs needed to see all minima"),
            OutputSpec("simulated_mean", "number", "mean runs needed over the simulated censuses that saw all"),
            OutputSpec("standard_error", "number", "standard error of simulated_mean"),
            OutputSpec("z", "number", "(simulated − exact) / standard error"),
            OutputSpec("completed", "integer", "simulated censuses that saw every minimum within `runs`"),
            OutputSpec("exact_completed", "number", "P(all seen within `runs`) × censuses, from the exact law"),
            OutputSpec("figure", "figure", "(a) minima seen against runs, simulated band and error bars against the exact curve; (b) runs to see all, simulated histogram against the exact law"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        let n = arguments.integer("minima"), censuses = arguments.integer("censuses"), runs = arguments.integer("runs")
        let model = DiscoveryModel(minima: n)
        let root = SeededGenerator(seed: context.seed)
        let simulations = (0..<censuses).map { index -> (completion: Int?, seen: [Int]) in
            var generator = root.child(index)
            return model.simulate(using: &generator, maximumRuns: runs)
        }
        let completions = simulations.compactMap(\.completion).map(Double.init)
        let cdf = model.completionCDF(runs: runs)
        let exactMean = RunsNeeded.equalBasins(n)
        let summary = SampleSummary(completions)
        let standardError = (summary?.standardDeviation ?? .nan) / Double(max(1, completions.count)).squareRoot()
        return Record([
            ("exact_mean", .real(exactMean)),
            ("simulated_mean", .real(summary?.mean ?? .nan)),
            ("standard_error", .real(standardError)),
            ("z", .real(((summary?.mean ?? .nan) - exactMean) / standardError)),
            ("completed", .int(completions.count)),
            ("exact_completed", .real(cdf[runs] * Double(censuses))),
            ("figure", .figure(figure(model, simulations: simulations, completions: completions, cdf: cdf, runs: runs))),
        ])
    }

    private static func figure(
        _ model: DiscoveryModel, simulations: [(completion: Int?, seen: [Int])], completions: [Double], cdf: [Double], runs: Int
    ) -> Figure {
        let n = Double(model.minima)
        let r = (1...runs).map(Double.init)
        let stats = (0..<runs).map { i in SampleSummary(simulations.map { Double($0.seen[i]) })! }
        let marks = Array(Set((1...8).map { max(0, $0 * runs / 8 - 1) })).sorted()
        let seen = Panel(
            x: Axis("Runs"), y: Axis("Minima seen", lower: 0, upper: n * 1.15),
            layers: [
                .band(Band(x: r, lower: stats.map { $0.mean - $0.standardDeviation }, upper: stats.map { $0.mean + $0.standardDeviation },
                           label: "simulated ± 1 sd")),
                .step(x: r, y: simulations[0].seen.map(Double.init), label: "one census", color: Palette.color(2)),
                .line(x: r, y: (1...runs).map { model.expectedSeen(after: $0) }, label: "exact n(1 − (1 − 1/n)ᴿ)", color: Palette.color(1)),
                .errorBars(ErrorBars(x: marks.map { r[$0] }, y: marks.map { stats[$0].mean },
                                     error: marks.map { stats[$0].standardDeviation / Double(simulations.count).squareRoot() },
                                     label: "simulated mean ± s.e.", color: Palette.color(3))),
            ],
            referenceLines: [.horizontal(n, label: "n = \(model.minima)")])
        let pmf = (1...runs).map { cdf[$0] - cdf[$0 - 1] }
        let completion = Panel(
            x: Axis("Runs to see every minimum"), y: Axis("Probability"),
            layers: [
                .histogram(Histogram(values: completions, bins: 20, normalization: .density, label: "simulated")),
                .line(x: r, y: pmf, label: "exact law", color: Palette.color(1)),
            ],
            referenceLines: [.vertical(RunsNeeded.equalBasins(model.minima), label: "n Hₙ")],
            annotations: [Annotation("mean \(Int(RunsNeeded.equalBasins(model.minima).rounded())) runs",
                                     x: RunsNeeded.equalBasins(model.minima), y: (pmf.max() ?? 0) * 0.5, anchor: .left)])
        return Figure(panels: [seen, completion], rows: 1, columns: 2, width: 7, height: 2.8)
    }
}
