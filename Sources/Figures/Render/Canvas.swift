import CCairo
import Foundation

/// A Cairo drawing context and its surface, owned together and destroyed together.
/// Coordinates are points with the origin at the top left.
final class Canvas {
    let surface: OpaquePointer
    let context: OpaquePointer

    /// Takes ownership of `surface` (a +1 reference).
    init(surface: OpaquePointer) {
        self.surface = surface
        context = cairo_create(surface)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Throws if Cairo reported an error on the context or the surface.
    func check() throws {
        for status in [cairo_status(context), cairo_surface_status(surface)] where status != CAIRO_STATUS_SUCCESS {
            throw FigureError.cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    func setColor(_ c: Color) {
        cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha)
    }

    /// Runs `body` with the current state saved, and restored afterwards.
    func saved(_ body: () -> Void) {
        cairo_save(context)
        body()
        cairo_restore(context)
    }

    func clip(to rect: Rect) {
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    /// Adds an open polyline to the path; non-finite points break it into pieces.
    func addPolyline(_ points: [(Double, Double)]) {
        var drawing = false
        for (px, py) in points {
            guard px.isFinite && py.isFinite else { drawing = false; continue }
            if drawing { cairo_line_to(context, px, py) } else { cairo_move_to(context, px, py) }
            drawing = true
        }
    }

    func stroke(_ color: Color, width: Double, dash: Dash = .solid) {
        setColor(color)
        cairo_set_line_width(context, width)
        let pattern = dash.pattern.map { $0 * width }
        cairo_set_dash(context, pattern, Int32(pattern.count), 0)
        cairo_stroke(context)
    }

    func line(_ points: [(Double, Double)], _ color: Color, width: Double, dash: Dash = .solid) {
        addPolyline(points)
        stroke(color, width: width, dash: dash)
    }

    func fill(_ rect: Rect, _ color: Color) {
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        setColor(color)
        cairo_fill(context)
    }

    /// Fills the closed polygon through `points`.
    func fillPolygon(_ points: [(Double, Double)], _ color: Color) {
        addPolyline(points)
        cairo_close_path(context)
        setColor(color)
        cairo_fill(context)
    }

    /// Draws one line of text at `(x, y)`, turned anticlockwise by `angle` radians about the anchor.
    func text(_ string: String, at x: Double, _ y: Double, _ font: FontStyle, _ color: Color = .black,
              align: TextAlignment = .left, baseline: TextBaseline = .baseline, angle: Double = 0,
              typesetter: Typesetter) {
        guard !string.isEmpty else { return }
        let (dx, dy) = typesetter.measure(string, font).origin(align, baseline)
        saved {
            cairo_translate(context, x, y)
            cairo_rotate(context, -angle)
            cairo_move_to(context, dx, dy)
            setColor(color)
            for run in TextRun.runs(string) {
                font.scaled(run.script.scale).apply(to: context)
                let rise = run.script.rise * font.size
                cairo_rel_move_to(context, 0, -rise)
                cairo_show_text(context, run.text)
                cairo_rel_move_to(context, 0, rise)
            }
        }
    }

    /// Draws a marker of diameter `size` centred at `(x, y)`.
    func marker(_ kind: Marker, at x: Double, _ y: Double, size: Double, _ color: Color) {
        guard x.isFinite && y.isFinite else { return }
        let r = size / 2
        switch kind {
        case .none:
            return
        case .circle:
            cairo_new_sub_path(context)
            cairo_arc(context, x, y, r, 0, 2 * Double.pi)
        case .square:
            cairo_rectangle(context, x - r, y - r, size, size)
        case .triangle:
            addPolyline([(x, y - r * 1.15), (x + r, y + r * 0.75), (x - r, y + r * 0.75)])
            cairo_close_path(context)
        case .diamond:
            addPolyline([(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)])
            cairo_close_path(context)
        case .cross, .plus:
            let d = kind == .cross ? r * 0.85 : r
            let arms = kind == .cross ? [((x - d, y - d), (x + d, y + d)), ((x - d, y + d), (x + d, y - d))]
                                      : [((x - d, y), (x + d, y)), ((x, y - d), (x, y + d))]
            for (p, q) in arms { addPolyline([p, q]) }
            stroke(color, width: max(size / 5, 0.8))
            return
        }
        setColor(color)
        cairo_fill(context)
    }
}

/// Why a figure could not be rendered.
public enum FigureError: Error, Equatable {
    /// Cairo reported an error (out of memory, invalid size, ...).
    case cairo(String)
    /// The figure's data are inconsistent, e.g. x and y of different lengths.
    case invalid(String)
}
