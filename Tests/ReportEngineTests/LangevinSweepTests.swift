import Foundation
import Testing
import Landscape
@testable import ReportEngine

/// The summaries `langevin-sweep` derives for the paper's checks, recomputed here from its own
/// per-row results by independent formulas.
@Suite struct LangevinSweepTests {
    static let source = """
        ```{langevin-sweep #sweep dimension=3 width=4 steps=400 burn-in=200 record-every=4 windows=2 valid-step=10}
        points: [12, 16]
        temperatures: [1e-4, 1e-3]
        ```
        """

    static func results() throws -> Record {
        let (template, _) = TemplateParser.parse(source, file: "t.md")
        let (plan, problems) = Planner.plan(template) { _ in Data() }
        #expect(problems.isEmpty)
        let (results, _, runProblems) = Executor.run(try #require(plan), cache: nil)
        #expect(runProblems.isEmpty, "\(runProblems)")
        return try #require(results.values["sweep"])
    }

    @Test func summariesFollowFromTheRows() throws {
        let record = try Self.results()
        func value<T: ValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
            try #require(record[name].flatMap(T.init(value:)), "\(name)")
        }
        func reals(_ name: String) throws -> [Double] { try value(name) }
        let t = try reals("temperature"), dMean = try reals("d_mean"), dVar = try reals("d_var")
        let eMean = try reals("d_mean_err"), eVar = try reals("d_var_err"), z = try reals("z_mean_var")
        let lambda = try reals("lambda_max"), accuracy = try reals("accuracy"), eta = try reals("step_size")
                let valid = try value("valid", as: [Int].self)
        #expect(t == [1e-4, 1e-3, 1e-4, 1e-3])
        for i in t.indices {
            #expect(abs(z[i] - (dMean[i] - dVar[i]) / (eMean[i] * eMean[i] + eVar[i] * eVar[i]).squareRoot()) <= 1e-12 * max(1, abs(z[i])))
            #expect(valid[i] == (eta[i] * lambda[i] <= 10 && accuracy[i] == 1 ? 1 : 0))
        }
        // With two valid temperatures of the first N, the slope is the secant's.
        if valid[0] == 1 && valid[1] == 1 {
            let secant = (log(lambda[1]) - log(lambda[0])) / (log(t[1]) - log(t[0]))
            let slope = try value("lambda_slope", as: Double.self)
            #expect(abs(slope - secant) <= 1e-12 * max(1, abs(secant)))
        }
    }

