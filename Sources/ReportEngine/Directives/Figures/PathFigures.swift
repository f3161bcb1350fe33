import Figures
import Foundation

/// The figures of `mode-path`, drawn from its stored barriers and profiles.
enum PathFigures {
    typealias Stored = StoredResults<ModePathDirective.Results>

    /// log₁₀ of the straight-line barriers as a heatmap (the diagonal left blank).
    static func barriers(_ stored: Stored) -> Figure {
        .heatmap(stored.barriers.rowArrays.map { $0.map { $0 > 0 ? log10($0) : .nan } }, colorBarLabel: "log₁₀ barrier")
    }

    /// Loss along the straight line and the relaxed band of the lowest pair, on a log axis.
    static func profile(_ stored: Stored) throws -> Figure {
        let line = try curve(stored.lineProfile), band = try curve(stored.bandProfile)
        guard !line.positions.isEmpty else { return Figure(panels: []) }
        // The endpoints are minima (loss ~ 0): show them at a floor a decade below the lowest
        // interior point, so the axis spans the barriers rather than rounding errors.
        let interior = (line.losses.dropFirst().dropLast() + band.losses.dropFirst().dropLast()).filter { $0 > 0 }
        let floor = (interior.min() ?? 1e-12) / 10
        return Figure(Panel(
            x: Axis("Position along the path (fraction of its length)"), y: .log("Loss"),
            layers: [
                .line(x: line.positions, y: line.losses.map { max($0, floor) }, label: "straight line"),
                .line(x: band.positions, y: band.losses.map { max($0, floor) }, label: "elastic band",
                      color: Palette.color(1), marker: .circle),
            ]), width: 4.5, height: 2.8)
    }

    private static func curve(_ table: Table) throws -> (positions: [Double], losses: [Double]) {
        guard let positions = table.column("position").flatMap({ [Double](value: $0.value) }),
              let losses = table.column("loss").flatMap({ [Double](value: $0.value) }) else {
            throw DirectiveFailure("a profile needs numeric columns position and loss")
        }
        return (positions, losses)
    }
}
