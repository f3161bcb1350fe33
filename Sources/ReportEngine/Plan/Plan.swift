/// A checked template, ready to run: parameters resolved, every directive typed against its
/// schema, computations ordered by their dependencies with their seeds and cache keys, and every
/// section, figure and table numbered.
struct Plan: Sendable {
    let template: Template
    /// Front-matter parameters after `--param` overrides.
    let params: Record
    /// Computations in an order where each comes after those it reads.
    let computations: [Computation]
    /// Figures, tables and checks, by the index of their block in `template.blocks`.
    let presentations: [Int: Presentation]
    /// Section, figure and table numbers, and the cross-reference targets by label.
    let numbering: Numbering
    /// Labels of the computations whose results the paper itself reads (in prose, captions,
    /// checks, figures and tables); a cached rebuild loads only these and what must be recomputed.
    let readByDocument: Set<String>
    /// The citations formatted by citeproc and the reference list.
    var citations = CitedWorks()
}

/// One directive to compute (or to take from the cache).
struct Computation: Sendable {
    let label: String
    let kind: String
    let location: SourceLocation
    /// Checked parameters; reference parameters are filled from upstream results when run.
    let arguments: BoundArguments
    var seed: UInt64
    /// Hash of kind, version, parameters, seed, file digests and upstream keys.
    var key: String
    /// Labels of the computations this one reads.
    var dependencies: [String]
    /// How many replicates run (1: the directive runs once, with `seed`).
    var replicates = 1
    /// With replicates, the key their own keys derive from: the computation's key without the
    /// replicate count, so that adding replicates leaves the existing ones cached.
    var replicateBase = ""

    /// Parameters that read other directives' results, by parameter name.
    var references: [String: ResultPath] { arguments.paths }
}

enum Presentation: Sendable {
    case figure(FigurePlacement)
    case table(TablePlacement)
    case check([Claim])
}

/// A `figure` directive: which result to draw, its number and caption.
struct FigurePlacement: Sendable {
    let label: String?
    let number: Int
    let show: ResultPath
    let caption: Prose
    /// How to draw a result that is not already a figure, and what to change on one that is.
    let style: FigureStyle
    /// Optional x values, reference-line value and overlaid list, read from results.
    let x: ResultPath?
    let hline: ResultPath?
    let overlay: ResultPath?
    let location: SourceLocation
}

/// The drawing options of a `figure` directive.
struct FigureStyle: Sendable {
    let kind: FigurePlotKind
    let width: Double?
    let bins: Int
    let logX: Bool
    let logY: Bool
    let xLabel: String
    let yLabel: String
    let hlineLabel: String
    let overlayLabel: String
    /// What the band or error bars of a replicated result show.
    var spread: ReplicateSpread = .se
}

/// The spread drawn around the mean of a replicated result: ± the standard error, ± the
/// standard deviation, or the 95 % t confidence interval of the mean.
enum ReplicateSpread: String, Sendable, CaseIterable {
    case se, sd, ci95
}

enum FigurePlotKind: String, Sendable, CaseIterable {
    case auto, line, scatter, step, histogram, bars, heatmap
}

/// A `table` directive: a table result to show (or rows of expressions), which columns, how to
/// format them.
struct TablePlacement: Sendable {
    enum Source: Sendable {
        case result(ResultPath)
        /// Rows whose cells are expressions, under the directive's `columns`.
        case rows([[Claim]])
    }

    let label: String?
    let number: Int
    let source: Source
    let caption: Prose
    let columns: [String]?
    let formats: [String: FormatSpec]
    /// Printed headings of columns, by column name.
    let labels: Record
    let location: SourceLocation
}

/// One line of a `check` block: a claim that must hold when the paper is built.
struct Claim: Sendable {
    let expression: Expression
    let source: String
    let location: SourceLocation
}
