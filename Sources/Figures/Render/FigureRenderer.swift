import CCairo

extension Figure {
    /// The figure as the bytes of an SVG, PNG or PDF file. The same figure value gives the same
    /// bytes on every call, in every process: SVG ids are renumbered from the document alone, and
    /// the PDF creation and modification dates are pinned to ``FigureRenderer/pdfDate``.
    /// Throws ``FigureError/invalid(_:)`` for an inconsistent figure (see ``problem``).
    public func render(as format: FigureFormat) throws -> [UInt8] {
        if let problem { throw FigureError.invalid(problem) }
        return try FigureRenderer(self).render(as: format)
    }
}

/// Renders one figure through Cairo. Every Cairo object it creates is owned by a Swift value
/// that frees it when the rendering call returns.
struct FigureRenderer {
    /// The date written into PDF metadata instead of the time of rendering.
    static let pdfDate = "2000-01-01T00:00:00Z"

    let figure: Figure
    let typesetter = Typesetter()
    let layout: FigureLayout

    init(_ figure: Figure) {
        self.figure = figure
        layout = FigureLayout(figure, typesetter: typesetter)
    }

    func render(as format: FigureFormat) throws -> [UInt8] {
        let sink = ByteSink()
        try withExtendedLifetime(sink) {
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            switch format {
            case .png:
                let canvas = try rasterized()
                let status = cairo_surface_write_to_png_stream(canvas.surface, writeToSink, closure)
                guard status == CAIRO_STATUS_SUCCESS else {
                    throw FigureError.cairo(String(cString: cairo_status_to_string(status)))
                }
            case .svg:
                let surface = cairo_svg_surface_create_for_stream(writeToSink, closure, layout.width, layout.height)!
                cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
                try drawVector(Canvas(surface: surface))
            case .pdf:
                let surface = cairo_pdf_surface_create_for_stream(writeToSink, closure, layout.width, layout.height)!
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, Self.pdfDate)
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, Self.pdfDate)
                try drawVector(Canvas(surface: surface))
            }
        }
        return format == .svg ? SVGIdentifiers.normalized(sink.bytes) : sink.bytes
    }

    /// Draws onto a vector surface and finishes it, flushing the whole file to the sink.
    private func drawVector(_ canvas: Canvas) throws {
        draw(on: canvas)
        try canvas.check()
        cairo_surface_finish(canvas.surface)
        try canvas.check()
    }

    /// The figure drawn on an image surface of `width × dpi` by `height × dpi` pixels.
    func rasterized() throws -> Canvas {
        let scale = figure.dpi / 72
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((layout.width * scale).rounded()),
                                                 Int32((layout.height * scale).rounded()))!
        let canvas = Canvas(surface: surface)
        cairo_scale(canvas.context, scale, scale)
        draw(on: canvas)
        try canvas.check()
        cairo_surface_flush(surface)
        return canvas
    }

    private func draw(on canvas: Canvas) {
        canvas.fill(Rect(x: 0, y: 0, width: layout.width, height: layout.height), .white)
        for panel in layout.panels {
            PanelPainter(layout: panel, metrics: layout.metrics, canvas: canvas, typesetter: typesetter).draw()
        }
    }
}

/// Collects the bytes Cairo writes through a stream callback.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Appends Cairo's output to the `ByteSink` passed (unretained) as the closure pointer.
private let writeToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
