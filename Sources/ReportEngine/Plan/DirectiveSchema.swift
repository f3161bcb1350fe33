import Foundation
import Landscape

/// What a directive accepts and returns; printed by `report directives` and used to type-check
/// every call before anything is computed. Compute directives derive theirs from their typed
/// declarations (`ComputeDirective`), so the schema cannot disagree with what they read and write.
public struct DirectiveSchema: Sendable {
    public let name: String
    public let summary: String
    /// Bumped whenever the directive's results change for the same parameters; part of the cache key.
    public let version: Int
    public let parameters: [ParameterSpec]
    public let outputs: [OutputSpec]
    /// True when the outputs are known only after running (a researcher's own program): any
    /// field may be read, and the run decides what exists.
    public let openOutputs: Bool
    /// True when the results depend on the directive's seed: it accepts `replicates: k`.
    public let seeded: Bool

    public init(
        name: String, version: Int = 1, summary: String, parameters: [ParameterSpec], outputs: [OutputSpec],
        openOutputs: Bool = false, seeded: Bool = false
    ) {
        self.seeded = seeded
        self.name = name
        self.summary = summary
        self.version = version
        self.parameters = parameters
        self.outputs = outputs
        self.openOutputs = openOutputs
    }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

    /// The output named `name`, or nil.
    public func output(_ name: String) -> OutputSpec? { outputs.first { $0.name == name } }
}

public struct ParameterSpec: Sendable {
    public let name: String
    public let type: ParameterType
    /// nil: the parameter is required (unless `isOptional`).
    public let defaultValue: Value?
    /// An optional parameter without a default: absent unless given.
    public let isOptional: Bool
    public let doc: String

    init(_ name: String, _ type: ParameterType, default defaultValue: Value? = nil, optional: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isOptional = optional
        self.doc = doc
    }
}

public enum ParameterType: Sendable {
    case integer(ClosedRange<Int>)
    case real(ClosedRange<Double>)
    case boolean
    case text
    case choice([String])
    /// One integer or a list of them.
    case integers(ClosedRange<Int>)
    /// One number or a list of them.
    case reals(ClosedRange<Double>)
    /// A data file, relative to the template; its content hash is part of the cache key. A gzip
    /// file is decompressed when read (the hash stays that of the compressed bytes).
    case file
    /// One file or a list of files, each relative to the template; every content hash is in the key.
    case files
    /// A mapping of names to plain values (the parameters `exec` hands to a program).
    case mapping
    /// A result path such as `census.discovery`; the directive it names runs first.
    case reference
    /// A mapping of names to result paths (`{rates: sim.rates}`); every directive named runs first.
    case references
    /// Free text that may contain `{{ }}` expressions (captions).
    case caption
    /// One name or a list of names.
    case names
    /// A mapping of names to value formats, such as `{c: thousands, fraction: percent:1}`.
    case formats
    /// A list of rows, each a list of expressions (`[N, census1.runs]`).
    case rows

    public var description: String {
        switch self {
        case .integer(let r): return r == Int.min...Int.max ? "integer" : "integer in \(r.lowerBound)...\(r.upperBound)"
        case .real(let r): return r == -Double.infinity...Double.infinity ? "number" : "number in [\(r.lowerBound), \(r.upperBound)]"
        case .boolean: return "boolean"
        case .text: return "string"
        case .choice(let options): return "one of " + options.joined(separator: ", ")
        case .integers(let r): return "integer or list of integers in \(r.lowerBound)...\(r.upperBound)"
        case .reals(let r): return "number or list of numbers in [\(r.lowerBound), \(r.upperBound)]"
                case .file: return "file path"
        case .files: return "file path or list of file paths"
        case .mapping: return "mapping of names to values"
        case .reference: return "result path (label.field)"
        case .references: return "mapping of names to result paths"
        case .caption: return "text with {{ }} expressions"
        case .names: return "name or list of names"
        case .formats: return "mapping of names to formats"
        case .rows: return "list of rows, each a list of expressions"
        }
    }
}

/// One declared result: its name, its value type, and whether it is drawn at render time from the
/// stored results (a figure) rather than stored.
public struct OutputSpec: Sendable {
    public let name: String
    public let type: ValueType
    public let doc: String
    /// A figure built from the stored results when the paper is rendered: restyling it recomputes
    /// nothing, and it is never cached as a result.
    public let isPresentation: Bool
}

/// A data file named by a directive parameter, read by the caller at the edge of the pipeline.
public struct FileInput: Sendable, Equatable {
    /// The path as written in the template.
    public let path: String
    /// The bytes the directive reads (decompressed, for a gzip file given to a `file` parameter).
    public let contents: Data
    /// SHA-256 of the file's bytes on disk, hex.
    public let digest: String
}

/// Where a running directive reports progress; the command line shows it (a bar on a terminal,
/// plain lines in CI). `fraction` is in [0, 1] when known.
public struct ProgressReporter: Sendable {
    private let sink: @Sendable (_ fraction: Double?, _ message: String) -> Void

    public init(_ sink: @escaping @Sendable (_ fraction: Double?, _ message: String) -> Void) { self.sink = sink }

    public func report(_ fraction: Double?, _ message: String) { sink(fraction, message) }
}

/// What a computation may use besides its arguments: its own seed, the thread budget, progress.
public struct ComputeContext: Sendable {
    /// Derived from the template's seed and the directive's label.
    public let seed: UInt64
    /// The build's one budget of threads, of which the computation holds one while it runs.
    public let threads: ThreadBudget
    public let progress: ProgressReporter
    /// Where a sharded directive's task results come from (the cache, or computed in memory).
    var tasks = ShardedTasks.inMemory
}

/// A failure inside a directive's computation, reported at the directive's location.
public struct DirectiveFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
