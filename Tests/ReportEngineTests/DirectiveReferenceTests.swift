import Foundation
import ReportEngine
import Testing

extension CommandLineTests {
    /// `report directives --format md` is the manual's reference: a template that builds without a
    /// warning, with a section per registered directive and a row per declared parameter and result.
    @Test func directiveReferenceBuildsAndNamesEveryDeclaration() throws {
        guard FileManager.default.fileExists(atPath: Self.executable.path) else {
            Issue.record("report executable not built at \(Self.executable.path)")
            return
        }
        let directory = try workspace("")
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try run(["directives", "--format", "md"], in: directory)
        #expect(reference.termination == .exited(0), "\(reference.stderr)")
        try reference.stdout.write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
        let build = try run(["build", "reports/p.md"], in: directory)
        #expect(build.termination == .exited(0), "\(build.stderr)")
        #expect(!build.stderr.contains("warning"), "\(build.stderr)")
        let html = try String(contentsOf: directory.appendingPathComponent("build/p.html"), encoding: .utf8)

        let schemas = DirectiveRegistry.standard.schemas
        #expect(!schemas.isEmpty)
        let sections = reference.stdout.components(separatedBy: "\n## ").dropFirst()
        // A section per directive, and the last one on replicates, functions and uncertainty formats.
        #expect(sections.count == schemas.count + 1)
        let replicates = sections.last ?? ""
        #expect(replicates.hasPrefix("Replicates, functions and uncertainty formats"))
        for function in ["mean(x)", "quantile(x, q)", "values(x)", "ttest\\_p(x, y)", "paired\\_ttest\\_p(x, y)", "wilcoxon\\_p(x, y)",
                         "mannwhitney\\_p(x, y)", "spearman\\_p(x, y)", "percentile(v, sample)", "zscore(v, sample)", "pm:N", "pm-sd", "ci:L"] {
            #expect(replicates.contains("- " + function), "\(function) not listed")
        }
        for schema in schemas {
            #expect(html.contains("id=\"sec-\(schema.name)\""), "no section for \(schema.name)")
            guard let section = sections.first(where: { $0.hasPrefix("`\(schema.name)`") }) else {
                Issue.record("no section for \(schema.name)")
                continue
            }
            let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
            for p in schema.parameters {
                #expect(rows.contains { $0.hasPrefix("| `\(p.name)` |") }, "\(schema.name): parameter \(p.name)")
            }
            for o in schema.outputs {
                #expect(rows.contains { $0.hasPrefix("| `\(o.name)` |") }, "\(schema.name): result \(o.name)")
            }
            // Seeded directives also list the engine's `replicates` option.
            #expect(rows.contains { $0.hasPrefix("| `replicates` |") } == schema.seeded, "\(schema.name): replicates")
            #expect(rows.count == schema.parameters.count + schema.outputs.count + (schema.seeded ? 1 : 0), "\(schema.name)")
        }
        // A parameter's range and default come from its declaration.
        #expect(reference.stdout.contains("| `max-charge` | integer in 1...400 | `5` |"))
    }
}
