import PaperHTML

/// A parsed template: front matter and a sequence of blocks, each carrying its source location.
/// Produced by `TemplateParser`, read by every later stage.
public struct Template: Sendable {
    public var file: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]
}

/// The YAML front matter: paper metadata, the global seed and the typed parameters.
public struct FrontMatter: Sendable {
    public var title: String?
    public var authors: [String] = []
    public var abstract: String?
    /// The global seed; each directive derives its own from (seed, label).
    public var seed: UInt64 = 0
    /// `replicates:` how many replicates each seeded compute directive runs unless it says
    /// otherwise (its own `replicates:`); 1: none.
    public var replicates: Located<Int>?
    /// Parameters in declaration order; each is typed by its default.
    public var params: [TemplateParameter] = []
    /// `formats:` what `report build` writes when `--format` is not given; nil: html and md.
    public var formats: [OutputFormat]?
    /// `paper:` the printed page size (`a4` or `letter`) of the PDF paper.
    public var paper: PaperSize = .a4
    /// `date:` printed under the authors; `today` is the build date (`BuildRequest.buildDate`).
    public var date: String?
    /// `keywords:` printed after the abstract, and the PDF's keywords.
    public var keywords: [String] = []
    /// `toc:` whether the HTML paper lists its sections before the body.
    public var toc = true
    /// `template:` the HTML paper's page template, relative to the template file.
    public var template: Located<String>?
    /// `executor:` and `slurm:` where the computations run (`local` or `slurm`, and the SLURM job's
    /// settings); the command line reads and checks them.
    public var executor: Located<Literal>?
    public var slurm: Located<Literal>?
    /// `bibliography:` the BibTeX file the paper cites, relative to the template, inside its project.
    public var bibliography: Located<String>?
    /// `csl:` a CSL style file (relative to the template) or the name of a style in Debian's
    /// `citation-style-language-styles`; nil: `Citeproc.defaultStyle` (the APS style).
    public var csl: Located<String>?

    public init() {}
}

/// One front-matter parameter: its default (which fixes its type) and where it was declared.
public struct TemplateParameter: Sendable {
    public var name: String
    public var defaultValue: Value
    public var location: SourceLocation
}

public enum Block: Sendable {
    /// Markdown text with inline expressions and cross-references.
    case prose(Prose)
    /// A heading of the document's top level (ATX or setext), optionally with a `{#sec-id}` anchor.
    case heading(Heading)
    /// Source copied to the paper untouched, nothing in it evaluated: an ordinary code block
    /// (fenced or indented) or an HTML comment block.
    case verbatim(String)
    /// A fenced directive `{kind #label key=value}`.
    case directive(DirectiveCall)
}

/// Markdown text split into literal text, inline expressions and cross-references.
public struct Prose: Sendable {
    public var segments: [ProseSegment]
}

public enum ProseSegment: Sendable {
    case text(String)
    case expression(InlineExpression)
    case reference(CrossReference)
    /// The `{#eq-x}` after a display equation's closing `$$`, which numbers that equation.
    case equationLabel(CrossReference)
    case citation(Citation)
}

/// A citation in Pandoc's syntax, formatted by citeproc with the paper's bibliography and style.
public struct Citation: Sendable {
    /// As written: `[@jules2023; @liao2024, sec. 3]` or `@kumar2023`.
    public var source: String
    /// Each cited key where it was written (at the key, after its `@`).
    public var keys: [Located<String>]
    /// `@key` in running text rather than in brackets; without a bibliography it stays text.
    public var inText: Bool
    public var location: SourceLocation
}

/// `@fig-x`, `@tbl-x`, `@sec-x` or `@eq-x` in prose; also an equation's own `{#eq-x}` label.
public struct CrossReference: Sendable {
    public var label: String
    public var location: SourceLocation
}

public struct Heading: Sendable {
    public var level: Int
    public var text: Prose
    /// The id given by `{#sec-x}`.
    public var anchor: String?
    /// False for `{-}` or `{.unnumbered}`.
    public var numbered: Bool
    /// The attribute block as written (`{#sec-x .unnumbered}`), copied to the paper.
    public var attributes: String?
    public var location: SourceLocation
}

/// `{{ expression | format:arg | ... }}` in prose or a caption.
public struct InlineExpression: Sendable {
    public var expression: Expression
    public var formats: [FormatSpec]
    /// The source text between the braces, trimmed.
    public var source: String
    public var location: SourceLocation
}

/// A format applied to an inline value, such as `fixed:2` or `percent:1`, where it was written.
public struct FormatSpec: Sendable, Equatable {
    public var format: ValueFormat
    public var location: SourceLocation
}

/// A fenced directive as written: its header and its unparsed body. The body is read against the
/// directive's schema during planning (a YAML mapping, or lines of claims for `check`).
public struct DirectiveCall: Sendable {
    public var kind: String
    public var label: String?
    /// Location of the `{` that opens the header.
    public var location: SourceLocation
    public var labelLocation: SourceLocation?
    /// `key=value` pairs of the header, in order.
    public var options: [DirectiveArgument]
    public var body: String
    /// Location of the first character of the body's first line.
    public var bodyLocation: SourceLocation
}

/// A `key: value` of a directive (from its header or body) with the locations of both parts.
public struct DirectiveArgument: Sendable {
    public var name: String
    public var nameLocation: SourceLocation
    public var value: Located<Literal>
}

/// A value with the place it was written.
public struct Located<Wrapped: Sendable>: Sendable {
    public var value: Wrapped
    public var location: SourceLocation

    public init(_ value: Wrapped, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A `key: value` entry of a YAML mapping, with where the key was written.
public struct MappingEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: Located<Literal>
}

/// An untyped value as written in YAML or a directive header; typed later against a schema.
public indirect enum Literal: Sendable {
    case scalar(String, quoted: Bool)
    case sequence([Located<Literal>])
    case mapping([MappingEntry])
    case null

    /// The value a plain YAML scalar denotes (integer, real, boolean or string); quoted scalars are
    /// strings; sequences are lists. Mappings become records.
    public var plainValue: Value? {
        switch self {
        case .null: return nil
        case .scalar(let text, let quoted):
            return quoted ? .text(text) : Literal.resolvePlain(text)
        case .sequence(let items):
            return .list(items.compactMap { $0.value.plainValue })
        case .mapping(let pairs):
            return .record(Record(pairs.compactMap { pair in pair.value.value.plainValue.map { (pair.key, $0) } }))
        }
    }

    /// YAML 1.2 core-schema resolution of a plain scalar.
    static func resolvePlain(_ text: String) -> Value {
        if let n = Int(text) { return .int(n) }
        if let n = BigIntParser.parse(text) { return .integer(n) }
        switch text {
        case "true", "True", "TRUE": return .boolean(true)
        case "false", "False", "FALSE": return .boolean(false)
        case ".inf", ".Inf", "+.inf": return .real(.infinity)
        case "-.inf", "-.Inf": return .real(-.infinity)
        case ".nan", ".NaN": return .real(.nan)
        default: break
        }
        if text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true, let x = Double(text) {
            return .real(x)
        }
        return .text(text)
    }

    /// The scalar's text, if this is a scalar.
    public var scalarText: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }
}

import BigInt

enum BigIntParser {
    /// An integer too large for `Int`, written in decimal digits.
    static func parse(_ text: String) -> BigInt? {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return BigInt(text.hasPrefix("+") ? String(digits) : text)
    }
}
