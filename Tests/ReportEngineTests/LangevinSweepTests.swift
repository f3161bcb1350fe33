import Foundation
import Testing
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

    /// The least-squares slope of points on a line is the line's slope, and of symmetric scatter
    /// around it too.
    @Test func leastSquaresSlope() {
        #expect(abs(LangevinSweepDirective.leastSquaresSlope(x: [1, 2, 3, 4], y: [5, 8, 11, 14]) - 3) < 1e-14)
        #expect(abs(LangevinSweepDirective.leastSquaresSlope(x: [0, 1, 2], y: [1, 0, 1])) < 1e-14)
        #expect(LangevinSweepDirective.leastSquaresSlope(x: [1], y: [1]).isNaN)
    }
}
