import Foundation
import Landscape
import Testing
@testable import ReportEngine

/// `spin-glass` on small synthetic ensembles, and `clustering` on distance matrices from files.
@Suite struct SpinGlassDirectiveTests {
    static let network = MultilayerPerceptron(inputs: 4, hidden: [5], outputs: 3, activation: .relu)
    static let probe: Table = {
        let data = Dataset.gaussianMixture(count: 60, dimension: 4, classes: 3, separation: 2, seed: 2)
        return Table(columns: ["x0", "x1", "x2", "x3", "label"], rows: (0..<data.count).map { row in
            (0..<4).map { .real(data.inputs[row * 4 + $0]) } + [.int(data.labels![row])]
        })
    }()

    static func compute(_ replicas: [[Double]], hidden: Int = 5, alignment: String = "barycentre", threads: Int = 1) throws -> Record {
        var bound = BoundArguments()
        bound.values = [
            "replicas": .matrix(Matrix(replicas)), "inputs": .int(4), "hidden": .int(hidden), "outputs": .int(3),
            "probe": .table(probe), "probe-scale": .real(1), "alignment": .text(alignment), "max-rounds": .int(50),
            "linkage": .text("average"), "null-draws": .int(40), "effects-draws": .int(40), "untrained-draws": .int(3), "gaps": .vector([0, 0.3]),
            "power-draws": .int(40), "levels": .int(2), "significance": .real(0.05),
        ]
        let context = ComputeContext(seed: 7, threads: ThreadBudget(threads: threads), progress: ProgressReporter { _, _ in })
        return try SpinGlassDirective.compute(try Arguments(bound), context: context).record()
    }

    static func independent(_ count: Int) -> [[Double]] {
        (0..<count).map { network.initialParameters(seed: 300 + UInt64($0), scheme: .he) }
    }

    static func matrix(_ record: Record, _ name: String) throws -> [[Double]] {
        try #require(record[name].flatMap(Matrix.init(value:))).rowArrays
    }