    /// Merged from its two tasks (one per dataset size), computed by separate shards in reverse
    /// order and read back from a cache directory through its record codec, the sweep is the
    /// one-process sweep to the last bit, and its rows are those of `TemperatureSweep.run` in one piece.
    @Test func tasksFromTheCacheGiveTheUnshardedSweep() throws {
        let (template, _) = TemplateParser.parse(Self.source, file: "t.md")
        let plan = try #require(Planner.plan(template) { _ in Data() }.0)
        let cache = DirectoryCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("report-sweep-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        for index in [2, 1] {
            let (_, log, problems) = Executor.run(plan, cache: cache, options: .init(jobs: 2, shard: Shard(index: index, count: 2)))
            #expect(problems.isEmpty && log.tasks == ["sweep": TaskCounts(computed: 1, cached: 0)])
        }
        let (results, log, problems) = Executor.run(plan, cache: cache, options: .init(jobs: 2))
        #expect(problems.isEmpty && log.tasks == ["sweep": TaskCounts(computed: 0, cached: 2)])
        let merged = try #require(results.values["sweep"])
        let encoded = { (record: Record) in try CanonicalJSON.encoder().encode(Value.record(record)) }
        #expect(try encoded(merged) == encoded(try Self.results()))

        var reference = TemperatureSweep(points: [12, 16], dimension: 3, classes: 2, width: 4, temperatures: [1e-4, 1e-3], burnIn: 200,
                                         steps: 400, recordEvery: 4, stepSize: 0.1, seed: CacheKeys.derivedSeed(0, label: "sweep"))
        reference.windows = 2
        let sweep = reference.run(threads: ThreadBudget(threads: 2, heldByCaller: 1))
        let rows = sweep.measurements
        func bits(_ name: String) -> [UInt64]? { merged[name].flatMap([Double].init(value:))?.map(\.bitPattern) }
        let expected: [(String, [Double])] = [
            ("mean_excess", rows.map(\.fluctuations.meanExcess.value)), ("loss_variance_err", rows.map(\.fluctuations.lossVariance.standardError)),
            ("d_var", rows.map(\.fluctuations.dimensionFromVariance.value)), ("tau", rows.map(\.fluctuations.meanExcess.correlationTime)),
            ("active_k10", rows.map { $0.activePoints[1] }), ("step_size", rows.map(\.stepSize)), ("lambda_max", rows.map(\.maximumEigenvalue)),
            ("accuracy", rows.map(\.accuracy)), ("harmonic_d", rows.map(\.harmonicDimension)),
            ("harmonic_lambda_max", rows.indices.map { sweep.minima[$0 / 2].harmonic.maximumEigenvalue }),
            ("minimum_loss", sweep.minima.map(\.value)),
        ]
        for (name, values) in expected { #expect(bits(name) == values.map(\.bitPattern), "\(name)") }
        let windows = try #require(merged["window_d_mean"].flatMap(Matrix.init(value:)))
        #expect(windows.elements.map(\.bitPattern) == rows.flatMap { $0.successiveWindows.map(\.dimensionFromMean.value.bitPattern) })
    }

    /// Runs `source` with the files `files` and returns the sweep's record, or the problems.
    static func run(_ source: String, files: [String: String]) -> (record: Record?, problems: [String]) {
        let (template, _) = TemplateParser.parse(source, file: "t.md")
        let (plan, problems) = Planner.plan(template) { Data(files[$0]!.utf8) }
        guard let plan, problems.isEmpty else { return (nil, problems.map(\.description)) }
        let (results, _, runProblems) = Executor.run(plan, cache: nil)
        return (results.values["sweep"], runProblems.map(\.description))
    }

    static func sweepOfTable(label: String) -> String {
        """
        ```{data #obs file=points.csv}
        ```
        ```{langevin-sweep #sweep data=obs.table label=\(label) width=4 steps=400 burn-in=200 record-every=4 windows=2}
        points: [12]
        temperatures: [1e-4, 1e-3]
        ```
        """
    }

    /// A CSV file read by `data` gives the same sweep, to the last bit, as the same points handed to
    /// the sweep in memory: the label column first, a text column left out, the features in order.
    @Test func csvDataGivesTheInMemorySweep() throws {
        let points = Dataset.randomLabels(count: 12, dimension: 3, classes: 2, seed: 5)
        let labels = try #require(points.labels)
        #expect(Set(labels) == [0, 1])
        let csv = "class,name,x0,x1,x2\n" + (0..<12).map { i in
            "\(labels[i]),p\(i)," + points.inputs[(3 * i)..<(3 * i + 3)].map { "\($0)" }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let (record, problems) = Self.run(Self.sweepOfTable(label: "class"), files: ["points.csv": csv])
        #expect(problems.isEmpty, "\(problems)")
        let sweep = try #require(record)

        var reference = TemperatureSweep(points: [12], dimension: 1, classes: 2, width: 4, temperatures: [1e-4, 1e-3], burnIn: 200,
                                         steps: 400, recordEvery: 4, stepSize: 0.1, seed: CacheKeys.derivedSeed(0, label: "sweep"))
        reference.windows = 2
        reference.data = points
        let rows = reference.run().measurements
        func reals(_ name: String) -> [Double]? { sweep[name].flatMap([Double].init(value:)) }
        #expect(reals("mean_excess") == rows.map(\.fluctuations.meanExcess.value))
        #expect(reals("d_var") == rows.map(\.fluctuations.dimensionFromVariance.value))
        #expect(reals("lambda_max") == rows.map(\.maximumEigenvalue))
        #expect(reals("harmonic_d") == rows.map(\.harmonicDimension))
    }

    /// A label column that is missing or holds something other than classes 0..C−1 stops the
    /// sweep with a message naming the column, the row and the value.
    @Test func badLabelColumnsAreClearErrors() {
        let csv = "class,x\n0,0.5\n1,0.25\n1,2\n0,1\n"
        let misspelt = Self.run(Self.sweepOfTable(label: "clas"), files: ["points.csv": csv]).problems
        #expect(misspelt.count == 1 && misspelt[0].contains("has no column 'clas' to take the labels from (did you mean 'class'?); its columns are 'class', 'x'"), "\(misspelt)")
        let fractional = Self.run(Self.sweepOfTable(label: "x"), files: ["points.csv": csv]).problems
        #expect(fractional.count == 1 && fractional[0].contains("label column 'x' of the data table holds 0.5 in data row 1; labels are classes 0, 1, …, C − 1"), "\(fractional)")
        let tooMany = Self.run(Self.sweepOfTable(label: "class"), files: ["points.csv": csv]).problems
        #expect(tooMany.count == 1 && tooMany[0].contains("points asks for N = 12 rows, but the data table has 4"), "\(tooMany)")
        let oneClass = Self.run(Self.sweepOfTable(label: "class"), files: ["points.csv": "class,x\n" + String(repeating: "0,1\n", count: 12)]).problems
        #expect(oneClass.count == 1 && oneClass[0].contains("holds only class 0"), "\(oneClass)")
    }

    /// The least-squares slope of points on a line is the line's slope, and of symmetric scatter
    /// around it too.
    @Test func leastSquaresSlope() {
        #expect(abs(LangevinSweepDirective.leastSquaresSlope(x: [1, 2, 3, 4], y: [5, 8, 11, 14]) - 3) < 1e-14)
        #expect(abs(LangevinSweepDirective.leastSquaresSlope(x: [0, 1, 2], y: [1, 0, 1])) < 1e-14)
        #expect(LangevinSweepDirective.leastSquaresSlope(x: [1], y: [1]).isNaN)
    }
}
