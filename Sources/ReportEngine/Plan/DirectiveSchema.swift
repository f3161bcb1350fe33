import Foundation
import Landscape

/// What a directive accepts and returns; printed by `report directives` and used to type-check
/// every call before anything is computed.
public struct DirectiveSchema: Sendable {
    public var name: String
    public var summary: String
    /// Bumped whenever the directive's results change for the same parameters; part of the cache key.
    public var version: Int
    public var parameters: [ParameterSpec]
    public var outputs: [OutputSpec]

    public init(name: String, version: Int = 1, summary: String, parameters: [ParameterSpec], outputs: [OutputSpec]) {
        self.name = name
        self.summary = summary
        self.version = version
        self.parameters = parameters
        self.outputs = outputs
    }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}

public struct ParameterSpec: Sendable {
    public var name: String
    public var type: ParameterType
    /// nil: the parameter is required (unless `isOptional`).
    public var defaultValue: Value?
    /// An optional parameter without a default: absent unless given.
    public var isOptional = false
    public var doc: String

    public init(_ name: String, _ type: ParameterType, default defaultValue: Value? = nil, _ doc: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.doc = doc
    }

    /// A parameter that may be left out and has no default.
    public static func optional(_ name: String, _ type: ParameterType, _ doc: String) -> ParameterSpec {
        var spec = ParameterSpec(name, type, doc)
        spec.isOptional = true
        return spec
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
    /// A data file, relative to the template; its content hash is part of the cache key.
    case file
    /// A result path such as `census.discovery`; the directive it names runs first.
    case reference
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
        case .file: return "file path (CSV)"
        case .reference: return "result path (label.field)"
        case .caption: return "text with {{ }} expressions"
        case .names: return "name or list of names"
        case .formats: return "mapping of names to formats"
        case .rows: return "list of rows, each a list of expressions"
        }
    }

    public static let anyInteger = ParameterType.integer(Int.min...Int.max)
    public static let anyReal = ParameterType.real(-Double.infinity...Double.infinity)
}

public struct OutputSpec: Sendable {
    public var name: String
    public var type: String
    public var doc: String

    public init(_ name: String, _ type: String, _ doc: String) {
        self.name = name
        self.type = type
        self.doc = doc
    }
}

/// A data file named by a directive parameter, read by the caller at the edge of the pipeline.
public struct FileInput: Sendable, Equatable {
    /// The path as written in the template.
    public var path: String
    public var contents: Data
    /// SHA-256 of the contents, hex.
    public var digest: String
}

/// The typed arguments a directive computes from: its parameters after defaults, `$param`
/// substitution and type checks, the files it names, and the upstream values it reads.
public struct Arguments: Sendable {
    public var values: [String: Value]
    public var files: [String: FileInput]

    public subscript(name: String) -> Value? { values[name] }

    public func integer(_ name: String) -> Int {
        guard case .integer(let n)? = values[name], let small = Int(exactly: n) else {
            preconditionFailure("parameter '\(name)' is not a checked integer")
        }
        return small
    }

    public func real(_ name: String) -> Double {
        guard let x = values[name]?.number else { preconditionFailure("parameter '\(name)' is not a checked number") }
        return x
    }

    public func text(_ name: String) -> String {
        guard case .text(let s)? = values[name] else { preconditionFailure("parameter '\(name)' is not a checked string") }
        return s
    }

    public func boolean(_ name: String) -> Bool {
        guard case .boolean(let b)? = values[name] else { preconditionFailure("parameter '\(name)' is not a checked boolean") }
        return b
    }

    public func integers(_ name: String) -> [Int] {
        guard case .list(let items)? = values[name] else { preconditionFailure("parameter '\(name)' is not a checked list") }
        return items.map { item in
            guard case .integer(let n) = item, let small = Int(exactly: n) else { preconditionFailure("not an integer") }
            return small
        }
    }
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
    public var seed: UInt64
    /// The build's one budget of threads, of which the computation holds one while it runs.
    public var threads: ThreadBudget
    public var progress: ProgressReporter
}

/// A directive that computes values. Adding one is one file: a type with a schema and a pure
/// `compute`, listed in `DirectiveRegistry.compute`.
public protocol ComputeDirective: Sendable {
    static var schema: DirectiveSchema { get }
    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record
}

/// A failure inside a directive's computation, reported at the directive's location.
public struct DirectiveFailure: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
