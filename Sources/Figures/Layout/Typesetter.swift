import CCairo

/// A font choice: DejaVu Sans at a size in points, regular or bold.
struct FontStyle: Hashable {
    var size: Double
    var bold = false

    static let family = "DejaVu Sans"

    func scaled(_ factor: Double) -> FontStyle {
        FontStyle(size: size * factor, bold: bold)
    }

    /// Selects this font on `context` with unhinted metrics, so text has the same extents on
    /// every surface (and hence every format).
    func apply(to context: OpaquePointer) {
        cairo_select_font_face(context, FontStyle.family, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }
}

/// The box a line of text occupies: its advance width, and the font's ascent and descent.
struct TextBox: Equatable {
    var width: Double
    var ascent: Double
    var descent: Double

    var height: Double { ascent + descent }
}

/// Measures text for layout on a private 1×1 image surface, the same way for every output format,
/// remembering what it measured (layout asks about the same labels many times).
final class Typesetter {
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private var measured: [FontStyle: [String: TextBox]] = [:]

    init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        context = cairo_create(surface)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The advance width of `text` (with its script runs), and the ascent and descent of `font`,
    /// so that lines of one font share their baselines whatever their characters.
    func measure(_ text: String, _ font: FontStyle) -> TextBox {
        if let box = measured[font]?[text] { return box }
        font.apply(to: context)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(context, &fontExtents)
        let width = TextRun.runs(text).reduce(0) { total, run in
            font.scaled(run.script.scale).apply(to: context)
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, run.text, &extents)
            return total + extents.x_advance
        }
        let box = TextBox(width: width, ascent: fontExtents.ascent, descent: fontExtents.descent)
        measured[font, default: [:]][text] = box
        return box
    }
}
