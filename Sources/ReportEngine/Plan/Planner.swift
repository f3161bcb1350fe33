import Foundation

/// Checks a template against the directive schemas and turns it into a `Plan`: every error of
/// every directive is reported before anything is computed.
enum Planner {
    /// - Parameters:
    ///   - overrides: `--param name=value` pairs, typed by the front-matter default of `name`.
    ///   - loadFile: reads a data file named by a directive, relative to the template.
    ///   - registry: the directives the template may use.
    static func plan(
        _ template: Template, overrides: [(String, String)] = [],
        registry: DirectiveRegistry = .standard, loadFile: @escaping (String) throws -> Data
    ) -> (Plan?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let params = resolveParams(template.frontMatter, overrides: overrides, diagnostics: &diagnostics)
        let paramTable = Dictionary(uniqueKeysWithValues: template.frontMatter.params.map { param in
            (param.name, (value: params[param.name] ?? param.defaultValue, location: param.location))
        })

        var computations: [Computation] = []
        var presentations: [Int: Presentation] = [:]
        var labels: [String: SourceLocation] = [:]
        var failedLabels = Set<String>()
        var computeKinds: [String: DirectiveSchema] = [:]
        let numbering = Numbering(template)
        var expressions: [InlineExpression] = []
        var claims: [Claim] = []
        var shownPaths: [ResultPath] = []
        var crossReferences: [CrossReference] = []
        var citations: [Citation] = []

        for (index, block) in template.blocks.enumerated() {
            switch block {
            case .prose(let prose):
                collect(prose, into: &expressions, &crossReferences, &citations)
                for case .equationLabel(let equation) in prose.segments {
                    if let first = labels[equation.label] {
                        diagnostics.append(.error(at: equation.location, "duplicate label '\(equation.label)' (first at \(first))"))
                    }
                    labels[equation.label] = equation.location
                }
            case .heading(let heading):
                collect(heading.text, into: &expressions, &crossReferences, &citations)
                if let anchor = heading.anchor {
                    if let first = labels[anchor] {
                        diagnostics.append(.error(at: heading.location, "duplicate label '\(anchor)' (first at \(first))"))
                    }
                    labels[anchor] = heading.location
                }
            case .verbatim:
                break
            case .directive(let call):
                if let label = call.label {
                    if let first = labels[label] {
                        diagnostics.append(.error(at: call.labelLocation ?? call.location, "duplicate label '\(label)' (first at \(first))"))
                    }
                    labels[label] = call.labelLocation ?? call.location
                }
                if call.kind == "check" {
                    let parsed = readClaims(call, diagnostics: &diagnostics)
                    claims += parsed
                    presentations[index] = .check(parsed)
                    continue
                }
                // A computation whose directive is in error keeps its label: the uses of its
                // results are not errors of their own, the directive's error is the one to fix.
                let failed = { if let label = call.label, !["figure", "table"].contains(call.kind) { failedLabels.insert(label) } }
                guard let schema = registry.schema(named: call.kind) else {
                    let known = registry.schemas.map(\.name)
                    diagnostics.append(.error(at: call.location, "unknown directive '\(call.kind)'\(suggestion(for: call.kind, among: known))"))
                    failed()
                    continue
                }
                guard let all = readArguments(call, diagnostics: &diagnostics) else { failed(); continue }
                let (written, replicates) = ReplicateOption.take(
                    all, schema: schema, frontMatter: template.frontMatter, params: paramTable, diagnostics: &diagnostics)
                let binder = ArgumentBinder(schema: schema, params: paramTable, loadFile: loadFile)
                let bound = binder.bind(written, directiveAt: call.location)
                diagnostics += bound.diagnostics
                if bound.diagnostics.hasErrors { failed(); continue }
                for caption in bound.arguments.captions.values { collect(caption, into: &expressions, &crossReferences, &citations) }
                switch call.kind {
                case "figure":
                    guard let placement = figurePlacement(call, bound.arguments, number: numbering.figures[index] ?? 0, diagnostics: &diagnostics) else { continue }
                    shownPaths += [placement.show, placement.x, placement.hline, placement.overlay].compactMap { $0 }
                    presentations[index] = .figure(placement)
                case "table":
                    guard let placement = tablePlacement(call, bound.arguments, number: numbering.tables[index] ?? 0, diagnostics: &diagnostics) else { continue }
                    switch placement.source {
                    case .result(let show): shownPaths.append(show)
                    case .rows(let rows): claims += rows.flatMap { $0 }
                    }
                    presentations[index] = .table(placement)
                default:
                    let label = call.label ?? "\(call.kind)-\(computations.filter { $0.kind == call.kind }.count + 1)"
                    computeKinds[label] = schema
                    computations.append(Computation(
                        label: label, kind: call.kind, location: call.location, arguments: bound.arguments,
                        seed: 0, key: "", dependencies: [], replicates: replicates))
                }
            }
        }

        // Cross-references name a figure, a table or a section.
        for reference in crossReferences where numbering.references[reference.label] == nil {
            diagnostics.append(.error(
                at: reference.location,
                "unknown cross-reference '@\(reference.label)'\(suggestion(for: reference.label, among: Array(numbering.references.keys)))"))
        }
        // Every path read anywhere names a parameter or a declared result of a computation.
        let documentPaths = expressions.flatMap(\.expression.paths) + claims.flatMap(\.expression.paths) + shownPaths.flatMap(\.mentioned)
        let paths = documentPaths + computations.flatMap { $0.arguments.paths.values.flatMap(\.mentioned) }
        for path in paths {
            if failedLabels.contains(path.root) { continue }
            if let problem = check(path, params: paramTable, computeKinds: computeKinds, presentationLabels: Set(labels.keys)) {
                diagnostics.append(problem)
            }
        }
        // Citations are checked against the bibliography and formatted before anything runs.
        let (cited, citationProblems) = CitedWorks.resolve(citations, template: template, labels: Set(labels.keys), loadFile: loadFile)
        diagnostics += citationProblems
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }

