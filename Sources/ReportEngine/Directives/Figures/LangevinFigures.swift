import Foundation
import Figures
import Landscape

/// The figures of `langevin-sweep`, drawn from its stored results. Rows of the first dataset size
/// (the first `traces.rows` rows) make the per-temperature figures; every row enters the
/// dimension figure.
enum LangevinFigures {
    typealias Stored = StoredResults<LangevinSweepDirective.Results>

    /// The rows of the first dataset size.
    private static func mainRows(_ s: Stored) -> Range<Int> { 0..<s.traces.rows }

    static func label(_ t: Double) -> String { "T = " + formatTemperature(t) }

    /// `m·10ⁿ` with one decimal of the mantissa, the exponent in superscript digits.
    private static func formatTemperature(_ t: Double) -> String {
        let exponent = Int(log10(t).rounded(.down)), mantissa = (t / pow(10, Double(exponent)) * 10).rounded() / 10
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                                    "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        let power = "10" + String(String(exponent).map { superscripts[$0]! })
        if mantissa == 1 { return power }
        return (mantissa == mantissa.rounded() ? "\(Int(mantissa))" : "\(mantissa)") + "·" + power
    }

    /// The loss L against Langevin time at each temperature (replicate 1), log y, with the end of
    /// burn-in, the same time at every temperature.
    static func traces(_ s: Stored) -> Figure {
        let t = s.temperature
        let layers = mainRows(s).map { j in
            Layer.line(x: s.traceTimes.row(j), y: s.traces.row(j), label: label(t[j]), color: Palette.color(j))
        }
        return Figure(Panel(x: Axis("Langevin time s = Ση"), y: .log("training loss L"), layers: layers, legend: .outside,
                            referenceLines: [.vertical(s.windowStart[0], label: "end of burn-in")]),
                      width: 7, height: 3)
    }

    /// Histograms of ΔL over the window at each temperature (replicate 1), against the
    /// Gamma(D_mean/2, T) density with that chain's D_mean.
    static func histograms(_ s: Stored) -> Figure {
        let panels = mainRows(s).map { j -> Panel in
            let window = s.windowExcess.row(j), excess = window.filter { $0 > 0 }
            let temperature = s.temperature[j], d = max(2 * (window.reduce(0, +) / Double(window.count)) / temperature, 1e-3)
            let law = ExcessLossLaw(dimension: d, temperature: temperature)
            let upper = excess.max() ?? temperature
            let x = (1...200).map { upper * Double($0) / 200 }
            let histogram = Histogram(values: excess, bins: 30, normalization: .density, label: "Langevin")
            // The first panel carries the legend: headroom above the data keeps it clear of them.
            let top = j == 0 ? 1.6 * max(x.map(law.density).max() ?? 0, histogram.heights.max() ?? 0) : nil
            return Panel(title: label(temperature), x: Axis("ΔL"), y: Axis("density", lower: top.map { _ in 0 }, upper: top),
                         layers: [.histogram(histogram),
                                  .line(x: x, y: x.map(law.density), label: "Gamma(D_{mean}/2, T)", color: Palette.color(1))],
                         legend: j == 0 ? .upperRight : .hidden)
        }
        let columns = min(3, panels.count)
        return Figure(panels: panels, rows: (panels.count + columns - 1) / columns, columns: columns, width: 7,
                      height: 2.2 * Double((panels.count + columns - 1) / columns))
    }

    /// (a) ⟨ΔL⟩ and (b) Var(L) against T (log–log), beside the harmonic approximation's D_stiff T/2
    /// when the whole spectrum at the minimum is known; (c) D_mean, D_var and the response
    /// 2 d⟨L⟩/dT between neighbouring temperatures, with the boundary model's D. Error bars: the
    /// standard error between replicates.
    static func fluctuations(_ s: Stored) -> Figure {
        let rows = Array(mainRows(s)), t = rows.map { s.temperature[$0] }
        func pick(_ v: [Double]) -> [Double] { rows.map { v[$0] } }
        // The harmonic approximation needs the whole spectrum at the minimum (NaN without it).
        let harmonic = !pick(s.harmonicDimension).contains(where: \.isNaN)
        let mean = Panel(
            x: .log("temperature T"), y: .log("⟨ΔL⟩"),
            layers: [.errorBars(ErrorBars(x: t, y: pick(s.meanExcess), error: pick(s.meanExcessError), label: "Langevin", color: Palette.color(0), marker: .circle))]
                + (harmonic ? [.line(x: t, y: pick(s.harmonicMeanExcess), label: "harmonic D_{stiff}T/2", color: Palette.color(4), dash: .dashDot)] : []),
            legend: .upperLeft)
        let variance = Panel(
            x: .log("temperature T"), y: .log("Var(L)"),
            layers: [.errorBars(ErrorBars(x: t, y: pick(s.lossVariance), error: pick(s.lossVarianceError), label: "Langevin", color: Palette.color(1), marker: .square))],
            legend: .hidden)
        let pairs = s.responsePoints.indices.filter { s.responsePoints[$0] == s.points[0] }
        let top = rows.map { max(s.dMean[$0] + s.dMeanError[$0], s.dVar[$0] + s.dVarError[$0], s.boundaryK2[$0]) }.max()!
        let dimensions = Panel(
            x: .log("temperature T"), y: Axis("D", lower: 0, upper: 1.9 * top),
            layers: [.errorBars(ErrorBars(x: t, y: pick(s.dMean), error: pick(s.dMeanError), label: "D_{mean} = 2⟨ΔL⟩/T", color: Palette.color(0), marker: .circle)),
                     .errorBars(ErrorBars(x: t, y: pick(s.dVar), error: pick(s.dVarError), label: "D_{var} = 2Var(L)/T^{2}", color: Palette.color(1), marker: .square)),
                     .errorBars(ErrorBars(x: pairs.map { s.responseTemperature[$0] }, y: pairs.map { s.dResponse[$0] },
                                          error: pairs.map { s.dResponseError[$0] }, label: "2 d⟨L⟩/dT", color: Palette.color(5), marker: .diamond)),
                     .line(x: t, y: pick(s.boundaryK2), label: "3.57 n_{active}(k=2)", color: Palette.color(2), dash: .dashed)],
            legend: .upperLeft)
        return Figure(panels: [mean, variance, dimensions], rows: 1, columns: 3, width: 7, height: 3)
    }

