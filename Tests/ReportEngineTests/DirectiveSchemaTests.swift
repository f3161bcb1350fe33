import ChildProcess
import Foundation
import Landscape
import Testing
@testable import ReportEngine

/// Every directive's declarations are its schema: run each registered directive on a small input
/// and hold what it produced against what it declares.
@Suite struct DirectiveSchemaTests {
    /// A small call of each registered directive (`bps-solve` only where PHCpack is installed).
    private static let samples: [String: String] = [
        "bps-index": "```{bps-index #index max-charge=3}\n```",
        "data": "```{data #obs file=obs.csv}\n```",
        "stats": "```{stats #summary of=obs.columns.loss}\n```",
        "clustering": "```{clustering #tree points=8 levels=2}\n```\n\n```{clustering #theirs distances=d.csv linkage=ward}\n```",
        "spin-glass": "```{spin-glass #glass inputs=1 hidden=1 outputs=3}\nreplicas: tree.distances\nprobe: obs.table\n```",
        "bps-minima": "```{bps-minima #census n=1 runs=30}\nexpected: index.minima[1]\n```",
        "bps-solve": "```{bps-solve #phc n=1}\n```",
        "bps-certify": "```{bps-certify #cert n=1 solutions=set.csv}\n```",
        "mode-path": "```{mode-path #paths bands=1 iterations=50 points=21}\nminima: census.minima_set\n```",
        "discovery-model": "```{discovery-model #model minima=5 censuses=20 runs=30}\n```",
        "langevin-sweep": "```{langevin-sweep #sweep dimension=3 width=4 t-count=2 t-min=1e-3 t-max=1e-2 window=20 burn-in=10 records=40 repeats=2}\npoints: [12, 16]\n```",
        "exec": "```{exec #own run=sh script=own.sh}\n```",
        "nn-ensemble": "```{nn-ensemble #nets samples=60 dimension=4 classes=3 width=3 epochs=3 replicas=2}\nbatch-sizes: [8, 60]\n```",
        "perm-interp": "```{perm-interp #perm replicas=2 permutations=2 swaps=3 pairs=1 points=5}\nensemble: nets.ensemble\naligned: nets.parameters\n```",
        "random-walk": "```{random-walk #walk replicas=1 steps=20 record-every=5 constrained-steps=10 sharpness-samples=2 sphere-steps=10}\nensemble: nets.ensemble\n```",
    ]
    private static let files = [
        "obs.csv": "step,loss,optimizer\n1,0.5,adam\n2,0.25,adam\n3,0.125,sgd\n",
        "own.sh": "echo '{\"x\": 1}' > results.json\n",
        "d.csv": "0,1,4,4\n1,0,4,4\n4,4,0,2\n4,4,2,0\n",
        // The header of a census's solutions at N = 1 and no rows: certified (and failed) at once.
        "set.csv": SolutionsCSV.text([], system: BPSSystem(n: 1)),
    ]

    @Test func everyRegisteredDirectiveHasASample() {
        let missing = DirectiveRegistry.standard.computeDirectives.map { $0.name }.filter { Self.samples[$0] == nil }
        #expect(missing.isEmpty, "no sample call for \(missing)")
    }

