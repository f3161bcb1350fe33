import Foundation
import Figures
import Landscape

extension LangevinFigures {
    /// (a) Var(v_i·θ)·λ_i/T over the probe at the end of each window against T, one series per
    /// eigenvector (1 if the loss is harmonic there); (b) the spectra at the window's end of
    /// replicate 1 in units of T against the rank (log y), with λ = T marked; (c) n(λ > T) against
    /// D_mean, with the line of equality.
    static func geometry(_ s: Stored) -> Figure {
        let rows = 0..<s.spreadRatio.rows, t = rows.map { s.temperature[$0] }
        let ratios = Panel(
            x: .log("temperature T"), y: .log("Var(v_{i}·θ) λ_{i}/T"),
            layers: (0..<s.spreadRatio.columns).map { i in
                .errorBars(ErrorBars(x: t, y: rows.map { s.spreadRatio.row($0)[i] }, error: rows.map { s.spreadRatioError.row($0)[i] },
                                     label: "i = \(i + 1)", color: Palette.color(i), marker: .circle))
            },
            legend: .upperLeft, referenceLines: [.horizontal(1, label: "harmonic")])
        let spectra = Panel(
            x: .log("rank i"), y: .log("λ_{i}/T"),
            layers: rows.map { j in
                let values = s.spectra.row(j), positive = values.indices.filter { values[$0] > 0 }
                return .line(x: positive.map { Double($0 + 1) }, y: positive.map { values[$0] / t[j] }, label: label(t[j]), color: Palette.color(j))
            },
            legend: .upperRight, referenceLines: [.horizontal(1, label: "λ = T")])
        let top = rows.map { max(s.countAboveT[$0] + s.countAboveTError[$0], s.dMean[$0] + s.dMeanError[$0]) }.max() ?? 1
        let counts = Panel(
            x: Axis("D_{mean}", lower: 0, upper: 1.1 * top), y: Axis("n(λ > T)", lower: 0, upper: 1.1 * top),
            layers: [.errorBars(ErrorBars(x: rows.map { s.dMean[$0] }, y: rows.map { s.countAboveT[$0] }, error: rows.map { s.countAboveTError[$0] },
                                          label: "N = \(s.points[0])", color: Palette.color(0), marker: .circle)),
                     .line(x: [0, 1.1 * top], y: [0, 1.1 * top], label: "equal", color: Color(hex: 0x000000), dash: .dashed)],
            legend: .upperLeft)
        return Figure(panels: [ratios, spectra, counts], rows: 1, columns: 3, width: 7, height: 3)
    }

    /// The density of s = c_i/T per unit ln s at each temperature of the first N (pooled over the
    /// window's records and the replicates), against the boundary model's e^{−s} (density e^{−s}/s)
    /// and the harmonic null's √s e^{−s}/Γ(1/2), both conditional on s ≥ 1/50.
    static func ratios(_ s: Stored) -> Figure {
        // The bins up to s = 20, where the laws' densities are still above 10⁻⁴ per unit ln s.
        let bins = s.ratioBins, kept = bins.indices.filter { bins[$0] <= 20 }
        let measured: [Layer] = (0..<s.ratioDensity.rows).map { j in
            let density = s.ratioDensity.row(j), shown = kept.filter { density[$0] > 0 }
            return .line(x: shown.map { bins[$0] }, y: shown.map { density[$0] }, label: label(s.temperature[j]), color: Palette.color(j), marker: .circle)
        }
        let panel = Panel(
            x: .log("s = c_{i}/T"), y: Axis.log("density per unit ln s", lower: 1e-4, upper: 1),
            layers: measured + [.line(x: kept.map { bins[$0] }, y: kept.map { s.ratioModelDensity[$0] }, label: "boundary model",
                                      color: Color(hex: 0x000000), dash: .dashed),
                                .line(x: kept.map { bins[$0] }, y: kept.map { s.ratioNullDensity[$0] }, label: "harmonic null",
                                      color: Color(hex: 0x808080), dash: .dotted)],
            legend: .outside)
        return Figure(panel, width: 7, height: 3)
    }
}
