import Foundation
import Testing
@testable import ReportEngine

/// `nn-ensemble` and the directives that read its ensemble (`perm-interp`, `mode-path`,
/// `random-walk`), on small synthetic ensembles and a small table.
@Suite struct NetworkEnsembleDirectivesTests {
    static func run(_ source: String, files: [String: String] = [:], jobs: Int = 2) throws -> (values: [String: Record], problems: [Diagnostic]) {
        let (template, parseProblems) = TemplateParser.parse(source, file: "t.md")
        let (plan, planProblems) = Planner.plan(template) { path in Data(files[path]!.utf8) }
        #expect((parseProblems + planProblems).isEmpty, "\(parseProblems + planProblems)")
        let (results, _, runProblems) = Executor.run(try #require(plan), cache: nil, options: .init(jobs: jobs))
        return (results.values, runProblems)
    }

    static let ensemble = "```{nn-ensemble #nets synthetic=teacher-student samples=80 dimension=5 classes=3 width=4 epochs=8 replicas=4}\nbatch-sizes: 8\n```\n\n"

    /// mode-path's straight-line barrier between replicas 0 and 1 (linearPath, `LossSurface`)
    /// against perm-interp's unaligned barrier of the same pair (its own path and workspace).
    @Test func modePathOnNetworksAgreesWithPermInterp() throws {
        let (values, problems) = try Self.run(Self.ensemble + """
            ```{mode-path #paths points=21 bands=1 iterations=20}
            ensemble: nets.ensemble
            ```

            ```{perm-interp #perm points=21 permutations=1 swaps=0 pairs=1}
            ensemble: nets.ensemble
            moved: [0, 2]
            ```
            """)
        #expect(problems.isEmpty, "\(problems)")
        let paths = try #require(values["paths"]), perm = try #require(values["perm"])
        let barriers = try #require(paths["barriers"].flatMap(Matrix.init(value:)))
        let pair = try #require(perm["pair_unaligned"].flatMap([Double].init(value:)))
        #expect(barriers.rows == 4 && paths["pairs"] == .int(6))
        #expect(abs(barriers[0, 1] - pair[0]) < 1e-12)
        #expect(perm["identity_barrier"] == .real(0))
    }

    /// The walks start from the replicas exactly as trained, on the very data they were trained
    /// on: L(θ*) and the test accuracy match nn-ensemble's to the bit; distances and overlaps are
    /// in range.
    @Test func randomWalkStartsFromTheTrainedReplicas() throws {
        let (values, problems) = try Self.run(Self.ensemble + """
            ```{random-walk #walk steps=20 record-every=5 constrained-steps=20 sharpness-samples=3 sphere-steps=10}
            ensemble: nets.ensemble
            ```
            """)
        #expect(problems.isEmpty, "\(problems)")
        let nets = try #require(values["nets"]), walk = try #require(values["walk"])
        #expect(walk["train_loss"] == nets["train_loss"] && walk["test_accuracy"] == nets["test_accuracy"])
        let reached = try #require(walk["reached"].flatMap(Matrix.init(value:)))
        let overlap = try #require(walk["overlap"].flatMap(Matrix.init(value:)))
        #expect(reached.rows == 4 && reached.columns == 2 && reached.elements.allSatisfy { $0 >= 0 })
        #expect(overlap.elements.allSatisfy { $0 <= 1 + 1e-12 && $0 > 0 })
        let traces = try #require(walk["overlap_traces"].flatMap(Matrix.init(value:)))
        #expect(traces.rows == 2 && traces.columns == 21 && abs(traces[0, 0] - 1) < 1e-12)
    }

    /// `precision: float32` trains in Float32: the same replicas (same label, same seed) as the
    /// Float64 default to float32 rounding (θ within 1e-5, losses within 1e-6), not the same bits.
    @Test func float32PrecisionFollowsTheFloat64Ensemble() throws {
        let (double, doubleProblems) = try Self.run(Self.ensemble)
        let (single, singleProblems) = try Self.run(Self.ensemble.replacingOccurrences(of: "batch-sizes: 8", with: "batch-sizes: 8\nprecision: float32"))
        #expect((doubleProblems + singleProblems).isEmpty, "\(doubleProblems + singleProblems)")
        let (d, s) = (try #require(double["nets"]), try #require(single["nets"]))
        let theta64 = try #require(d["parameters"].flatMap(Matrix.init(value:))), theta32 = try #require(s["parameters"].flatMap(Matrix.init(value:)))
        #expect(theta64.elements != theta32.elements)
        #expect(zip(theta64.elements, theta32.elements).allSatisfy { abs($0 - $1) < 1e-5 })
        let loss64 = try #require(d["train_loss"].flatMap([Double].init(value:))), loss32 = try #require(s["train_loss"].flatMap([Double].init(value:)))
        #expect(zip(loss64, loss32).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(s["steps"] == d["steps"])
    }

    /// Every result of the four directives is the same on one thread and on two.
    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let source = Self.ensemble + """
            ```{perm-interp #perm points=7 permutations=2 swaps=2 pairs=2}
            ensemble: nets.ensemble
            ```

            ```{random-walk #walk steps=10 record-every=5 constrained-steps=5 sharpness-samples=2 sphere-steps=5 lambda-max=false}
            ensemble: nets.ensemble
            ```

            ```{mode-path #paths points=7 bands=2 iterations=10}
            ensemble: nets.ensemble
            ```
            """
        let one = try Self.run(source, jobs: 1), two = try Self.run(source, jobs: 2)
        #expect(one.problems.isEmpty && two.problems.isEmpty)
        // Compared as encoded bytes: NaN results (no aligned pairs, an escape scale not reached)
        // are equal only bit for bit.
        let encoder = CanonicalJSON.encoder()
        for label in ["nets", "perm", "walk", "paths"] {
            let a = try encoder.encode(Value.record(try #require(one.values[label])))
            let b = try encoder.encode(Value.record(try #require(two.values[label])))
            #expect(a == b, "\(label)")
        }
    }

    @Test func modePathNeedsExactlyOneSourceOfEndpoints() throws {
        let neither = try Self.run("```{mode-path #paths points=5}\n```\n")
        #expect(neither.problems.contains { $0.message.contains("needs its endpoints") }, "\(neither.problems)")
        let both = try Self.run("```{bps-minima #census n=1 runs=10}\n```\n\n" + Self.ensemble
                                + "```{mode-path #paths points=5}\nminima: census.minima_set\nensemble: nets.ensemble\n```\n")
        #expect(both.problems.contains { $0.message.contains("not both") }, "\(both.problems)")
    }

    /// A table's last column as labels, the rest as features divided by the divisor; the split
    /// keeps every row once.
    @Test func trainsOnATable() throws {
        var rows = ["a,b,digit"]
        for i in 0..<40 { rows.append("\(i % 2 == 0 ? 200 : 10),\(i % 7 * 30),\(i % 2)") }
        let (values, problems) = try Self.run("""
            ```{data #digits file=digits.csv}
            ```

            ```{nn-ensemble #nets input-divisor=255 width=3 epochs=30 replicas=2 test-fraction=0.25}
            data: digits.table
            batch-sizes: 4
            ```
            """, files: ["digits.csv": rows.joined(separator: "\n") + "\n"])
        #expect(problems.isEmpty, "\(problems)")
        let nets = try #require(values["nets"])
        #expect(nets["inputs"] == .int(2) && nets["outputs"] == .int(2))
        #expect(nets["train_size"] == .int(30) && nets["test_size"] == .int(10))
        let accuracy = try #require(nets["test_accuracy"].flatMap([Double].init(value:)))
        #expect(accuracy.allSatisfy { $0 == 1 })
        let ensemble = try #require(nets["ensemble"].flatMap(TrainedEnsemble.init(value:)))
        #expect(ensemble.train.inputs.allSatisfy { $0 <= 1 })
        #expect(TrainedEnsemble(value: ensemble.value) == ensemble)
    }

    /// A target every first epoch reaches stops every replica after it; an unreachable one stops none.
    @Test func countsTheReplicasThatReachedTheTargetLoss() throws {
        let (values, problems) = try Self.run("""
            ```{nn-ensemble #easy synthetic=teacher-student samples=80 dimension=5 classes=3 width=4 epochs=8 replicas=3 target-loss=100}
            batch-sizes: [8, 16]
            ```

            ```{nn-ensemble #hard synthetic=teacher-student samples=80 dimension=5 classes=3 width=4 epochs=3 replicas=3 target-loss=1e-9}
            batch-sizes: 8
            ```
            """)
        #expect(problems.isEmpty, "\(problems)")
        let easy = try #require(values["easy"]), hard = try #require(values["hard"])
        #expect(easy["reached_target"] == .int(6) && hard["reached_target"] == .int(0))
        // 64 training examples: one epoch is 8 steps at B = 8 and 4 at B = 16.
        #expect(easy["steps"].flatMap([Int].init(value:)) == [8, 8, 8, 4, 4, 4])
        #expect(hard["steps"].flatMap([Int].init(value:)) == [24, 24, 24])
    }
}
