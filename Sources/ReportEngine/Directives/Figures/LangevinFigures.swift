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

    private static func label(_ t: Double) -> String { "T = " + formatTemperature(t) }

    /// `m·10ⁿ` with one decimal of the mantissa, the exponent in superscript digits.
    private static func formatTemperature(_ t: Double) -> String {
        let exponent = Int(log10(t).rounded(.down)), mantissa = (t / pow(10, Double(exponent)) * 10).rounded() / 10
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                                    "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        let power = "10" + String(String(exponent).map { superscripts[$0]! })
        if mantissa == 1 { return power }
        return (mantissa == mantissa.rounded() ? "\(Int(mantissa))" : "\(mantissa)") + "·" + power
    }

    /// (a) The loss L(t) at each temperature, log y, with the end of burn-in.
    static func traces(_ s: Stored) -> Figure {
        let x = s.traceSteps, t = s.temperature
        let layers = mainRows(s).map { j in Layer.line(x: x, y: s.traces.row(j), label: label(t[j]), color: Palette.color(j)) }
        return Figure(Panel(x: Axis("Langevin step"), y: .log("Training loss L"), layers: layers, legend: .outside,
                            referenceLines: [.vertical(Double(s.burnIn), label: "end of burn-in")]),
                      width: 7, height: 3)
    }

    /// (b) Histograms of ΔL over the window at each temperature, against the Gamma(D_mean/2, T)
    /// density with D_mean measured at that temperature.
    static func histograms(_ s: Stored) -> Figure {
        let panels = mainRows(s).map { j -> Panel in
            let excess = s.windowExcess.row(j).filter { $0 > 0 }
            let temperature = s.temperature[j], d = max(s.dMean[j], 1e-3)
            let law = ExcessLossLaw(dimension: d, temperature: temperature)
            let upper = excess.max() ?? temperature
            let x = (1...200).map { upper * Double($0) / 200 }
            let histogram = Histogram(values: excess, bins: 30, normalization: .density, label: "Langevin")
            // The first panel carries the legend: headroom above the data keeps it clear of them.
            let top = j == 0 ? 1.6 * max(x.map(law.density).max() ?? 0, histogram.heights.max() ?? 0) : nil
            return Panel(title: label(temperature), x: Axis("ΔL"), y: Axis("density", lower: top.map { _ in 0 }, upper: top),
                         layers: [.histogram(histogram),
                                  .line(x: x, y: x.map(law.density), label: "Gamma(D_mean/2, T)", color: Palette.color(1))],
                         legend: j == 0 ? .upperRight : .hidden)
        }
        let columns = min(3, panels.count)
        return Figure(panels: panels, rows: (panels.count + columns - 1) / columns, columns: columns, width: 7,
                      height: 2.2 * Double((panels.count + columns - 1) / columns))
    }

    /// (c) ⟨ΔL⟩ and Var(L) against T (log–log), and D_mean, D_var against T with the boundary
    /// model's D from the active points; both beside the harmonic approximation's D_stiff T/2 and
    /// D_stiff when the whole spectrum at the minimum is known.
    static func fluctuations(_ s: Stored) -> Figure {
        let rows = Array(mainRows(s)), t = rows.map { s.temperature[$0] }
        func pick(_ v: [Double]) -> [Double] { rows.map { v[$0] } }
        // The harmonic approximation needs the whole spectrum at the minimum (NaN without it).
        let harmonic = !pick(s.harmonicDimension).contains(where: \.isNaN)
        let moments = Panel(
            x: .log("Temperature T"), y: .log("⟨ΔL⟩, Var(L)"),
            layers: [.errorBars(ErrorBars(x: t, y: pick(s.meanExcess), error: pick(s.meanExcessError), label: "⟨ΔL⟩", color: Palette.color(0), marker: .circle)),
                     .errorBars(ErrorBars(x: t, y: pick(s.lossVariance), error: pick(s.lossVarianceError), label: "Var(L)", color: Palette.color(1), marker: .square))]
                + (harmonic ? [.line(x: t, y: pick(s.harmonicMeanExcess), label: "harmonic D_stiff T/2", color: Palette.color(4), dash: .dashDot)] : []),
            legend: .upperLeft)
        // Headroom above the data keeps the legend clear of them.
        let top = rows.map { max(s.dMean[$0] + s.dMeanError[$0], s.dVar[$0] + s.dVarError[$0], s.boundaryK2[$0], s.boundaryK10[$0]) }.max()!
        let dimensions = Panel(
            x: .log("Temperature T"), y: Axis("D", lower: 0, upper: 1.8 * top),
            layers: [.errorBars(ErrorBars(x: t, y: pick(s.dMean), error: pick(s.dMeanError), label: "D_mean = 2⟨ΔL⟩/T", color: Palette.color(0), marker: .circle)),
                     .errorBars(ErrorBars(x: t, y: pick(s.dVar), error: pick(s.dVarError), label: "D_var = 2Var(L)/T²", color: Palette.color(1), marker: .square)),
                     .line(x: t, y: pick(s.boundaryK2), label: "3.57 n_active(k=2)", color: Palette.color(2), dash: .dashed),
                     .line(x: t, y: pick(s.boundaryK10), label: "1.10 n_active(k=10)", color: Palette.color(3), dash: .dotted)]
                + (harmonic ? [.line(x: t, y: pick(s.harmonicDimension), label: "harmonic D_stiff", color: Palette.color(4), dash: .dashDot)] : []),
            legend: .upperLeft)
        return Figure(panels: [moments, dimensions], rows: 1, columns: 2, width: 7, height: 3)
    }

    /// (d) λ_max at the end of each window against T, beside the harmonic approximation's constant
    /// λ_max (the top eigenvalue at the pre-trained minimum) and the boundary model's λ_max ∝ T
    /// (the curvature along a boundary point's coordinate is its loss, ⟨c⟩ ∝ T; drawn through the
    /// lowest temperature, since its prefactor is not predicted), with η·λ_max.
    static func curvature(_ s: Stored) -> Figure {
        let rows = Array(mainRows(s)), t = rows.map { s.temperature[$0] }
        let lowest = s.lambdaMax[rows[0]] / t[0]
        let curvature = Panel(
            x: .log("Temperature T"), y: .log("λ_max"),
            layers: [.line(x: t, y: rows.map { s.lambdaMax[$0] }, label: "Langevin, end of window", color: Palette.color(0), marker: .circle),
                     .line(x: t, y: rows.map { s.harmonicLambdaMax[$0] }, label: "harmonic approximation", color: Palette.color(1), dash: .dashed),
                     .line(x: t, y: t.map { lowest * $0 }, label: "∝ T (boundary model)", color: Palette.color(2), dash: .dotted)],
            legend: .upperLeft)
        let stability = Panel(
            x: .log("Temperature T"), y: .log("η·λ_max"),
            layers: [.line(x: t, y: rows.map { s.etaLambda[$0] }, label: "η·λ_max", color: Palette.color(0), marker: .circle)],
            legend: .hidden)
        return Figure(panels: [curvature, stability], rows: 1, columns: 2, width: 7, height: 3)
    }

    /// D_mean over the successive sub-windows of each temperature's window, against the step at
    /// the middle of the sub-window: drift shows the chain wandering rather than equilibrating.
    static func windows(_ s: Stored) -> Figure {
        let count = s.windowDMean.columns, start = Double(s.burnIn)
        let length = (s.traceSteps.last ?? start) - start
        let middles = (0..<count).map { start + length * (Double($0) + 0.5) / Double(count) }
        let layers = mainRows(s).flatMap { j in
            [Layer.line(x: middles, y: s.windowDMean.row(j), color: Palette.color(j)),
             .errorBars(ErrorBars(x: middles, y: s.windowDMean.row(j), error: s.windowDMeanError.row(j),
                                  label: label(s.temperature[j]), color: Palette.color(j), marker: .circle))]
        }
        return Figure(Panel(x: Axis("Langevin step (middle of sub-window)"), y: Axis("D_mean", lower: 0), layers: layers,
                            legend: .outside), width: 7, height: 3)
    }

    /// (e) D_mean against the active points for k = 2 and k = 10, every row, with the boundary
    /// model's parameter-free lines D = n_active(k)·2/E1(1/k); rows that are not valid samples in grey.
    static func dimensions(_ s: Stored) -> Figure {
        let sizes = Array(Set(s.points)).sorted()
        func panel(k: Double, active: [Double]) -> Panel {
            let slope = BoundaryModel.dimensionPerActivePoint(k: k), top = (active.max() ?? 1) * 1.1
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
                layers.append(bars(invalid, label: "not valid (η·λ_max or accuracy)", color: Color(hex: 0x808080), marker: .cross))
            }
            layers.append(.line(x: [0, top], y: [0, slope * top], label: "boundary model", color: Palette.color(7), dash: .dashed))
            return Panel(x: Axis("n_active(k = \(Int(k)))", lower: 0), y: Axis("D_mean", lower: 0), layers: layers, legend: .upperLeft)
        }
        return Figure(panels: [panel(k: 2, active: s.activeK2), panel(k: 10, active: s.activeK10)], rows: 1, columns: 2, width: 7, height: 3)
    }
}
