import BigInt
import Crypto
import Foundation

/// Types a directive's written arguments against its schema: `$param` substitution, defaults,
/// range and choice checks, file loading and reference parsing. Every problem becomes a
/// diagnostic at the argument's location.
struct ArgumentBinder {
    let schema: DirectiveSchema
    let params: [String: (value: Value, location: SourceLocation)]
    /// Reads a file named relative to the template; a `Diagnostic` it throws (a file outside the
    /// project) is placed at the path.
    let loadFile: (String) throws -> Data

    struct Bound {
        var arguments = BoundArguments()
        var diagnostics: [Diagnostic] = []
    }

    func bind(_ written: [DirectiveArgument], directiveAt location: SourceLocation) -> Bound {
        var bound = Bound()
        var seen: [String: SourceLocation] = [:]
        for argument in written {
            if let first = seen[argument.name] {
                bound.diagnostics.append(.error(at: argument.nameLocation, "parameter '\(argument.name)' is given twice (first at \(first))"))
                continue
            }
            seen[argument.name] = argument.nameLocation
            guard let spec = schema.parameter(argument.name) else {
                bound.diagnostics.append(.error(
                    at: argument.nameLocation,
                    "unknown parameter '\(argument.name)' for \(schema.name)\(suggestion(for: argument.name, among: schema.parameters.map(\.name)))"))
                continue
            }
            do {
                try bindOne(spec, argument.value, into: &bound)
            } catch let diagnostic as Diagnostic {
                bound.diagnostics.append(diagnostic)
            } catch {
                bound.diagnostics.append(.error(at: argument.value.location, "\(error)"))
            }
        }
        for spec in schema.parameters where seen[spec.name] == nil {
            if let value = spec.defaultValue {
                bound.arguments.values[spec.name] = value
            } else if !spec.isOptional {
                bound.diagnostics.append(.error(at: location, "\(schema.name) needs parameter '\(spec.name)' (\(spec.type.description))"))
            }
        }
        return bound
    }

    private func bindOne(_ spec: ParameterSpec, _ written: Located<Literal>, into bound: inout Bound) throws {
        let location = written.location
        func mismatch(_ got: String) -> Diagnostic {
            .error(at: location, "parameter '\(spec.name)' of \(schema.name) expects \(spec.type.description), got \(got)")
        }
        // `$name` refers to a front-matter parameter.
        var value: Value
        if case .scalar(let text, _) = written.value, text.hasPrefix("$") {
            value = try templateParameter(text, at: location)
        } else if case .scalar(let text, _) = written.value, spec.type.takesText {
            value = .text(text)
        } else if let plain = written.value.plainValue {
            value = plain
        } else {
            throw Diagnostic.error(at: location, "parameter '\(spec.name)' of \(schema.name) needs a value")
        }

        switch spec.type {
        case .integer(let range):
            guard case .integer(let n) = value else { throw mismatch(describe(value)) }
            guard let small = Int(exactly: n), range.contains(small) else { throw mismatch("\(n)") }
        case .real(let range):
            guard let x = value.number else { throw mismatch(describe(value)) }
            guard range.contains(x) else { throw mismatch("\(x)") }
            value = .real(x)
        case .boolean:
            guard case .boolean = value else { throw mismatch(describe(value)) }
        case .text:
            guard case .text = value else { throw mismatch(describe(value)) }
        case .choice(let options):
            guard case .text(let s) = value else { throw mismatch(describe(value)) }
            guard options.contains(s) else {
                throw Diagnostic.error(at: location, "parameter '\(spec.name)' of \(schema.name) must be one of \(options.joined(separator: ", ")), not '\(s)'\(suggestion(for: s, among: options))")
            }
        case .integers(let range):
            let items: [Value]
            if case .list(let list) = value { items = list } else { items = [value] }
            for item in items {
                guard case .integer(let n) = item, let small = Int(exactly: n), range.contains(small) else {
                    throw mismatch(describe(item))
                }
            }
            value = .list(items)
        case .reals(let range):
            let items: [Value]
            if case .list(let list) = value { items = list } else { items = [value] }
            value = .list(try items.map { item in
                guard let x = item.number, range.contains(x) else { throw mismatch(describe(item)) }
                return .real(x)
            })
        case .file:
            guard case .text(let path) = value else { throw mismatch(describe(value)) }
            bound.arguments.files[spec.name] = [try load(path, at: location, decompressing: true)]
        case .files:
            let items: [Located<Literal>]
            if case .sequence(let list) = written.value { items = list } else { items = [written] }
            bound.arguments.files[spec.name] = try items.map { item in
                guard let path = item.value.scalarText else { throw mismatch("a nested value") }
                return try load(path, at: item.location)
            }
            value = .list(bound.arguments.files[spec.name]!.map { .text($0.path) })
        case .mapping:
            guard let entries = written.mappingPairs else { throw mismatch(describe(value)) }
            value = .record(Record(try entries.compactMap { entry in
                try substituted(entry.value).map { (entry.key, $0) }
            }))
        case .reference:
            guard case .text(let text) = value else { throw mismatch(describe(value)) }
            let expression = try ExpressionParser.parse(text, at: location)
            guard case .path(let path) = expression else {
                throw Diagnostic.error(at: location, "parameter '\(spec.name)' must name a result, such as census.discovery")
            }
            bound.arguments.paths[spec.name] = path
        case .references:
            guard let entries = written.mappingPairs else { throw mismatch(describe(value)) }
            value = .record(Record(try entries.map { entry in
                guard let text = entry.value.value.scalarText,
                      case .path(let path) = try ExpressionParser.parse(text, at: entry.value.location) else {
                    throw Diagnostic.error(at: entry.value.location, "'\(entry.key)' in '\(spec.name)' must name a result, such as sim.rates")
                }
                bound.arguments.paths[BoundArguments.entry(entry.key, of: spec.name)] = path
                return (entry.key, .text(text))
            }))
        case .names:
            let items: [Value]
            if case .list(let list) = value { items = list } else { items = [value] }
            value = .list(try items.map { item in
                switch item {
                case .text: return item
                case .integer, .real, .boolean: return .text(ValueFormat.plain(item))
                default: throw mismatch(describe(item))
                }
            })
        case .formats:
            guard let entries = written.mappingPairs else { throw mismatch(describe(value)) }
            for entry in entries {
                guard let spec = entry.value.value.scalarText else { throw mismatch("a nested value for '\(entry.key)'") }
                bound.arguments.formats[entry.key] = try ValueFormat.parseSpec(spec, at: entry.value.location)
            }
        case .rows:
            guard case .sequence(let rows) = written.value else { throw mismatch(describe(value)) }
            bound.arguments.rows = try rows.map { row in
                guard case .sequence(let cells) = row.value else {
                    throw Diagnostic.error(at: row.location, "each row is a list of expressions, such as [N, census1.runs]")
                }
                return try cells.map { cell in
                    guard let text = cell.value.scalarText else { throw Diagnostic.error(at: cell.location, "a cell is one expression") }
                    return Claim(expression: try ExpressionParser.parse(text, at: cell.location), source: text, location: cell.location)
                }
            }
        case .caption:
            guard case .text(let text) = value else { throw mismatch(describe(value)) }
            let (prose, problems) = InlineScanner.scan(text, at: location)
            bound.arguments.captions[spec.name] = prose
            bound.diagnostics += problems
        }
        bound.arguments.values[spec.name] = value
    }

