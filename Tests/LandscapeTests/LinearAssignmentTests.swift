import Foundation
import Testing
@testable import Landscape

@Suite struct LinearAssignmentTests {
    /// Every permutation of 0..<n (Heap's algorithm).
    static func permutations(_ n: Int) -> [[Int]] {
        var result: [[Int]] = [], items = Array(0..<n)
        func generate(_ k: Int) {
            if k <= 1 { result.append(items); return }
            for i in 0..<k {
                generate(k - 1)
                items.swapAt(k.isMultiple(of: 2) ? i : 0, k - 1)
            }
        }
        generate(n)
        return result
    }

    /// The optimum by exhaustive search.
    static func bruteForceMinimum(_ cost: [[Double]]) -> Double {
        permutations(cost.count).map { LinearAssignment.total(cost, $0) }.min() ?? 0
    }

    static func isPermutation(_ assignment: [Int], _ n: Int) -> Bool { assignment.sorted() == Array(0..<n) }

    @Test func heapsAlgorithmListsEveryPermutationOnce() {
        let all = Self.permutations(5)
        #expect(all.count == 120 && Set(all).count == 120 && all.allSatisfy { Self.isPermutation($0, 5) })
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7])
    func minimumCostMatchesBruteForceOnRandomMatrices(n: Int) {
        for seed in 0..<40 {
            var generator = SeededGenerator(seed: UInt64(1000 * n + seed))
            // Real entries of both signs.
            let cost = (0..<n).map { _ in (0..<n).map { _ in generator.uniform(-5, 5) } }
            let assignment = LinearAssignment.minimumCost(cost)
            #expect(Self.isPermutation(assignment, n))
            #expect(abs(LinearAssignment.total(cost, assignment) - Self.bruteForceMinimum(cost)) < 1e-9, "n \(n) seed \(seed)")
        }
    }

    @Test(arguments: [2, 3, 4, 5, 6, 7])
    func tiedIntegerEntriesStillReachTheOptimum(n: Int) {
        for seed in 0..<40 {
            var generator = SeededGenerator(seed: UInt64(7000 + 100 * n + seed))
            // Few distinct values: many optimal assignments and many ties along the way.
            let cost = (0..<n).map { _ in (0..<n).map { _ in Double(Int(generator.uniform() * 3) - 1) } }
            let assignment = LinearAssignment.minimumCost(cost)
            #expect(Self.isPermutation(assignment, n))
            #expect(LinearAssignment.total(cost, assignment) == Self.bruteForceMinimum(cost), "n \(n) seed \(seed)")
        }
    }

    @Test func maximumSimilarityIsTheMinimumOfTheNegatedMatrix() {
        for seed in 0..<30 {
            var generator = SeededGenerator(seed: UInt64(500 + seed))
            let similarity = (0..<6).map { _ in (0..<6).map { _ in generator.normal() } }
            let best = Self.permutations(6).map { LinearAssignment.total(similarity, $0) }.max()!
            #expect(abs(LinearAssignment.total(similarity, LinearAssignment.maximumSimilarity(similarity)) - best) < 1e-9)
        }
    }

    @Test func recoversAHiddenPermutationOfAStrongDiagonal() {
        // A permuted identity-dominated matrix of size 40: the optimum is the hidden permutation.
        var generator = SeededGenerator(seed: 9)
        var hidden = Array(0..<40)
        generator.shuffle(&hidden)
        let similarity = (0..<40).map { i in (0..<40).map { j in (j == hidden[i] ? 10 : 0) + generator.uniform() } }
        #expect(LinearAssignment.maximumSimilarity(similarity) == hidden)
        #expect(LinearAssignment.minimumCost([]) == [])
    }

    /// Optimal totals from SciPy's `linear_sum_assignment` on matrices too large for brute force
    /// (Fixtures/assignment_scipy.json, written by bench/make_scipy_fixtures.py).
    @Test func minimumCostMatchesSciPyOnLargerMatrices() throws {
        struct Fixture: Decodable {
            struct Case: Decodable { let name: String; let cost: [[Double]]; let minimum: Double }
            let cases: [Case]
        }
        let url = try #require(Bundle.module.url(forResource: "assignment_scipy", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 5)
        for fixtureCase in fixture.cases {
            let assignment = LinearAssignment.minimumCost(fixtureCase.cost)
            #expect(Self.isPermutation(assignment, fixtureCase.cost.count))
            #expect(abs(LinearAssignment.total(fixtureCase.cost, assignment) - fixtureCase.minimum) <= 1e-9 * max(1, abs(fixtureCase.minimum)),
                    "\(fixtureCase.name)")
        }
    }
}