        guard let ordered = order(computations, diagnostics: &diagnostics) else { return (nil, diagnostics) }
        let keyed = CacheKeys.assign(ordered, seed: template.frontMatter.seed, params: paramTable.mapValues { $0.value }, registry: registry)
        let plan = Plan(
            template: template,
            params: Record(template.frontMatter.params.map { ($0.name, paramTable[$0.name]!.value) }),
            computations: keyed, presentations: presentations, numbering: numbering,
            readByDocument: Set(documentPaths.map(\.root)).subtracting(["params"]), citations: cited)
        return (plan, diagnostics)
    }

    /// A `figure` directive read through its declared parameters.
    private static func figurePlacement(
        _ call: DirectiveCall, _ bound: BoundArguments, number: Int, diagnostics: inout [Diagnostic]
    ) -> FigurePlacement? {
        guard let a = read(PresentationDirectives.FigureParameters.self, bound, at: call.location, diagnostics: &diagnostics) else { return nil }
        let style = FigureStyle(
            kind: a.kind, width: a.width, bins: a.bins, logX: a.logX, logY: a.logY,
            xLabel: a.xLabel, yLabel: a.yLabel, hlineLabel: a.hlineLabel, overlayLabel: a.overlayLabel, spread: a.spread)
        return FigurePlacement(
            label: call.label, number: number, show: a.show, caption: a.caption, style: style, x: a.x, hline: a.hline, overlay: a.overlay,
            location: call.location)
    }

    /// A `table` directive read through its declared parameters: a result, or rows of expressions.
    private static func tablePlacement(
        _ call: DirectiveCall, _ bound: BoundArguments, number: Int, diagnostics: inout [Diagnostic]
    ) -> TablePlacement? {
        guard let a = read(PresentationDirectives.TableParameters.self, bound, at: call.location, diagnostics: &diagnostics) else { return nil }
        let columns = a.columns.isEmpty ? nil : a.columns
        let source: TablePlacement.Source
        switch (a.show, a.rows.isEmpty) {
        case (let show?, true):
            source = .result(show)
        case (nil, false):
            guard let width = columns?.count, a.rows.allSatisfy({ $0.count == width }) else {
                diagnostics.append(.error(at: call.location, "a table of rows needs 'columns' naming every cell of a row"))
                return nil
            }
            source = .rows(a.rows)
        default:
            diagnostics.append(.error(at: call.location, "a table shows either a result ('show') or 'rows', not both or neither"))
            return nil
        }
        return TablePlacement(
            label: call.label, number: number, source: source, caption: a.caption, columns: columns, formats: a.formats,
            labels: a.labels, location: call.location)
    }

    private static func read<P: ParameterSet>(
        _ parameters: P.Type, _ bound: BoundArguments, at location: SourceLocation, diagnostics: inout [Diagnostic]
    ) -> Arguments<P>? {
        do {
            return try Arguments<P>(bound)
        } catch let failure as DirectiveFailure {
            diagnostics.append(.error(at: location, failure.message))
        } catch {
            diagnostics.append(.error(at: location, "\(error)"))
        }
        return nil
    }

    private static func collect(
        _ prose: Prose, into expressions: inout [InlineExpression], _ references: inout [CrossReference], _ citations: inout [Citation]
    ) {
        for segment in prose.segments {
            switch segment {
            case .expression(let e): expressions.append(e)
            case .reference(let r): references.append(r)
            case .citation(let c): citations.append(c)
            case .text, .equationLabel: break
            }
        }
    }

    /// Header options followed by the YAML body's mapping.
    private static func readArguments(_ call: DirectiveCall, diagnostics: inout [Diagnostic]) -> [DirectiveArgument]? {
        var arguments = call.options
        guard !call.body.trimming(" \t\n").isEmpty else { return arguments }
        do {
            guard let node = try YAMLReader.read(call.body, origin: call.bodyLocation) else { return arguments }
            guard let entries = node.mappingPairs else {
                diagnostics.append(.error(at: node.location, "the body of \(call.kind) must be a YAML mapping of parameters"))
                return nil
            }
            arguments += entries.map { DirectiveArgument(name: $0.key, nameLocation: $0.keyLocation, value: $0.value) }
            return arguments
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(at: call.bodyLocation, "bad YAML: \(error)"))
        }
        return nil
    }

    /// Each non-blank line of a `check` body is one claim; `#` starts a comment line.
    private static func readClaims(_ call: DirectiveCall, diagnostics: inout [Diagnostic]) -> [Claim] {
        var claims: [Claim] = []
        for (offset, line) in call.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimming(" \t")
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let location = SourceLocation(
                file: call.bodyLocation.file, line: call.bodyLocation.line + offset,
                column: call.bodyLocation.column + indent)
            do {
                claims.append(Claim(expression: try ExpressionParser.parse(text, at: location), source: text, location: location))
            } catch let diagnostic as Diagnostic {
                diagnostics.append(diagnostic)
            } catch {
                diagnostics.append(.error(at: location, "\(error)"))
            }
        }
        return claims
    }

    private static func check(
        _ path: ResultPath, params: [String: (value: Value, location: SourceLocation)],
        computeKinds: [String: DirectiveSchema], presentationLabels: Set<String>
    ) -> Diagnostic? {
        if path.root == "params" {
            guard let name = path.firstField else {
                return .error(at: path.location, "'params' needs a parameter name, as in params.runs")
            }
            if params[name] == nil {
                return .error(at: path.location, "unknown parameter 'params.\(name)'\(suggestion(for: name, among: Array(params.keys)))")
            }
            return nil
        }
        guard let schema = computeKinds[path.root] else {
            if presentationLabels.contains(path.root) {
                return .error(at: path.location, "'\(path.root)' is a figure, table or section, not a result; refer to it as @\(path.root)")
            }
            return .error(at: path.location, "unknown label '\(path.root)'\(suggestion(for: path.root, among: Array(computeKinds.keys) + ["params"]))")
        }
        guard let field = path.firstField else {
            return .error(at: path.location, "'\(path.root)' is a \(schema.name) directive; name one of its results, as in \(path.root).\(schema.outputs.first?.name ?? "value")")
        }
        if !schema.openOutputs, schema.output(field) == nil {
            return .error(at: path.location, "\(schema.name) '\(path.root)' has no result '\(field)'\(suggestion(for: field, among: schema.outputs.map(\.name)))")
        }
        return nil
    }

    /// Orders computations so that each follows those it reads (source order otherwise): every
    /// label a reference mentions, inside its indices too, is read.
    private static func order(_ computations: [Computation], diagnostics: inout [Diagnostic]) -> [Computation]? {
        var pending = computations.map { computation -> Computation in
            var c = computation
            c.dependencies = Set(c.arguments.paths.values.flatMap(\.mentioned).map(\.root)).subtracting(["params"]).sorted()
            return c
        }
        var ordered: [Computation] = []
        var done = Set<String>()
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { $0.dependencies.allSatisfy(done.contains) }) else {
                for c in pending {
                    diagnostics.append(.error(at: c.location, "'\(c.label)' is part of a dependency cycle (reads \(c.dependencies.joined(separator: ", ")))"))
                }
                return nil
            }
            done.insert(pending[next].label)
            ordered.append(pending.remove(at: next))
        }
        return ordered
    }

    private static func resolveParams(_ front: FrontMatter, overrides: [(String, String)], diagnostics: inout [Diagnostic]) -> [String: Value] {
        var values: [String: Value] = [:]
        for (name, raw) in overrides {
            guard let param = front.params.first(where: { $0.name == name }) else {
                diagnostics.append(.error(at: nil, "--param \(name)=\(raw): the template has no parameter '\(name)'\(suggestion(for: name, among: front.params.map(\.name)))"))
                continue
            }
            let parsed = Literal.resolvePlain(raw)
            switch (param.defaultValue, parsed) {
            case (.integer, .integer), (.boolean, .boolean): values[name] = parsed
            case (.real, _) where parsed.number != nil: values[name] = .real(parsed.number!)
            case (.text, _): values[name] = .text(raw)
            case (.list(let items), _) where items.isEmpty || items.allSatisfy({ $0.typeName == items[0].typeName }):
                let parts = raw.split(separator: ",").map { Literal.resolvePlain($0.trimming(" ")) }
                if let first = items.first, !parts.allSatisfy({ $0.typeName == first.typeName }) {
                    diagnostics.append(.error(at: nil, "--param \(name)=\(raw): '\(name)' is a list of \(first.typeName)s (declared at \(param.location))"))
                } else {
                    values[name] = .list(parts)
                }
            default:
                diagnostics.append(.error(at: nil, "--param \(name)=\(raw): '\(name)' is \(withArticle(param.defaultValue.typeName)) (declared at \(param.location)), not '\(raw)'"))
            }
        }
        return values
    }
}