    /// The file `path` names, read and hashed; refusals and read errors are placed at `location`.
    /// With `decompressing`, a gzip file (named `.gz`, or starting with gzip's magic bytes) is
    /// handed over decompressed; the digest stays that of the bytes on disk.
    private func load(_ path: String, at location: SourceLocation, decompressing: Bool = false) throws -> FileInput {
        guard !path.hasPrefix("/") else {
            throw Diagnostic.error(at: location, "'\(path)' is an absolute path; name a file relative to the template, inside its project")
        }
        let contents: Data
        do {
            contents = try loadFile(path)
        } catch var refusal as Diagnostic {
            refusal.location = location
            throw refusal
        } catch {
            throw Diagnostic.error(at: location, "cannot read '\(path)': \(error.localizedDescription)")
        }
        let digest = SHA256.hash(data: contents).map { String(format: "%02x", $0) }.joined()
        guard decompressing, path.hasSuffix(".gz") || Gzip.isCompressed(contents) else {
            return FileInput(path: path, contents: contents, digest: digest)
        }
        do {
            return FileInput(path: path, contents: try Gzip.decompress(contents), digest: digest)
        } catch let failure as Gzip.Failure {
            throw Diagnostic.error(at: location, "cannot decompress '\(path)': \(failure)")
        }
    }

    /// The value of the template parameter `$name` written as `text`.
    private func templateParameter(_ text: String, at location: SourceLocation) throws -> Value {
        let name = String(text.dropFirst())
        guard let param = params[name] else {
            throw Diagnostic.error(at: location, "unknown template parameter '$\(name)'\(suggestion(for: "$" + name, among: params.keys.map { "$" + $0 }))")
        }
        return param.value
    }

    /// The plain value `written` denotes, with every unquoted `$name` scalar replaced by the
    /// template parameter `name`; nil for a YAML null.
    private func substituted(_ written: Located<Literal>) throws -> Value? {
        switch written.value {
        case .scalar(let text, quoted: false) where text.hasPrefix("$"):
            return try templateParameter(text, at: written.location)
        case .sequence(let items):
            return .list(try items.compactMap(substituted))
        case .mapping(let entries):
            return .record(Record(try entries.compactMap { entry in try substituted(entry.value).map { (entry.key, $0) } }))
        default:
            return written.value.plainValue
        }
    }

    private func describe(_ value: Value) -> String {
        switch value {
        case .text(let s): return "'\(s)'"
        case .integer(let n): return "\(n)"
        case .real(let x): return "\(x)"
        case .boolean(let b): return "\(b)"
        default: return "a \(value.typeName)"
        }
    }
}

extension ParameterType {
    /// Whether a plain scalar is read as text for this type (so `optimizer: adam` or a path
    /// is never mistaken for a number).
    var takesText: Bool {
        switch self {
        case .text, .choice, .file, .files, .reference, .references, .caption, .names: return true
        default: return false
        }
    }
}
