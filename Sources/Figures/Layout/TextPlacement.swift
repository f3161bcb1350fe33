/// Which point of a line of text sits on its anchor, along the text.
enum TextAlignment {
    case left, center, right
}

/// Which point of a line of text sits on its anchor, across the text: its top, middle, baseline
/// or bottom (font ascent and descent, so lines of one font align whatever their letters).
enum TextBaseline {
    case top, middle, baseline, bottom
}

extension TextBox {
    /// Where the text's baseline starts relative to its anchor: `along` the text, and `across`
    /// it (downwards for upright text).
    func origin(_ align: TextAlignment, _ baseline: TextBaseline) -> (along: Double, across: Double) {
        let along: Double
        switch align {
        case .left: along = 0
        case .center: along = -width / 2
        case .right: along = -width
        }
        switch baseline {
        case .top: return (along, ascent)
        case .middle: return (along, (ascent - descent) / 2)
        case .baseline: return (along, 0)
        case .bottom: return (along, -descent)
        }
    }
}

/// A line of text placed in the figure: anchor point, alignment, rotation and font.
struct TextPlacement {
    var text: String
    var x: Double
    var y: Double
    var font: FontStyle
    var color: Color = .black
    var align: TextAlignment = .left
    var baseline: TextBaseline = .baseline
    /// Anticlockwise, in radians; 0 or π/2.
    var angle: Double = 0

    /// The box the text covers (for upright or quarter-turned text).
    func box(_ typesetter: Typesetter) -> Rect {
        let m = typesetter.measure(text, font)
        let (along, baselineShift) = m.origin(align, baseline)
        let across = baselineShift - m.ascent
        if angle == 0 {
            return Rect(x: x + along, y: y + across, width: m.width, height: m.height)
        }
        // Turned a quarter anticlockwise: the text runs upwards, its top faces left.
        return Rect(x: x + across, y: y - along - m.width, width: m.height, height: m.width)
    }
}

extension Canvas {
    func draw(_ t: TextPlacement, _ typesetter: Typesetter) {
        text(t.text, at: t.x, t.y, t.font, t.color, align: t.align, baseline: t.baseline, angle: t.angle,
             typesetter: typesetter)
    }
}

extension PanelLayout {
    /// The label of a reference line, just above (or left of) the line at whichever end hides less data.
    static func label(of line: ReferenceLine, plot: Rect, x: AxisMap, y: AxisMap, font: FontStyle,
                      avoiding occupied: Occupancy, _ typesetter: Typesetter) -> TextPlacement? {
        guard let text = line.label else { return nil }
        let gap = 0.3 * font.size
        let candidates: [TextPlacement]
        if line.orientation == .horizontal {
            let py = y(line.value)
            candidates = [
                TextPlacement(text: text, x: plot.maxX - gap, y: py - gap, font: font, color: line.color,
                              align: .right, baseline: .bottom),
                TextPlacement(text: text, x: plot.minX + gap, y: py - gap, font: font, color: line.color,
                              align: .left, baseline: .bottom),
            ]
        } else {
            let px = x(line.value)
            candidates = [
                TextPlacement(text: text, x: px - gap, y: plot.minY + gap, font: font, color: line.color,
                              align: .right, baseline: .bottom, angle: Double.pi / 2),
                TextPlacement(text: text, x: px - gap, y: plot.maxY - gap, font: font, color: line.color,
                              align: .left, baseline: .bottom, angle: Double.pi / 2),
            ]
        }
        return candidates.min { occupied.hidden(by: $0.box(typesetter)) < occupied.hidden(by: $1.box(typesetter)) }
    }

    /// An annotation's text beside its data point, on the side its anchor names.
    static func placement(of note: Annotation, x: AxisMap, y: AxisMap, font: FontStyle) -> TextPlacement {
        let gap = 0.4 * font.size
        var t = TextPlacement(text: note.text, x: x(note.x), y: y(note.y), font: font, color: note.color)
        switch note.anchor {
        case .center: (t.align, t.baseline) = (.center, .middle)
        case .left: (t.x, t.align, t.baseline) = (t.x + gap, .left, .middle)
        case .right: (t.x, t.align, t.baseline) = (t.x - gap, .right, .middle)
        case .above: (t.y, t.align, t.baseline) = (t.y - gap, .center, .bottom)
        case .below: (t.y, t.align, t.baseline) = (t.y + gap, .center, .top)
        }
        return t
    }
}
