import Figures

/// A directive that computes values. Adding one is one file — a type that declares its parameters
/// and results once, typed, and computes the results from the parameters — and one line in
/// `DirectiveRegistry.standard`.
///
/// ```swift
/// struct StatsDirective: ComputeDirective {
///     static let name = "stats"
///     static let summary = "Descriptive statistics of a list of numbers."
///     struct Parameters: ParameterSet {
///         let of = Parameter<[Double]>(reference: "of", "the list to summarise")
///     }
///     struct Results: ResultSet {
///         let mean = Output<Double>("mean", "arithmetic mean")
///     }
///     static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
///         var results = ResultRecord<Results>()
///         results.mean = arguments.of.reduce(0, +) / Double(arguments.of.count)
///         return results
///     }
/// }
/// ```
public protocol ComputeDirective: Sendable {
    associatedtype Parameters: ParameterSet
    associatedtype Results: ResultSet
    /// The name written in templates: ```` ```{name #label} ````.
    static var name: String { get }
    static var summary: String { get }
    /// Bumped whenever the results change for the same parameters; part of the cache key.
    static var version: Int { get }
    /// Whether the results depend on `context.seed` (then the directive accepts `replicates: k`).
    static var seeded: Bool { get }
    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results>
}

extension ComputeDirective {
    public static var version: Int { 1 }
    public static var seeded: Bool { false }

    /// The schema, derived from the declarations.
    public static var schema: DirectiveSchema {
        DirectiveSchema(
            name: name, version: version, summary: summary, parameters: Parameters.specs, outputs: Results.specs,
            openOutputs: Results.isOpen, seeded: seeded)
    }

    /// Reads the bound arguments through the declarations, computes, and returns the stored
    /// results checked against their declarations.
    static func run(_ bound: BoundArguments, context: ComputeContext) throws -> Record {
        try compute(Arguments(bound), context: context).record()
    }

    /// A figure output drawn from stored results, or nil if `name` is not a figure output.
    static func figure(_ name: String, from record: Record) throws -> Figure? {
        try Results.figure(name, from: record)
    }
}
