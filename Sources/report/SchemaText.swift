import ReportEngine

/// The text `report directives` prints for a schema.
enum SchemaText {
    static func describe(_ schema: DirectiveSchema) -> String {
        var lines = ["\(schema.name) — \(schema.summary)"]
        if !schema.parameters.isEmpty {
            lines.append("  parameters:")
            for p in schema.parameters {
                let defaultText = p.defaultValue.map { " = \(shown($0))" } ?? (p.isOptional ? " (optional)" : " (required)")
                lines.append("    \(p.name): \(p.type.description)\(defaultText)")
                lines.append("        \(p.doc)")
            }
        }
        if !schema.outputs.isEmpty {
            lines.append("  results:")
            for o in schema.outputs {
                let drawn = o.isPresentation ? ", drawn when rendered" : ""
                lines.append("    \(o.name) (\(o.type)\(drawn)): \(o.doc)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func shown(_ value: Value) -> String {
        switch value {
        case .text(""): return "\"\""
        case .list(let items): return "[" + items.map(shown).joined(separator: ", ") + "]"
        case .record(let r) where r.fields.isEmpty: return "{}"
        default: return ValueFormat.plain(value)
        }
    }
}

