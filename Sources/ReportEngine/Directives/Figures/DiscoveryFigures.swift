import Figures
import Landscape

/// The figure of `discovery-model`, drawn from its stored results.
enum DiscoveryFigures {
    /// (a) Minima seen against runs: the simulated band, one census, the exact curve and error
    /// bars; (b) runs to see every minimum: the simulated histogram against the exact law.
    static func model(_ stored: StoredResults<DiscoveryModelDirective.Results>) -> Figure {
        let model = DiscoveryModel(minima: stored.minima)
        let n = Double(model.minima)
        let mean = stored.seenMean, sd = stored.seenSD, pmf = stored.completionLaw
        let runs = mean.count
        let r = (1...runs).map(Double.init)
        let marks = Array(Set((1...8).map { max(0, $0 * runs / 8 - 1) })).sorted()
        let censuses = Double(stored.censuses)
        let seen = Panel(
            x: Axis("Runs"), y: Axis("Minima seen", lower: 0, upper: n * 1.15),
            layers: [
                .band(Band(x: r, lower: zip(mean, sd).map { $0 - $1 }, upper: zip(mean, sd).map { $0 + $1 }, label: "simulated ± 1 sd")),
                .step(x: r, y: stored.oneCensus.map(Double.init), label: "one census", color: Palette.color(2)),
                .line(x: r, y: (1...runs).map { model.expectedSeen(after: $0) }, label: "exact n(1 − (1 − 1/n)ᴿ)", color: Palette.color(1)),
                .errorBars(ErrorBars(x: marks.map { r[$0] }, y: marks.map { mean[$0] },
                                     error: marks.map { sd[$0] / censuses.squareRoot() },
                                     label: "simulated mean ± s.e.", color: Palette.color(3))),
            ],
            referenceLines: [.horizontal(n, label: "n = \(model.minima)")])
        let completion = Panel(
            x: Axis("Runs to see every minimum"), y: Axis("Probability"),
            layers: [
                .histogram(Histogram(values: stored.completions, bins: 20, normalization: .density, label: "simulated")),
                .line(x: r, y: pmf, label: "exact law", color: Palette.color(1)),
            ],
            referenceLines: [.vertical(RunsNeeded.equalBasins(model.minima), label: "n Hₙ")],
            annotations: [Annotation("mean \(Int(RunsNeeded.equalBasins(model.minima).rounded())) runs",
                                     x: RunsNeeded.equalBasins(model.minima), y: (pmf.max() ?? 0) * 0.5, anchor: .left)])
        return Figure(panels: [seen, completion], rows: 1, columns: 2, width: 7, height: 2.8)
    }
}
