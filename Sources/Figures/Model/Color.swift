/// An sRGB colour with opacity; every component lies in 0...1.
public struct Color: Codable, Equatable, Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` literal, e.g. `Color(hex: 0x4477AA)`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// The same colour with another opacity.
    public func opacity(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation in sRGB: `t = 0` gives `self`, `t = 1` gives `other`.
    func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t,
              green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t,
              alpha: alpha + (other.alpha - alpha) * t)
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// The grey of reference lines and frames.
    public static let gray = Color(hex: 0x555555)
}

/// Colour-blind-safe qualitative palettes.
public enum Palette {
    /// Paul Tol's "bright" scheme, distinguishable under the common colour-vision deficiencies.
    public static let tolBright: [Color] = [0x4477AA, 0xEE6677, 0x228833, 0xCCBB44, 0x66CCEE, 0xAA3377, 0xBBBBBB]
        .map { Color(hex: $0) }

    /// The `index`-th default colour (cycling through ``tolBright``).
    public static func color(_ index: Int) -> Color {
        tolBright[((index % tolBright.count) + tolBright.count) % tolBright.count]
    }
}