    @Test func everyDirectiveProducesExactlyItsDeclaredResults() throws {
        let registry = DirectiveRegistry.standard
        let kinds = registry.computeDirectives.map { $0.name }.filter { $0 != "bps-solve" || PHCpack.isInstalled }
        let source = kinds.compactMap { Self.samples[$0] }.joined(separator: "\n\n")
        let (template, parseProblems) = TemplateParser.parse(source, file: "t.md")
        let (plan, planProblems) = Planner.plan(template) { path in Data(Self.files[path]!.utf8) }
        #expect((parseProblems + planProblems).isEmpty)
        let (results, _, runProblems) = Executor.run(try #require(plan), cache: nil)
        #expect(runProblems.isEmpty, "\(runProblems)")
        let figures = FigureOutputs(try #require(plan), registry: registry)
        for computation in try #require(plan).computations {
            let schema = try #require(registry.schema(named: computation.kind))
            let record = try #require(results.values[computation.label])
            let stored = schema.outputs.filter { !$0.isPresentation }
            // An open set (a researcher's program) may write more than it declares.
            let declared = schema.openOutputs ? Array(record.names.prefix(stored.count)) : record.names
            #expect(declared == stored.map(\.name), "\(computation.kind) wrote \(record.names)")
            for output in stored {
                let value = try #require(record[output.name])
                #expect(output.type.admits(value), "\(computation.kind).\(output.name) is a \(value.typeName), declared \(output.type)")
            }
            // Figure outputs are drawn from the stored results alone, and are valid figures.
            for output in schema.outputs where output.isPresentation {
                let figure = try figures.figure(output.name, of: computation.label, from: record, at: computation.location)
                #expect(figure?.problem == nil, "\(computation.kind).\(output.name): \(figure?.problem ?? "not drawn")")
            }
        }
    }

    /// A directive that declares a result it never writes.
    private struct ForgetfulDirective: ComputeDirective {
        static let name = "forgetful"
        static let summary = "Declares two results and writes one."
        struct Parameters: ParameterSet {
            let value = Parameter<Int>("value", in: 0...10, default: 1, "a number")
        }
        struct Results: ResultSet {
            let written = Output<Int>("written", "written")
            let forgotten = Output<Double>("forgotten", "never written")
        }
        static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
            var results = ResultRecord<Results>()
            results.written = arguments.value
            return results
        }
    }

    /// A directive that always fails.
    private struct FailingDirective: ComputeDirective {
        static let name = "failing"
        static let summary = "Fails."
        struct Parameters: ParameterSet {}
        struct Results: ResultSet {
            let never = Output<Int>("never", "never produced")
        }
        static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
            throw DirectiveFailure("as designed")
        }
    }

    @Test func aRegistryTakesTestDirectivesAndTheirFailuresAreLocated() {
        var request = BuildRequest(
            source: "```{forgetful #f value=3}\n```\n\n```{failing #x}\n```\n\n{{ f.written }} {{ x.never }}\n",
            templatePath: "reports/test.md")
        request.formats = [.md]
        request.registry = DirectiveRegistry.standard.adding([ForgetfulDirective.self, FailingDirective.self])
        let product = ReportBuild.run(request, loadFile: { _ in Data() }, cache: nil)
        #expect(product.errors.contains("reports/test.md:1:4: error: forgetful 'f' failed: result 'forgotten' was not produced"))
        #expect(product.errors.contains("reports/test.md:4:4: error: failing 'x' failed: as designed"))
        // The standard registry does not know them.
        #expect(problems("```{failing #x}\n```\n").first?.hasPrefix("t.md:1:4: error: unknown directive 'failing'") == true)
    }

    @Test func aReferenceToAResultOfTheWrongTypeNamesBoth() {
        let product = build("""
            ```{bps-index #index max-charge=2}
            ```
            ```{stats #s of=index.table}
            ```
            {{ s.mean }}
            """)
        #expect(product.errors.contains("reports/test.md:3:4: error: stats 's' failed: parameter 'of' expects a result that is a vector, got a table"))
    }

    @Test func choicesAreEnumsAndDeclaredOnce() throws {
        let schema = try #require(DirectiveRegistry.standard.schema(named: "bps-minima"))
        let optimizer = try #require(schema.parameter("optimizer"))
        guard case .choice(let options) = optimizer.type else { Issue.record("optimizer is not a choice"); return }
        #expect(options == ["newton", "momentum", "adam"])
        #expect(problems("```{bps-minima #c n=1 optimizer=sgd}\n```\n").first?.contains("must be one of newton, momentum, adam, not 'sgd'") == true)
    }
}
