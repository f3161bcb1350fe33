import Figures

/// Turns a result into a figure for the `figure` directive: a figure value is used as it is
/// (resized if asked); a list is drawn as a line, scatter, step, histogram or bar chart; an
/// `{x, y}` record as a line; a matrix as a heatmap. An image a program wrote is placed as it is.
/// An overlay (a list) is drawn over a figure result's first panel as a step line at x = 1, 2, ...
enum FigureBuilder {
    static func artwork(
        of value: Value, x: Value?, hline: Value?, overlay: Value?, style: FigureStyle, at location: SourceLocation
    ) throws -> FigureRequest.Artwork {
        guard case .image(let image) = value else {
            return .drawn(try figure(of: value, x: x, hline: hline, overlay: overlay, style: style, at: location))
        }
        let restyled = [
            ("kind", style.kind != .auto), ("x", x != nil), ("hline", hline != nil), ("overlay", overlay != nil), ("width", style.width != nil),
            ("x-label", !style.xLabel.isEmpty), ("y-label", !style.yLabel.isEmpty), ("log-x", style.logX), ("log-y", style.logY),
        ].filter(\.1).map(\.0)
        guard restyled.isEmpty else {
            throw Diagnostic.error(at: location, "the result is an image, placed as it is; leave out \(restyled.joined(separator: ", "))")
        }
        return .image(image)
    }

    private static func figure(
        of value: Value, x: Value?, hline: Value?, overlay: Value?, style: FigureStyle, at location: SourceLocation
    ) throws -> Figure {
        func fail(_ message: String) -> Diagnostic { .error(at: location, message) }
        var figure: Figure
        let x = x.map(ReplicatedFigure.coordinates)
        switch (value, style.kind) {
        case (_, .auto) where ReplicatedFigure.draws(value), (_, .line) where ReplicatedFigure.draws(value),
             (_, .scatter) where ReplicatedFigure.draws(value):
            figure = try ReplicatedFigure.figure(value, x: x, style: style, fail: fail)
        case (.figure(let given), .auto):
            figure = given
            // Labels and scales given in the template restyle the figure's first panel.
            if !figure.panels.isEmpty {
                if !style.xLabel.isEmpty { figure.panels[0].x.label = style.xLabel }
                if !style.yLabel.isEmpty { figure.panels[0].y.label = style.yLabel }
                if style.logX { figure.panels[0].x.scale = .log }
                if style.logY { figure.panels[0].y.scale = .log }
            }
        case (.figure, _):
            throw fail("the result is already a figure; leave out 'kind'")
        case (.record(let record), .auto), (.record(let record), .line), (.record(let record), .scatter), (.record(let record), .step):
            guard let xs = record["x"], let ys = record["y"] else {
                throw fail("a record is drawn from its 'x' and 'y' lists; this one has \(record.names.joined(separator: ", "))")
            }
            guard let yValues = ys.reals else { throw fail("'y' must be a list of numbers") }
            figure = try plot(yValues, x: xs, kind: style.kind == .auto ? .line : style.kind, style: style, fail: fail)
        case (_, let kind) where value.reals != nil && kind != .heatmap:
            figure = try plot(value.reals!, x: x, kind: kind, style: style, fail: fail)
        case (.list, .auto), (.list, .heatmap), (.matrix, .auto), (.matrix, .heatmap):
            guard let matrix = Matrix(value: value), matrix.rows > 0, matrix.columns > 0 else {
                throw fail("cannot draw this \(value.typeName): it is neither numbers nor a matrix of numbers")
            }
            figure = .heatmap(matrix.rowArrays)
        default:
            throw fail("cannot draw a \(value.typeName) as \(style.kind == .auto ? "a figure" : style.kind.rawValue)")
        }
        if let overlay {
            guard case .figure = value, !figure.panels.isEmpty else { throw fail("'overlay' draws over a figure result; this is \(withArticle(value.typeName))") }
            guard let ys = overlay.reals, !ys.isEmpty else { throw fail("'overlay' must be a list of numbers, got a \(overlay.typeName)") }
            let color = Palette.color(figure.panels[0].layers.count)
            figure.panels[0].layers.append(.step(x: ys.indices.map { Double($0 + 1) }, y: ys,
                                                 label: style.overlayLabel.isEmpty ? nil : style.overlayLabel, color: color))
        }
        if let hline {
            guard let y = hline.number else { throw fail("'hline' must be a number, got a \(hline.typeName)") }
            guard !figure.panels.isEmpty else { throw fail("the figure has no panel for a reference line") }
            figure.panels[0].referenceLines.append(.horizontal(y, label: style.hlineLabel.isEmpty ? nil : style.hlineLabel))
        }
        if let width = style.width {
            figure.height *= width / figure.width
            figure.width = width
        }
        if let problem = figure.problem { throw fail("cannot draw this figure: \(problem)") }
        return figure
    }

    private static func plot(
        _ ys: [Double], x: Value?, kind: FigurePlotKind, style: FigureStyle, fail: (String) -> Diagnostic
    ) throws -> Figure {
        var xs = ys.indices.map(Double.init)
        var names: [String]?
        if let x {
            guard let items = x.elements, items.count == ys.count else {
                throw fail("'x' must be a list as long as the values (\(ys.count))")
            }
            if let numbers = x.reals { xs = numbers } else { names = items.map { ValueFormat.plain($0) } }
        }
        let xAxis = Axis(style.xLabel.isEmpty ? nil : style.xLabel, scale: style.logX ? .log : .linear)
        let yAxis = Axis(style.yLabel.isEmpty ? nil : style.yLabel, scale: style.logY ? .log : .linear)
        switch kind {
        case .auto, .line: return Figure(Panel(x: xAxis, y: yAxis, layers: [.line(x: xs, y: ys)]))
        case .scatter: return Figure(Panel(x: xAxis, y: yAxis, layers: [.scatter(x: xs, y: ys)]))
        case .step: return Figure(Panel(x: xAxis, y: yAxis, layers: [.step(x: xs, y: ys)]))
        case .histogram:
            return .histogram(ys, bins: style.bins, xAxis: xAxis, yAxis: style.yLabel.isEmpty ? nil : yAxis)
        case .bars:
            let categories = names ?? xs.map { ValueFormat.plain(.real($0)) }
            return Figure(Panel(x: xAxis, y: yAxis, layers: [.bars(Bars(categories: categories, values: ys))]))
        case .heatmap: throw fail("a heatmap needs a matrix (a list of lists of numbers)")
        }
    }
}
