import Foundation
import Testing
@testable import Landscape

/// `Dendrogram` against SciPy's `scipy.cluster.hierarchy.linkage` and `cophenet` on random
/// distance matrices (Fixtures/linkage_scipy.json, written by bench/make_scipy_fixtures.py).
/// Compared: what does not depend on drawing conventions — each merge's height, size and the two
/// leaf sets it joins, and the cophenetic correlation.
@Suite struct DendrogramSciPyTests {
    struct Fixture: Decodable {
        struct Result: Decodable {
            let merges: [[Double]]
            let cophenetic_correlation: Double
        }
        struct Case: Decodable {
            let name: String
            let distances: [[Double]]
            let average: Result
            let ward: Result
        }
        let scipy: String
        let cases: [Case]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "linkage_scipy", withExtension: "json")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    /// The two leaf sets each merge joins, from (left, right) cluster ids in SciPy's convention.
    static func joined(_ pairs: [(Int, Int)], leaves: Int) -> [Set<Set<Int>>] {
        var members: [Set<Int>] = (0..<leaves).map { [$0] }
        return pairs.map { left, right in
            defer { members.append(members[left].union(members[right])) }
            return [members[left], members[right]]
        }
    }

    @Test(arguments: Dendrogram.Linkage.allCases)
    func mergesAndCopheneticCorrelationMatchSciPy(linkage: Dendrogram.Linkage) {
        #expect(Self.fixture.cases.count >= 5)
        for fixtureCase in Self.fixture.cases {
            let expected = linkage == .average ? fixtureCase.average : fixtureCase.ward
            let n = fixtureCase.distances.count
            let tree = Dendrogram(distances: fixtureCase.distances, linkage: linkage)
            #expect(tree.merges.count == expected.merges.count)
            for (ours, theirs) in zip(tree.merges, expected.merges) {
                #expect(abs(ours.height - theirs[2]) <= 1e-10 * max(1, theirs[2]), "\(fixtureCase.name) \(linkage)")
                #expect(ours.size == Int(theirs[3]))
            }
            let ourSets = Self.joined(tree.merges.map { ($0.left, $0.right) }, leaves: n)
            let theirSets = Self.joined(expected.merges.map { (Int($0[0]), Int($0[1])) }, leaves: n)
            #expect(ourSets == theirSets, "\(fixtureCase.name) \(linkage)")
            #expect(abs(tree.copheneticCorrelation(with: fixtureCase.distances) - expected.cophenetic_correlation) < 1e-10)
        }
    }
}