    @Test func permutedCopiesOfOneNetworkHaveUnitOverlapAndAgreeEverywhere() throws {
        let units = HiddenUnits(Self.network), base = Self.network.initialParameters(seed: 1, scheme: .he)
        let permutations = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [1, 2, 3, 4, 0], [2, 0, 4, 1, 3], [3, 4, 0, 2, 1]]
        let record = try Self.compute(permutations.map { units.permuting(base, by: $0) })
        #expect(try Self.matrix(record, "overlaps").joined().allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(try Self.matrix(record, "function_distances").joined().allSatisfy { $0 == 0 })
        #expect(record["alignment_converged"] == .boolean(true))
        // Without alignment the same replicas look different.
        let raw = try Self.compute(permutations.map { units.permuting(base, by: $0) }, alignment: "none")
        #expect(try Self.matrix(raw, "overlaps")[0][1] < 0.99)
        #expect(try Self.matrix(raw, "function_distances").joined().allSatisfy { $0 == 0 })
    }

    @Test func resultsAreConsistentAndIndependentOfTheThreadCount() throws {
        let replicas = Self.independent(9)
        let one = try Self.compute(replicas, threads: 1), two = try Self.compute(replicas, threads: 2)
        // Compared as text: the untrained networks' zero biases give NaN correlations (NaN ≠ NaN).
        #expect("\(one)" == "\(two)")
        // The blocks W₁, b₁, W₂, b₂ partition θ, so their shares of |θ|² sum to 1 for every replica.
        let layers = try #require(one["layers"].flatMap(Table.init(value:)))
        let shares = try #require(layers.column("share").flatMap { [Double](value: $0.value) })
        #expect(shares.count == 4 && abs(shares.reduce(0, +) - 1) < 1e-12)
        let q = try Self.matrix(one, "overlaps"), ordered = try Self.matrix(one, "ordered_overlaps")
        let order = try #require(one["leaf_order"].flatMap([Int].init(value:)))
        #expect(order.sorted() == Array(0..<9))
        #expect((0..<9).allSatisfy { q[$0][$0] == 1 })
        #expect((0..<9).allSatisfy { a in (0..<9).allSatisfy { ordered[a][$0] == q[order[a]][order[$0]] } })
        #expect(one["q_values"].flatMap([Double].init(value:))?.count == 36)
        // The nulls hold their draws, and a large planted gap is detected where gap 0 mostly is not.
        #expect(one["null_k"].flatMap([Double].init(value:))?.count == 40)
        #expect(one["effects_cophenetic"].flatMap([Double].init(value:))?.count == 40)
        #expect(one["untrained_q_values"].flatMap([Double].init(value:))?.count == 3 * 36)
        let power = try #require(one["power_k"].flatMap([Double].init(value:)))
        #expect(power.count == 2 && power[0] < 0.25 && power[1] == 1, "\(power)")
        #expect(one["detectable_gap"] == .real(0.3))
    }

    /// Aligning noisy permuted copies to replica 0 brightens its row (the excess is the mean of
    /// q_0b minus that of the other pairs, recomputed here from the matrix); the barycentre does not.
    @Test func referenceAlignmentShowsItsArtefactAndBarycentreRemovesIt() throws {
        // Wide enough (P = 323) that chance differences between the replicas' rows stay small.
        let network = MultilayerPerceptron(inputs: 4, hidden: [40], outputs: 3, activation: .relu)
        let units = HiddenUnits(network), base = network.initialParameters(seed: 4, scheme: .he)
        var generator = SeededGenerator(seed: 12)
        let replicas = (0..<12).map { _ -> [Double] in
            var permutation = Array(0..<40)
            generator.shuffle(&permutation)
            return units.permuting(base.map { $0 + 0.6 * generator.normal() }, by: permutation)
        }
        func excess(_ alignment: String) throws -> (reported: Double, recomputed: Double) {
            let record = try Self.compute(replicas, hidden: 40, alignment: alignment), q = try Self.matrix(record, "overlaps")
            let row = (1..<12).map { q[0][$0] }.reduce(0, +) / 11
            let rest = (1..<12).flatMap { a in ((a + 1)..<12).map { q[a][$0] } }
            return (try #require(record["reference_excess"].flatMap(Double.init(value:))), row - rest.reduce(0, +) / Double(rest.count))
        }
        let (reference, barycentre) = (try excess("reference"), try excess("barycentre"))
        #expect(abs(reference.reported - reference.recomputed) < 1e-12 && abs(barycentre.reported - barycentre.recomputed) < 1e-12)
        #expect(reference.reported > 0.05)
        #expect(abs(barycentre.reported) < reference.reported / 3)
    }

    @Test func aMismatchedShapeIsNamed() throws {
        #expect {
            try Self.compute(Self.independent(4).map { Array($0.dropLast()) })
        } throws: { error in
            (error as? DirectiveFailure)?.message == "'replicas' rows hold 42 parameters; a 4-5-3 network has 43"
        }
    }

    @Test func clusteringReadsADistanceMatrixFile() throws {
        let csv = "0,1,4,5\n1,0,4.5,5\n4,4.5,0,2\n5,5,2,0\n"
        let product = build("```{clustering #c distances=d.csv}\n```\n{{ c.leaf_order }} {{ c.merges.height }}\n", files: ["d.csv": csv])
        #expect(product.errors.isEmpty, "\(product.errors)")
        // Average linkage by hand: {0,1} at 1, {2,3} at 2, then (4 + 5 + 4.5 + 5)/4 = 4.625.
        #expect(product.markdown.contains("0, 1, 2, 3 1, 2, 4.625"), "\(product.markdown)")
    }

    @Test(arguments: [
        ("0,1\n1,0\n2,2\n", "'d.csv' is not square: 3 rows of 2 numbers"),
        ("0,1,2\n1,0,3\n2,3.5,0\n", "'d.csv' is not symmetric: line 3, column 2 holds 3.5 but line 2, column 3 holds 3.0"),
        ("0,1\n1,0.5\n", "'d.csv' line 2: the diagonal entry is 0.5, not 0"),
        ("0,-1\n-1,0\n", "'d.csv' line 1, column 2: -1 is not a finite non-negative distance"),
        ("0,x\nx,0\n", "'d.csv' line 1, column 2: x is not a finite non-negative distance"),
    ])
    func clusteringRefusesAMalformedDistanceMatrix(csv: String, message: String) {
        let product = build("```{clustering #c distances=d.csv}\n```\n", files: ["d.csv": csv])
        #expect(product.errors == ["reports/test.md:1:4: error: clustering 'c' failed: \(message)"], "\(product.errors)")
    }
}
