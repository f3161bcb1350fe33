/// Every directive the engine knows. Adding a compute directive is one file and one line here.
public enum DirectiveRegistry {
    /// Directives that compute values (cached, run by the executor).
    public static let compute: [any ComputeDirective.Type] = [
        HelicityIndexDirective.self,
        DataDirective.self,
        StatsDirective.self,
    ]

    /// Directives that place results in the paper (rendered, never cached).
    public static let presentation: [DirectiveSchema] = [
        DirectiveSchema(
            name: "figure", summary: "Places a figure that a directive produced, numbered for @fig- references.",
            parameters: [
                ParameterSpec("show", .reference, "the figure result to draw, such as census.discovery"),
                ParameterSpec("caption", .caption, default: .text(""), "caption text; may contain {{ }} expressions"),
                ParameterSpec("width", .real(0.05...1), default: .real(1), "width as a fraction of the text width"),
            ],
            outputs: []),
        DirectiveSchema(
            name: "table", summary: "Places a table result as a Markdown table, numbered for @tbl- references.",
            parameters: [
                ParameterSpec("show", .reference, "the table result to show, such as index.table"),
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
