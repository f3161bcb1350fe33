/// Fills the template with results: expressions become formatted values, cross-references become
/// links, figure and table directives become numbered figures and Markdown tables, checks are
/// evaluated. A pure function of the plan and the results.
public enum MarkdownWriter {
    /// - Parameter figureLink: the path the Markdown paper uses for a figure's PNG, given its stem.
    /// - Parameter registry: draws the figure outputs of the plan's directives.
    public static func render(
        _ plan: Plan, results: Results, registry: DirectiveRegistry = .standard, figureLink: (String) -> String
    ) -> (Document, [Diagnostic]) {
        let evaluator = Evaluator(params: plan.params, results: results.values, figures: FigureOutputs(plan, registry: registry))
        var writer = Writer(plan: plan, evaluator: evaluator)
        var lines: [String] = []
        // A directive that shows nothing leaves its surrounding blank lines; drop one of them.
        var omitted = false
        for (index, block) in plan.template.blocks.enumerated() {
            let count = lines.count
            defer { omitted = lines.count == count }
            switch block {
            case .prose(let prose):
                var text = writer.fill(prose)
                if (omitted || lines.last == "") && text.hasPrefix("\n") { text.removeFirst() }
                if !(text.isEmpty && lines.last == "") { lines.append(text) }
            case .heading(let heading):
                let anchor = heading.attributes.map { " " + $0 } ?? ""
                lines.append(String(repeating: "#", count: heading.level) + " " + writer.fill(heading.text) + anchor)
            case .code(let text):
                lines.append(text)
            case .directive:
                switch plan.presentations[index] {
                case .figure(let figure)?: appendBlock(writer.place(figure, link: figureLink), to: &lines)
                case .table(let table)?: appendBlock(writer.place(table), to: &lines)
                case .check(let claims)?: writer.verify(claims)
                case nil: break
                }
            }
        }
        let document = Document(
            title: plan.template.frontMatter.title, authors: plan.template.frontMatter.authors,
            abstract: plan.template.frontMatter.abstract,
            body: String(lines.joined(separator: "\n").drop { $0 == "\n" }),
            figures: writer.figures, filled: writer.filled, checks: writer.checks)
        return (document, writer.diagnostics)
    }
}

/// Appends a figure or table as its own Markdown block: blank lines before and after, whatever
/// the template had around its directive.
private func appendBlock(_ block: String, to lines: inout [String]) {
    guard !block.isEmpty else { return }
    if let last = lines.last, !last.isEmpty, !last.hasSuffix("\n") { lines.append("") }
    lines.append(block)
    lines.append("")
}

private struct Writer {
    let plan: Plan
    let evaluator: Evaluator
    var figures: [FigureRequest] = []
    var filled: [FilledValue] = []
    var checks: [CheckOutcome] = []
    var diagnostics: [Diagnostic] = []

    init(plan: Plan, evaluator: Evaluator) {
        self.plan = plan
        self.evaluator = evaluator
    }

    mutating func fill(_ prose: Prose) -> String {
        var out = ""
        for segment in prose.segments {
            switch segment {
            case .text(let text):
                out += text
            case .reference(let reference):
                out += "[\(plan.references[reference.label] ?? reference.label)](#\(reference.label))"
            case .expression(let inline):
                do {
                    let value = try evaluator.evaluate(inline.expression)
                    let text = try format(value, inline.formats.first, at: inline.location)
                    filled.append(FilledValue(at: inline.location.description, expression: inline.source, text: text, value: value))
                    out += MarkdownText.escape(text)
                } catch let diagnostic as Diagnostic {
                    diagnostics.append(diagnostic)
                } catch {
                    diagnostics.append(.error(at: inline.location, "\(error)"))
                }
            }
        }
        return out
    }

    private func format(_ value: Value, _ spec: FormatSpec?, at location: SourceLocation) throws -> String {
        guard let spec else {
            if case .table = value {
                throw Diagnostic.error(at: location, "a table cannot be written inline; place it with a table directive")
            }
            return ValueFormat.plain(value)
        }
        do {
            return try spec.format.apply(to: value)
        } catch let error as ValueFormat.FormatError {
            throw Diagnostic.error(at: spec.location, error.message)
        }
    }

