/// The directives that place results in the paper: rendered every build, never cached. Their
/// parameters are declared like a compute directive's and read typed by the planner.
enum PresentationDirectives {
    /// `figure`: a figure result, or a plain result drawn with `kind`.
    struct FigureParameters: ParameterSet {
        let show = Parameter<ResultPath>(shows: "show", "the result to draw, such as census.discovery_figure or obs.columns.loss")
        let caption = Parameter<Prose>(caption: "caption", "caption text; may contain {{ }} expressions")
        let width = Parameter<Double?>(optional: "width", in: 1...14, "width in inches (the height scales with it); default: the figure's own")
        let kind = Parameter<FigurePlotKind>("kind", default: .auto, "how to draw a plain result: auto picks line for lists, heatmap for matrices")
        let x = Parameter<ResultPath?>(optionalPath: "x", "x values (or bar names) for a list result; default 0, 1, 2, ...")
        let bins = Parameter<Int>("bins", in: 2...500, default: 20, "histogram bins")
        let logX = Parameter<Bool>("log-x", default: false, "logarithmic x axis")
        let logY = Parameter<Bool>("log-y", default: false, "logarithmic y axis")
        let xLabel = Parameter<String>("x-label", default: "", "x axis label (for a figure result: replaces its own)")
        let yLabel = Parameter<String>("y-label", default: "", "y axis label (for a figure result: replaces its own)")
        let hline = Parameter<ResultPath?>(optionalPath: "hline", "a dashed horizontal reference line at this value (e.g. an exact count)")
        let hlineLabel = Parameter<String>("hline-label", default: "", "label of the reference line")
        let overlay = Parameter<ResultPath?>(optionalPath: "overlay", "a list drawn over a figure result's first panel as a step line at x = 1, 2, ... (e.g. a second census's discovery curve)")
        let overlayLabel = Parameter<String>("overlay-label", default: "", "legend label of the overlay")
        let spread = Parameter<ReplicateSpread>("spread", default: .se, "for a replicated result: the band (series) or error bars (a list of replicated numbers) around the mean show ± se, ± sd, or the 95 % t interval (ci95)")
    }

    /// `table`: a table result, or rows of expressions.
    struct TableParameters: ParameterSet {
        let show = Parameter<ResultPath?>(optionalPath: "show", "the table result to show, such as index.table")
        let rows = Parameter<[[Claim]]>(rows: "rows", "instead of 'show': rows of expressions under 'columns', such as [1, census1.distinct]")
        let caption = Parameter<Prose>(caption: "caption", "caption text; may contain {{ }} expressions")
        let columns = Parameter<[String]>(names: "columns", "the columns to show, in order (default: all)")
        let formats = Parameter<[String: FormatSpec]>(formats: "formats", "a format per column, such as {fraction: percent:1}")
        let labels = Parameter<Record>(mapping: "labels", "a heading per column in place of its name, such as {cpu_seconds: CPU s}")
    }

    static let schemas: [DirectiveSchema] = [
        DirectiveSchema(
            name: "figure",
            summary: "Places a figure, numbered for @fig- references: a figure a directive produced, or a list, x/y record or matrix drawn with `kind`.",
            parameters: FigureParameters.specs, outputs: []),
        DirectiveSchema(
            name: "table", summary: "Places a table result as a Markdown table, numbered for @tbl- references.",
            parameters: TableParameters.specs, outputs: []),
        DirectiveSchema(
            name: "check",
            summary: "Claims that must hold, one expression per line; a false claim fails the build with its location and values.",
            parameters: [], outputs: []),
    ]
}
