import Testing
@testable import Landscape

/// The two ways of completing a census beyond plain descent.
@Suite struct CompletionTests {
    let chart = SliceChart(system: BPSSystem(n: 2), slice: .authors)

    func someMinima(_ count: Int) -> [[Complex]] {
        let root = SeededGenerator(seed: 12)
        return (0..<200).lazy.compactMap { k -> [Complex]? in
            var g = root.child(k)
            let d = chart.descend(from: chart.randomUnknowns(box: 4.1, using: &g), optimizer: .newton)
            return d.converged ? chart.polish(d.unknowns) : nil
        }.prefix(count).map { $0 }
    }

    /// A vanishing loop returns the start; any loop returns a genuine solution at the true couplings.
    @Test func monodromyLoopsReturnSolutions() throws {
        let u = try #require(someMinima(1).first)
        var generator = SeededGenerator(seed: 1)
        let back = try #require(MonodromyLoop(scale: 1e-9, using: &generator).track(u, in: chart))
        #expect(zip(back, u).allSatisfy { ($0 - $1).magnitude < 1e-7 })
        var tracked = 0
        for _ in 0..<6 {
            guard let end = MonodromyLoop(scale: 1, using: &generator).track(u, in: chart) else { continue }
            tracked += 1
            #expect(chart.loss(end) < 1e-16)
        }
        #expect(tracked >= 3)
    }

    /// Deflation: from next to a known root, the deflated run does not converge back to it.
    @Test func deflationRepelsKnownRoots() throws {
        let u = try #require(someMinima(1).first)
        let x = chart.configuration(u)
        let nearby = u.map { $0 + Complex(1e-3, -1e-3) }
        let plain = chart.descend(from: nearby, optimizer: .newton)
        #expect(plain.converged && zip(plain.unknowns, u).allSatisfy { ($0 - $1).magnitude < 1e-6 })
        let deflated = chart.descend(from: nearby, optimizer: .newton, deflation: Deflation(roots: [x]))
        #expect(zip(deflated.unknowns, u).map { ($0 - $1).magnitudeSquared }.reduce(0, +).squareRoot() > 1e-2)
    }
}
