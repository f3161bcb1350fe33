import CCairo

/// A rendered figure as 32-bit ARGB pixels (premultiplied, row-major, top row first), for
/// checking what was drawn without decoding a PNG.
struct PixelImage {
    var width: Int
    var height: Int
    var pixels: [UInt32]
    /// Pixels per point.
    var scale: Double

    init(_ figure: Figure) throws {
        let renderer = FigureRenderer(figure)
        let canvas = try renderer.rasterized()
        width = Int(cairo_image_surface_get_width(canvas.surface))
        height = Int(cairo_image_surface_get_height(canvas.surface))
        scale = figure.dpi / 72
        let stride = Int(cairo_image_surface_get_stride(canvas.surface))
        let data = cairo_image_surface_get_data(canvas.surface)!
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for r in 0..<height {
            let row = UnsafeRawPointer(data + r * stride).bindMemory(to: UInt32.self, capacity: width)
            pixels.append(contentsOf: UnsafeBufferPointer(start: row, count: width))
        }
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y` as 8-bit (red, green, blue).
    subscript(x: Int, y: Int) -> (red: Int, green: Int, blue: Int) {
        let p = pixels[y * width + x]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }

    /// The pixel under the figure point `(x, y)` (in points from the top left).
    func at(points x: Double, _ y: Double) -> (red: Int, green: Int, blue: Int) {
        self[Int(x * scale), Int(y * scale)]
    }

    /// An opaque colour as a Cairo ARGB32 pixel.
    static func argb(_ c: Color) -> UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32((min(max(v, 0), 1) * 255).rounded()) }
        return 0xFF00_0000 | byte(c.red) << 16 | byte(c.green) << 8 | byte(c.blue)
    }
}
