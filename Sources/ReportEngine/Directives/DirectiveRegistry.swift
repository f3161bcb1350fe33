/// Every directive the engine knows. Adding a compute directive is one file and one line here.
public enum DirectiveRegistry {
    /// Directives that compute values (cached, run by the executor).
    public static let compute: [any ComputeDirective.Type] = [
        HelicityIndexDirective.self,
        DataDirective.self,
        StatsDirective.self,
        ClusteringDirective.self,
        MinimaCensusDirective.self,
        HomotopyCountDirective.self,
        ModePathDirective.self,
        DiscoveryModelDirective.self,
    ]

    /// Directives that place results in the paper (rendered, never cached).
    public static let presentation: [DirectiveSchema] = [
        DirectiveSchema(
            name: "figure",
            summary: "Places a figure, numbered for @fig- references: a figure a directive produced, or a list, x/y record or matrix drawn with `kind`.",
            parameters: [
                ParameterSpec("show", .reference, "the result to draw, such as census.discovery or obs.columns.loss"),
                ParameterSpec("caption", .caption, default: .text(""), "caption text; may contain {{ }} expressions"),
                .optional("width", .real(1...14), "width in inches (the height scales with it); default: the figure's own"),
                ParameterSpec("kind", .choice(FigurePlotKind.allCases.map(\.rawValue)), default: .text("auto"),
                              "how to draw a plain result: auto picks line for lists, heatmap for matrices"),
                .optional("x", .reference, "x values (or bar names) for a list result; default 0, 1, 2, ..."),
                ParameterSpec("bins", .integer(2...500), default: .int(20), "histogram bins"),
                ParameterSpec("log-x", .boolean, default: .boolean(false), "logarithmic x axis"),
                ParameterSpec("log-y", .boolean, default: .boolean(false), "logarithmic y axis"),
                ParameterSpec("x-label", .text, default: .text(""), "x axis label"),
                ParameterSpec("y-label", .text, default: .text(""), "y axis label"),
                .optional("hline", .reference, "a dashed horizontal reference line at this value (e.g. an exact count)"),
                ParameterSpec("hline-label", .text, default: .text(""), "label of the reference line"),
            ],
            outputs: []),
        DirectiveSchema(
            name: "table", summary: "Places a table result as a Markdown table, numbered for @tbl- references.",
            parameters: [
                .optional("show", .reference, "the table result to show, such as index.table"),
                .optional("rows", .rows, "instead of 'show': rows of expressions under 'columns', such as [1, census1.distinct]"),
                ParameterSpec("caption", .caption, default: .text(""), "caption text; may contain {{ }} expressions"),
                ParameterSpec("columns", .names, default: .list([]), "the columns to show, in order (default: all)"),
                ParameterSpec("formats", .formats, default: .record(Record()), "a format per column, such as {fraction: percent:1}"),
            ],
            outputs: []),
        DirectiveSchema(
            name: "check",
            summary: "Claims that must hold, one expression per line; a false claim fails the build with its location and values.",
            parameters: [], outputs: []),
    ]

    public static var allSchemas: [DirectiveSchema] { compute.map { $0.schema } + presentation }

    public static func schema(named name: String) -> DirectiveSchema? { allSchemas.first { $0.name == name } }

    static func compute(named name: String) -> (any ComputeDirective.Type)? {
        compute.first { $0.schema.name == name }
    }
}