    /// (a) λ_max averaged over each window against T for every N, with the harmonic
    /// approximation's constant λ_max at the first N's minimum and a line ∝ T through the first
    /// N's lowest temperature (the boundary model's curvature grows ∝ T; its prefactor is not
    /// predicted); (b) the largest η·λ_max in the window.
    static func curvature(_ s: Stored) -> Figure {
        let sizes = uniqueSizes(s), main = Array(mainRows(s)), t = main.map { s.temperature[$0] }
        let lowest = s.lambdaMax[main[0]] / t[0]
        let measured: [Layer] = sizes.enumerated().map { c, n in
            let rows = s.points.indices.filter { s.points[$0] == n }
            return .errorBars(ErrorBars(x: rows.map { s.temperature[$0] }, y: rows.map { s.lambdaMax[$0] }, error: rows.map { s.lambdaMaxError[$0] },
                                        label: "N = \(n)", color: Palette.color(c), marker: .circle))
        }
        let curvature = Panel(
            x: .log("temperature T"), y: .log("window-mean λ_{max}"),
            layers: measured + [.line(x: t, y: main.map { s.harmonicLambdaMax[$0] }, label: "harmonic, N = \(s.points[0])", color: Palette.color(4), dash: .dashed),
                                .line(x: t, y: t.map { lowest * $0 }, label: "∝ T", color: Color(hex: 0x000000), dash: .dotted)],
            legend: .upperLeft)
        let stability = Panel(
            x: .log("temperature T"), y: .log("largest η·λ_{max}"),
            layers: sizes.enumerated().map { c, n in
                let rows = s.points.indices.filter { s.points[$0] == n }
                return .line(x: rows.map { s.temperature[$0] }, y: rows.map { s.etaLambda[$0] }, label: "N = \(n)", color: Palette.color(c), marker: .circle)
            },
            legend: .hidden)
        return Figure(panels: [curvature, stability], rows: 1, columns: 2, width: 7, height: 3)
    }

    /// D_var/D_mean with Var(L) measured within windows of 1/8 to all of the window, against that
    /// length, at each temperature of the first N: a mean that drifts within the window adds to the
    /// variance of the longer windows.
    static func windows(_ s: Stored) -> Figure {
        let lengths = s.windowLengths
        let layers = mainRows(s).flatMap { j in
            [Layer.line(x: lengths, y: s.varianceRatio.row(j), color: Palette.color(j)),
             .errorBars(ErrorBars(x: lengths, y: s.varianceRatio.row(j), error: s.varianceRatioError.row(j),
                                  label: label(s.temperature[j]), color: Palette.color(j), marker: .circle))]
        }
        return Figure(Panel(x: .log("window length (Langevin time)"), y: Axis("D_{var}/D_{mean}", lower: 0), layers: layers,
                            legend: .outside, referenceLines: [.horizontal(1, label: "equal")]), width: 7, height: 3)
    }

    /// D_mean against the active points for k = 2 and k = 10, every row, with the boundary
    /// model's parameter-free lines D = n_active(k)·2/E1(1/k) and the harmonic null's
    /// D = n_active(k)/erfc(√(1/k)); rows that are not valid samples in grey.
    static func dimensions(_ s: Stored) -> Figure {
        let sizes = uniqueSizes(s)
        func panel(k: Double, active: [Double]) -> Panel {
            let slope = BoundaryModel.dimensionPerActivePoint(k: k), null = BoundaryModel.harmonicDimensionPerActivePoint(k: k)
            let top = (active.max() ?? 1) * 1.1
            func bars(_ rows: [Int], label: String, color: Color, marker: Marker) -> Layer {
                .errorBars(ErrorBars(x: rows.map { active[$0] }, y: rows.map { s.dMean[$0] }, error: rows.map { s.dMeanError[$0] },
                                     label: label, color: color, marker: marker))
            }
            var layers: [Layer] = sizes.enumerated().map { c, n in
                bars(s.points.indices.filter { s.points[$0] == n && s.valid[$0] == 1 }, label: "N = \(n)",
                     color: Palette.color(c), marker: .circle)
            }
            let invalid = s.points.indices.filter { s.valid[$0] == 0 }
            if !invalid.isEmpty {
                layers.append(bars(invalid, label: "not valid", color: Color(hex: 0x808080), marker: .cross))
            }
            layers.append(.line(x: [0, top], y: [0, slope * top], label: "boundary model", color: Color(hex: 0x000000), dash: .dashed))
            layers.append(.line(x: [0, top], y: [0, null * top], label: "harmonic null", color: Palette.color(4), dash: .dotted))
            return Panel(x: Axis("n_{active}(k=\(Int(k)))", lower: 0), y: Axis("D_{mean}", lower: 0), layers: layers, legend: .upperLeft)
        }
        return Figure(panels: [panel(k: 2, active: s.activeK2), panel(k: 10, active: s.activeK10)],
                      rows: 1, columns: 2, width: 7, height: 3)
    }

    /// The dataset sizes in the order of the rows.
    private static func uniqueSizes(_ s: Stored) -> [Int] {
        s.points.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
