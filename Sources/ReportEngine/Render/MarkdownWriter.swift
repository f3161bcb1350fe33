import PaperHTML

/// Fills the template with results into the paper's document model: expressions become formatted
/// values, cross-references become links, citations their formatted text (and the works cited a
/// last section), headings get their numbers, labelled display equations a `\tag`, figure and
/// table directives become numbered figures and tables, checks are evaluated and shown with the
/// values they compared. A pure function of
/// the plan and the results; both papers are written from the `Document` it returns.
enum MarkdownWriter {
    /// - Parameter figureLink: the path the Markdown paper uses for a figure file, given its name.
    /// - Parameter registry: draws the figure outputs of the plan's directives.
    static func render(
        _ plan: Plan, results: Results, registry: DirectiveRegistry = .standard, figureLink: (String) -> String
    ) -> (Document, [Diagnostic]) {
        let evaluator = Evaluator(params: plan.params, results: results.values, figures: FigureOutputs(plan, registry: registry))
        var writer = Writer(plan: plan, evaluator: evaluator)
        var blocks: [PaperBlock] = []
        // The Markdown gathered since the last heading, figure or table: prose and verbatim blocks.
        var lines: [String] = []
        func endMarkdown() {
            let text = withoutBlankEnds(lines.joined(separator: "\n"))
            if !text.isEmpty { blocks.append(.markdown(text)) }
            lines = []
        }
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
            case .verbatim(let text):
                lines.append(text)
            case .heading(let heading):
                // The title heading is the paper's title, which both papers print from the front matter.
                guard let section = plan.numbering.sections[index] else { continue }
                endMarkdown()
                blocks.append(.heading(writer.place(heading, section)))
            case .directive:
                switch plan.presentations[index] {
                case .figure(let figure)?:
                    endMarkdown()
                    blocks.append(.figure(writer.place(figure, link: figureLink)))
                case .table(let table)?:
                    endMarkdown()
                    if let placed = writer.place(table) { blocks.append(.table(placed)) }
                case .check(let claims)?:
                    endMarkdown()
                    let outcomes = writer.verify(claims)
                    if !outcomes.isEmpty { blocks.append(.markdown(CheckText.markdown(outcomes))) }
                case nil: break
                }
            }
        }
        endMarkdown()
        if !plan.citations.references.isEmpty {
            let (level, section) = plan.numbering.referenceList
            blocks.append(.heading(PaperHeading(level: level, depth: section.depth, number: section.number, id: "sec-references", text: "References")))
            blocks.append(.references(plan.citations.references))
        }
        let document = Document(
            title: plan.template.frontMatter.title, authors: plan.template.frontMatter.authors,
            abstract: plan.template.frontMatter.abstract, keywords: plan.template.frontMatter.keywords, body: PaperBody(blocks),
            figures: writer.figures, filled: writer.filled, tables: writer.tables, checks: writer.checks)
        return (document, writer.diagnostics)
    }
}

/// `text` without its leading and trailing blank lines: blocks are separated by one blank line.
private func withoutBlankEnds(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
    while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
    return lines.joined(separator: "\n")
}

private struct Writer {
    let plan: Plan
    let evaluator: Evaluator
    var figures: [FigureRequest] = []
    var filled: [FilledValue] = []
    var tables: [FilledTable] = []
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
                out += "[\(plan.numbering.references[reference.label] ?? reference.label)](#\(reference.label))"
            case .citation(let citation):
                out += plan.citations.texts[citation.location] ?? citation.source
            case .equationLabel(let label):
                out = Self.number(equation: label.label, plan.numbering.equations[label.label] ?? 0, endingAt: out)
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

    /// `text`, which ends with a display equation's closing `$$`, with that equation numbered:
    /// `\tag{n}` after its last term (KaTeX, GitHub and LaTeX all print it as "(n)") and an
    /// anchor `<a id="eq-x"></a>` before its opening `$$`, the target of `@eq-x`.
    static func number(equation label: String, _ number: Int, endingAt text: String) -> String {
        guard let close = text.range(of: "$$", options: .backwards),
              let open = text[..<close.lowerBound].range(of: "$$", options: .backwards)
        else { return text }
        let body = text[open.upperBound..<close.lowerBound]
        let end = body.lastIndex { !$0.isWhitespace }.map(body.index(after:)) ?? body.startIndex
        return text[..<open.lowerBound] + "<a id=\"\(label)\"></a>$$" + body[..<end] + " \\tag{\(number)}"
            + body[end...] + text[close.lowerBound...]
    }

