import PaperHTML

/// Reads the front matter's keys (`FrontMatterReader.keys`); any other key is an error, with the
/// closest known spelling suggested (`fromats:` is not silently ignored).
enum FrontMatterReader {
    /// Every key the front matter may hold; `read` switches over all of them, so a key cannot be
    /// listed here and left unread.
    enum Key: String, CaseIterable {
        case title, authors, abstract, date, keywords, toc, seed, replicates, params, formats, paper,
             bibliography, csl, template, executor, slurm
    }

    static var keys: [String] { Key.allCases.map(\.rawValue) }

    static func read(_ node: Located<Literal>?, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> FrontMatter {
        var front = FrontMatter()
        guard let node else { return front }
        guard let pairs = node.mappingPairs else {
            diagnostics.append(.error(at: node.location, "front matter must be a YAML mapping"))
            return front
        }
        for entry in pairs {
            let key = entry.key, value = entry.value
            guard let known = Key(rawValue: key) else {
                diagnostics.append(.error(at: entry.keyLocation,
                    "unknown front-matter key '\(key)'\(suggestion(for: key, among: keys)); the front matter holds \(keys.joined(separator: ", "))"))
                continue
            }
            switch known {
            case .title: front.title = text(value, key, &diagnostics)
            case .abstract: front.abstract = text(value, key, &diagnostics)
            case .authors: front.authors = texts(value, key, "names", &diagnostics)
            case .keywords: front.keywords = texts(value, key, "words or phrases", &diagnostics)
            case .date: front.date = text(value, key, &diagnostics)
            case .toc:
                guard case .scalar(let s, _) = value.value, let on = Bool(s) else {
                    diagnostics.append(.error(at: value.location, "'toc' is true or false (whether the HTML paper lists its sections)"))
                    continue
                }
                front.toc = on
            case .formats:
                let items: [Located<Literal>]
                if case .sequence(let list) = value.value { items = list } else { items = [value] }
                front.formats = items.compactMap { item in
                    guard case .scalar(let name, _) = item.value, let format = OutputFormat(rawValue: name) else {
                        diagnostics.append(.error(at: item.location, "'formats' lists output formats (\(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))"))
                        return nil
                    }
                    return format
                }
            case .paper:
                guard let name = text(value, key, &diagnostics) else { continue }
                guard let size = PaperSize(rawValue: name.lowercased()) else {
                    diagnostics.append(.error(at: value.location, "'paper' is a4 or letter, not '\(name)'"))
                    continue
                }
                front.paper = size
            case .seed:
                guard case .scalar(let s, _) = value.value, let seed = UInt64(s) else {
                    diagnostics.append(.error(at: value.location, "'seed' must be a non-negative integer"))
                    continue
                }
                front.seed = seed
            case .replicates:
                guard case .scalar(let s, _) = value.value, let k = Int(s), ReplicateOption.range.contains(k) else {
                    diagnostics.append(.error(at: value.location, "'replicates' must be an integer in \(ReplicateOption.range) (how many times each seeded directive runs)"))
                    continue
                }
                front.replicates = Located(k, at: value.location)
            case .params:
                guard let params = value.mappingPairs else {
                    if case .null = value.value { continue }
                    diagnostics.append(.error(at: value.location, "'params' must be a mapping of names to default values"))
                    continue
                }
                for param in params {
                    let name = param.key, literal = param.value
                    guard DirectiveHeader.isName(name) else {
                        diagnostics.append(.error(at: literal.location, "'\(name)' is not a valid parameter name"))
                        continue
                    }
                    guard let value = literal.value.plainValue else {
                        diagnostics.append(.error(at: literal.location, "parameter '\(name)' needs a default value (it fixes the type)"))
                        continue
                    }
                    front.params.append(TemplateParameter(name: name, defaultValue: value, location: literal.location))
                }
            // The files of the citations: the BibTeX bibliography and the CSL style.
            case .bibliography:
                front.bibliography = text(value, key, &diagnostics).map { Located($0, at: value.location) }
            case .template:
                front.template = text(value, key, &diagnostics).map { Located($0, at: value.location) }
            case .executor: front.executor = value
            case .slurm: front.slurm = value
            case .csl:
                front.csl = text(value, key, &diagnostics).map { Located($0, at: value.location) }
            }
        }
        return front
    }

    /// A list of texts, or one text as a list of one.
    private static func texts(_ value: Located<Literal>, _ key: String, _ what: String, _ diagnostics: inout [Diagnostic]) -> [String] {
        switch value.value {
        case .sequence(let items): return items.compactMap { text($0, key, &diagnostics) }
        case .scalar(let s, _): return [s]
        default:
            diagnostics.append(.error(at: value.location, "'\(key)' must be a list of \(what)"))
            return []
        }
    }

    private static func text(_ value: Located<Literal>, _ key: String, _ diagnostics: inout [Diagnostic]) -> String? {
        guard case .scalar(let s, _) = value.value else {
            diagnostics.append(.error(at: value.location, "'\(key)' must be text"))
            return nil
        }
        return s
    }
}