    mutating func place(_ figure: FigurePlacement, link: (String) -> String) -> String {
        let stem = figure.label ?? "figure-\(figure.number)"
        let caption = fill(figure.caption)
        do {
            let drawn = try FigureBuilder.figure(
                of: try evaluator.resolve(figure.show), x: try figure.x.map(evaluator.resolve),
                hline: try figure.hline.map(evaluator.resolve), style: figure.style, at: figure.location)
            figures.append(FigureRequest(stem: stem, number: figure.number, figure: drawn, location: figure.location))
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: figure.location, "\(error)"))
        }
        let name = "Figure \(figure.number)"
        let captionLine = caption.isEmpty ? "*\(name).*" : "*\(name): \(caption)*"
        return "<a id=\"\(stem)\"></a>\n\n![\(name)](\(link(stem)))\n\n\(captionLine)"
    }

    mutating func place(_ table: TablePlacement) -> String {
        let caption = fill(table.caption)
        let name = "Table \(table.number)"
        let anchor = table.label.map { "<a id=\"\($0)\"></a>\n\n" } ?? ""
        let captionLine = caption.isEmpty ? "*\(name).*" : "*\(name): \(caption)*"
        do {
            let data: Table
            switch table.source {
            case .result(let show):
                guard case .table(let shown) = try evaluator.resolve(show) else {
                    throw Diagnostic.error(at: show.location, "'\(show.display)' is not a table")
                }
                data = shown
            case .rows(let rows):
                data = Table(columns: table.columns ?? [], rows: try rows.map { try $0.map { try evaluator.evaluate($0.expression) } })
            }
            let columns = table.columns ?? data.columns
            for name in columns where !data.columns.contains(name) {
                throw Diagnostic.error(at: table.location, "the table has no column '\(name)'\(suggestion(for: name, among: data.columns))")
            }
            for name in table.formats.keys where !columns.contains(name) {
                throw Diagnostic.error(at: table.formats[name]!.location, "format given for '\(name)', which is not a shown column\(suggestion(for: name, among: columns))")
            }
            let indices = columns.map { data.columns.firstIndex(of: $0)! }
            var cells: [[String]] = []
            for row in 0..<data.rowCount {
                cells.append(try zip(columns, indices).map { name, index in
                    MarkdownText.escape(try format(data.data[index][row], table.formats[name], at: table.location))
                })
            }
            let numeric = indices.map { index in (0..<data.rowCount).allSatisfy { data.data[index][$0].number != nil } }
            let header = "| " + columns.map(MarkdownText.escape).joined(separator: " | ") + " |"
            let rule = "|" + numeric.map { $0 ? "---:|" : ":---|" }.joined()
            let body = cells.map { "| " + $0.joined(separator: " | ") + " |" }
            return anchor + captionLine + "\n\n" + ([header, rule] + body).joined(separator: "\n")
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
            return ""
        } catch {
            diagnostics.append(.error(at: table.location, "\(error)"))
            return ""
        }
    }

    mutating func verify(_ claims: [Claim]) {
        for claim in claims {
            do {
                let holds = try evaluator.truth(try evaluator.evaluate(claim.expression), at: claim.location)
                checks.append(CheckOutcome(at: claim.location.description, claim: claim.source, holds: holds))
                if !holds {
                    diagnostics.append(.error(at: claim.location, "check failed: \(claim.source)\(explain(claim.expression))"))
                }
            } catch let diagnostic as Diagnostic {
                diagnostics.append(diagnostic)
            } catch {
                diagnostics.append(.error(at: claim.location, "\(error)"))
            }
        }
    }

    /// The values on both sides of the failing comparison, such as " (11 vs 12)".
    private func explain(_ expression: Expression) -> String {
        guard case .binary(let op, let left, let right, _) = expression else { return "" }
        if op == .and {
            let leftHolds = (try? evaluator.evaluate(left)) == .boolean(true)
            return explain(leftHolds ? right : left)
        }
        guard op.isComparison, let l = try? evaluator.evaluate(left), let r = try? evaluator.evaluate(right) else { return "" }
        return " (\(left.canonical) = \(ValueFormat.plain(l)), \(right.canonical) = \(ValueFormat.plain(r)))"
    }
}
