/// A checked template, ready to run: parameters resolved, every directive typed against its
/// schema, computations ordered by their dependencies with their seeds and cache keys, and every
/// section, figure and table numbered.
public struct Plan: Sendable {
    public var template: Template
    /// Front-matter parameters after `--param` overrides.
    public var params: Record
    /// Computations in an order where each comes after those it reads.
    public var computations: [Computation]
    /// Figures, tables and checks, by the index of their block in `template.blocks`.
    public var presentations: [Int: Presentation]
    /// Section, figure and table numbers, and the cross-reference targets by label.
    public var numbering: Numbering
    /// Labels of the computations whose results the paper itself reads (in prose, captions,
    /// checks, figures and tables); a cached rebuild loads only these and what must be recomputed.
    public var readByDocument: Set<String>
}

/// One directive to compute (or to take from the cache).
public struct Computation: Sendable {
    public var label: String
    public var kind: String
    public var location: SourceLocation
    /// Checked parameters; reference parameters are filled from upstream results when run.
    public var arguments: BoundArguments
    public var seed: UInt64
    /// Hash of kind, version, parameters, seed, file digests and upstream keys.
    public var key: String
    /// Labels of the computations this one reads.
    public var dependencies: [String]

    /// Parameters that read other directives' results, by parameter name.
    public var references: [String: ResultPath] { arguments.paths }
}

public enum Presentation: Sendable {
    case figure(FigurePlacement)
    case table(TablePlacement)
    case check([Claim])
}

/// A `figure` directive: which result to draw, its number and caption.
public struct FigurePlacement: Sendable {
    public var label: String?
    public var number: Int
    public var show: ResultPath
    public var caption: Prose
    /// How to draw a result that is not already a figure, and what to change on one that is.
    public var style: FigureStyle
    /// Optional x values and reference-line value, read from results.
    public var x: ResultPath?
    public var hline: ResultPath?
    public var location: SourceLocation
}

/// The drawing options of a `figure` directive.
public struct FigureStyle: Sendable {
    public var kind: FigurePlotKind
    public var width: Double?
    public var bins: Int
    public var logX: Bool
    public var logY: Bool
    public var xLabel: String
    public var yLabel: String
    public var hlineLabel: String
}

public enum FigurePlotKind: String, Sendable, CaseIterable {
    case auto, line, scatter, step, histogram, bars, heatmap
}

/// A `table` directive: a table result to show (or rows of expressions), which columns, how to
/// format them.
public struct TablePlacement: Sendable {
    public enum Source: Sendable {
        case result(ResultPath)
        /// Rows whose cells are expressions, under the directive's `columns`.
        case rows([[Claim]])
    }

    public var label: String?
    public var number: Int
    public var source: Source
    public var caption: Prose
    public var columns: [String]?
    public var formats: [String: FormatSpec]
    public var location: SourceLocation
}

/// One line of a `check` block: a claim that must hold when the paper is built.
public struct Claim: Sendable {
    public var expression: Expression
    public var source: String
    public var location: SourceLocation
}
