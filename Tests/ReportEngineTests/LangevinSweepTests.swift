import Foundation
import Testing
import Landscape
@testable import ReportEngine

/// The summaries `langevin-sweep` derives for the paper's checks, recomputed here from its own
/// per-row results by independent formulas.
@Suite struct LangevinSweepTests {
    static let source = """
        ```{langevin-sweep #sweep dimension=3 width=4 window=20 burn-in=10 records=40 repeats=3 valid-step=10}
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

    /// The sweeps of every replicate, computed apart with the seeds the directive derives.
    static func replicateSweeps(seed: UInt64) -> [TemperatureSweep.Result] {
        (0..<3).map { r in
            var generator = SeededGenerator(seed: seed).child(r)
            let sweep = TemperatureSweep(points: [12, 16], dimension: 3, classes: 2, width: 4, temperatures: [1e-4, 1e-3],
                                         burnIn: 10, window: 20, records: 40, stepSize: 0.1, seed: generator.next())
            return sweep.run(threads: ThreadBudget(threads: 2, heldByCaller: 1))
        }
    }

    /// Every row is the mean over the replicates with their standard error, its tests the paired
    /// t tests of the replicates' values, the validity rule what it says, and the response pairs
    /// the chord against the variance of neighbouring temperatures, replicate by replicate.
    @Test func rowsAreTheReplicatesSummarised() throws {
        let record = try Self.results()
        func reals(_ name: String) throws -> [Double] { try #require(record[name].flatMap([Double].init(value:)), "\(name)") }
        func ints(_ name: String) throws -> [Int] { try #require(record[name].flatMap([Int].init(value:)), "\(name)") }
        let sweeps = Self.replicateSweeps(seed: CacheKeys.derivedSeed(0, label: "sweep"))
        #expect(try reals("temperature") == [1e-4, 1e-3, 1e-4, 1e-3] && ints("points") == [12, 12, 16, 16])
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }
        let dMean = try reals("d_mean"), dMeanErr = try reals("d_mean_err"), gap = try reals("d_gap"), gapP = try reals("d_gap_p")
        let driftP = try reals("drift_p"), lambda = try reals("lambda_max"), eta = try reals("eta_lambda_max")
        let valid = try ints("valid"), stationary = try ints("stationary"), accuracy = try reals("accuracy")
        for i in 0..<4 {
            let chains = sweeps.map { $0.measurements[i] }
            let dm = chains.map(\.fluctuations.dimensionFromMean.value), dv = chains.map(\.fluctuations.dimensionFromVariance.value)
            let m = dm.reduce(0, +) / 3
            #expect(close(dMean[i], m))
            #expect(close(dMeanErr[i], (dm.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 2 / 3).squareRoot()))
            #expect(close(gap[i], zip(dv, dm).reduce(0) { $0 + $1.0 - $1.1 } / 3))
            #expect(close(gapP[i], HypothesisTests.pairedT(dv, dm).p))
            #expect(close(driftP[i], HypothesisTests.pairedT(chains.map(\.halves[1].meanExcess.value), chains.map(\.halves[0].meanExcess.value)).p))
            #expect(close(lambda[i], chains.map(\.meanCurvature).reduce(0, +) / 3))
            #expect(eta[i] == chains.map(\.largestStepCurvature).max()!)
            #expect(stationary[i] == (driftP[i] >= 0.05 ? 1 : 0))
            #expect(valid[i] == (eta[i] <= 10 && accuracy[i] == 1 && stationary[i] == 1 ? 1 : 0))
        }
        let response = try reals("d_response"), fluctuation = try reals("d_fluctuation")
        #expect(try ints("response_points") == [12, 16] && response.count == 2)
        for (pair, size) in [0, 1].enumerated() {
            let rows = sweeps.map { Array($0.measurements[(2 * size)..<(2 * size + 2)]) }
            let r = rows.map { 2 * ($0[1].fluctuations.meanExcess.value - $0[0].fluctuations.meanExcess.value) / (1e-3 - 1e-4) }
            let f = rows.map { (2 * $0[0].fluctuations.lossVariance.value / 1e-8 * 2 * $0[1].fluctuations.lossVariance.value / 1e-6).squareRoot() }
            #expect(abs(response[pair] - r.reduce(0, +) / 3) <= 1e-9 * abs(response[pair]))
            #expect(abs(fluctuation[pair] - f.reduce(0, +) / 3) <= 1e-9 * fluctuation[pair])
        }
        // With two temperatures per size, the slope of log λ_max is the secant's.
        let secant = (log(lambda[1]) - log(lambda[0])) / (log(1e-3) - log(1e-4))
        #expect(close(try reals("lambda_slope")[0], secant))
        #expect(try ints("lambda_increasing") == [lambda[0] < lambda[1] ? 1 : 0, lambda[2] < lambda[3] ? 1 : 0])
    }

    /// Merged from its six tasks (three replicates of two dataset sizes), computed by separate
    /// shards in reverse order and read back from a cache directory through its record codec, the
    /// sweep is the one-process sweep to the last bit.
    @Test func tasksFromTheCacheGiveTheUnshardedSweep() throws {
        let (template, _) = TemplateParser.parse(Self.source, file: "t.md")
        let plan = try #require(Planner.plan(template) { _ in Data() }.0)
        let cache = DirectoryCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("report-sweep-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        for index in [2, 1] {
            let (_, log, problems) = Executor.run(plan, cache: cache, options: .init(jobs: 2, shard: Shard(index: index, count: 2)))
            #expect(problems.isEmpty && log.tasks == ["sweep": TaskCounts(computed: 3, cached: 0)])
        }
        let (results, log, problems) = Executor.run(plan, cache: cache, options: .init(jobs: 2))
        #expect(problems.isEmpty && log.tasks == ["sweep": TaskCounts(computed: 0, cached: 6)])
        let merged = try #require(results.values["sweep"])
        let encoded = { (record: Record) in try CanonicalJSON.encoder().encode(Value.record(record)) }
        #expect(try encoded(merged) == encoded(try Self.results()))
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
        ```{langevin-sweep #sweep data=obs.table label=\(label) width=4 window=20 burn-in=10 records=40 repeats=3}
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

        let rows = (0..<3).map { r -> [TemperatureSweep.Measurement] in
            var generator = SeededGenerator(seed: CacheKeys.derivedSeed(0, label: "sweep")).child(r)
            var reference = TemperatureSweep(points: [12], dimension: 1, classes: 2, width: 4, temperatures: [1e-4, 1e-3], burnIn: 10,
                                             window: 20, records: 40, stepSize: 0.1, seed: generator.next())
            reference.data = points
            return reference.run().measurements
        }
        func reals(_ name: String) -> [Double]? { sweep[name].flatMap([Double].init(value:)) }
        func mean(_ f: (TemperatureSweep.Measurement) -> Double) -> [Double] { (0..<2).map { j in Sample.mean(rows.map { f($0[j]) }) } }
        #expect(reals("mean_excess") == mean(\.fluctuations.meanExcess.value))
        #expect(reals("d_var") == mean(\.fluctuations.dimensionFromVariance.value))
        #expect(reals("lambda_max") == mean(\.meanCurvature))
        #expect(reals("harmonic_d") == mean(\.harmonicDimension))
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
