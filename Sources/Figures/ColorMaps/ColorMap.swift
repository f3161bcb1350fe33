/// A continuous colour map from `0...1` to colours, piecewise linear in sRGB between anchors.
public enum ColorMap: String, Codable, Sendable, CaseIterable {
    /// matplotlib's perceptually uniform, colour-blind-safe sequential map.
    case viridis
    /// A diverging map, blue (low) through near-white (middle) to red (high): ColorBrewer RdBu reversed.
    case blueWhiteRed

    /// Whether the map is meant for data centred on zero (its automatic range is then symmetric).
    public var isDiverging: Bool { self == .blueWhiteRed }

    /// The colour at `t`, clamped to `0...1`; NaN maps to light grey.
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return Color(hex: 0xDDDDDD) }
        let stops = anchors
        let s = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(s), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], s - Double(i))
    }

    /// Equally spaced anchor colours, from `t = 0` to `t = 1`.
    var anchors: [Color] {
        switch self {
        case .viridis:
            return [0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C,
                    0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725].map { Color(hex: $0) }
        case .blueWhiteRed:
            return [0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
                    0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F].map { Color(hex: $0) }
        }
    }
}
