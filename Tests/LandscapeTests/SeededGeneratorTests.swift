import Testing
@testable import Landscape

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func childrenDifferAndAreReproducible() {
        let root = SeededGenerator(seed: 7)
        var c0 = root.child(0), c1 = root.child(1), c0again = root.child(0)
        let x = c0.next()
        #expect(x == c0again.next())
        #expect(x != c1.next())
    }

    @Test func normalMomentsMatchStandardNormal() {
        var g = SeededGenerator(seed: 1)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n { let z = g.normal(); sum += z; sumSq += z * z }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.01)
    }

    @Test func uniformStaysInRange() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<10_000 {
            let u = g.uniform(-4.1, 4.1)
            #expect(u >= -4.1 && u < 4.1)
        }
    }

    @Test func fillNormalHasStandardMomentsAndFillsOddLengths() {
        var g = SeededGenerator(seed: 5), again = SeededGenerator(seed: 5)
        var a = [Double](repeating: .nan, count: 200_001), b = a
        a.withUnsafeMutableBufferPointer { g.fillNormal($0) }
        b.withUnsafeMutableBufferPointer { again.fillNormal($0) }
        #expect(a == b && a.allSatisfy { $0.isFinite })
        let mean = a.reduce(0, +) / Double(a.count), variance = a.reduce(0) { $0 + $1 * $1 } / Double(a.count) - mean * mean
        #expect(abs(mean) < 0.01 && abs(variance - 1) < 0.01)
    }

    @Test func shuffleIsAReproduciblePermutation() {
        var g = SeededGenerator(seed: 6), again = SeededGenerator(seed: 6)
        var a = Array(0..<100), b = a
        g.shuffle(&a); again.shuffle(&b)
        #expect(a == b && a != Array(0..<100) && a.sorted() == Array(0..<100))
    }
}
