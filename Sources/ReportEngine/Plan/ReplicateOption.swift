/// `replicates: k` on a seeded compute directive (or `replicates:` in the front matter, the
/// default of every seeded directive): run the directive k times, replicate r with its own seed
/// derived from (paper seed, label, r), each replicate a task of its own with its own cache entry.
enum ReplicateOption {
    static let name = "replicates"
    static let range = 1...10_000
    static let doc = "how many independent replicates to run (each with its own seed from (seed, label, r), cached on its own); "
        + "each numeric result then holds its k values. Default: the front matter's `replicates`, else 1"

    /// The written arguments without `replicates`, and the number of replicates: the directive's
    /// own (an integer or `$param`), else the front matter's for a seeded directive, else 1.
    static func take(
        _ arguments: [DirectiveArgument], schema: DirectiveSchema, frontMatter: FrontMatter,
        params: [String: (value: Value, location: SourceLocation)], diagnostics: inout [Diagnostic]
    ) -> (arguments: [DirectiveArgument], replicates: Int) {
        guard let written = arguments.last(where: { $0.name == name }) else {
            return (arguments, schema.seeded ? frontMatter.replicates?.value ?? 1 : 1)
        }
        let rest = arguments.filter { $0.name != name }
        guard schema.seeded else {
            diagnostics.append(.error(
                at: written.nameLocation,
                "\(schema.name) does not depend on a seed, so its replicates would all be equal; 'replicates' is for seeded directives"))
            return (rest, 1)
        }
        var value = written.value.value.plainValue
        if case .text(let text)? = value, text.hasPrefix("$") {
            value = params[String(text.dropFirst())]?.value
        }
        guard case .integer(let n)? = value, let k = Int(exactly: n), range.contains(k) else {
            diagnostics.append(.error(at: written.value.location, "'replicates' must be an integer in \(range) (or a $param that is one)"))
            return (rest, 1)
        }
        return (rest, k)
    }
}