    private func format(_ value: Value, _ spec: FormatSpec?, at location: SourceLocation) throws -> String {
        guard let spec else {
            if case .table = value {
                throw Diagnostic.error(at: location, "a table cannot be written inline; place it with a table directive")
            }
            if case .replicated = value { throw Diagnostic.error(at: location, ValueFormat.replicatedMessage(value)) }
            return ValueFormat.plain(value)
        }
        do {
            return try spec.format.apply(to: value)
        } catch let error as ValueFormat.FormatError {
            throw Diagnostic.error(at: spec.location, error.message)
        }
    }

    /// A heading with its number; a setext heading's lines become one line.
    mutating func place(_ heading: Heading, _ section: SectionNumber) -> PaperHeading {
        let text = fill(heading.text).split(separator: "\n").map { $0.trimming(" \t") }.joined(separator: " ")
        return PaperHeading(
            level: heading.level, depth: section.depth, number: section.number, id: heading.anchor,
            text: text, attributes: heading.attributes)
    }

    mutating func place(_ figure: FigurePlacement, link: (String) -> String) -> PaperFigure {
        let stem = figure.label ?? "figure-\(figure.number)"
        let caption = fill(figure.caption)
        // A figure that cannot be shown fails the build; its link is never written.
        var linked = stem + ".png"
        do {
            let artwork = try FigureBuilder.artwork(
                of: try evaluator.resolve(figure.show), x: try figure.x.map(evaluator.resolve),
                hline: try figure.hline.map(evaluator.resolve), overlay: try figure.overlay.map(evaluator.resolve),
                style: figure.style, at: figure.location)
            let request = FigureRequest(stem: stem, number: figure.number, artwork: artwork, location: figure.location)
            linked = request.linkedFile
            figures.append(request)
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: figure.location, "\(error)"))
        }
        return PaperFigure(id: stem, number: figure.number, caption: caption, image: link(linked))
    }

    mutating func place(_ table: TablePlacement) -> PaperTable? {
        let caption = fill(table.caption)
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
            var headings = columns
            for (name, label) in table.labels {
                guard let index = columns.firstIndex(of: name) else {
                    throw Diagnostic.error(at: table.location, "label given for '\(name)', which is not a shown column\(suggestion(for: name, among: columns))")
                }
                switch label {
                case .text(let text): headings[index] = text
                case .integer, .real, .boolean: headings[index] = ValueFormat.plain(label)
                default: throw Diagnostic.error(at: table.location, "the label of '\(name)' must be text")
                }
            }
            let indices = columns.map { data.columns.firstIndex(of: $0)! }
            let filledRows = try (0..<data.rowCount).map { row in
                try zip(columns, indices).map { name, index in
                    let value = data.data[index][row]
                    // A cell written as an expression is reported where it was written.
                    var location = table.location
                    if case .rows(let rows) = table.source { location = rows[row][index].location }
                    return FilledTable.Cell(text: try format(value, table.formats[name], at: location), value: value)
                }
            }
            let cells = filledRows.map { $0.map { MarkdownText.escape($0.text) } }
            tables.append(FilledTable(
                at: table.location.description, table: "Table \(table.number)", label: table.label, columns: columns, rows: filledRows))
            let numeric = indices.map { index in (0..<data.rowCount).allSatisfy { data.data[index][$0].number != nil || data.data[index][$0].sample != nil } }
            return PaperTable(
                id: table.label, number: table.number, caption: caption,
                columns: headings.map(MarkdownText.escape), alignments: numeric.map { $0 ? .right : .left }, rows: cells)
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
            return nil
        } catch {
            diagnostics.append(.error(at: table.location, "\(error)"))
            return nil
        }
    }

    /// Evaluates the claims of a check block, recording and returning their outcomes.
    mutating func verify(_ claims: [Claim]) -> [CheckOutcome] {
        var outcomes: [CheckOutcome] = []
        for claim in claims {
            do {
                let holds = try evaluator.truth(try evaluator.evaluate(claim.expression), at: claim.location)
                let tests = evaluator.testReports(in: claim.expression)
                outcomes.append(CheckOutcome(
                    at: claim.location.description, claim: claim.source, holds: holds,
                    compared: CheckText.terms(of: claim.expression, evaluator: evaluator), tests: tests.isEmpty ? nil : tests))
                if !holds {
                    let used = tests.isEmpty ? "" : "; " + tests.joined(separator: "; ")
                    diagnostics.append(.error(at: claim.location, "check failed: \(claim.source)\(explain(claim.expression))\(used)"))
                }
            } catch let diagnostic as Diagnostic {
                diagnostics.append(diagnostic)
            } catch {
                diagnostics.append(.error(at: claim.location, "\(error)"))
            }
        }
        checks += outcomes
        return outcomes
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
