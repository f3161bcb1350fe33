import Foundation
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
        let n = Double(a.count)
        let mean = a.reduce(0, +) / n, variance = a.reduce(0) { $0 + $1 * $1 } / n - mean * mean
        #expect(abs(mean) < 0.01 && abs(variance - 1) < 0.01)
        #expect(abs(a.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n - 3) < 0.1)  // kurtosis, ± 0.022
        // Two-sided tail probabilities: inside the ziggurat (1, 2), at its base edge R = 3.4426 and beyond.
        for (cut, p) in [(1.0, 0.317311), (2, 0.0455003), (3.442619855899, 5.76109e-4), (4, 6.3342e-5)] {
            let observed = Double(a.filter { abs($0) > cut }.count) / n
            #expect(abs(observed - p) < 5 * (p * (1 - p) / n).squareRoot(), "P(|z| > \(cut)) = \(observed), expected \(p)")
        }
        // Kolmogorov–Smirnov against Φ: the critical distance at level 0.001 is 1.95 / √n.
        let sorted = a.sorted()
        let distance = sorted.indices.reduce(0.0) { d, i in
            let phi = 0.5 * erfc(-sorted[i] / 2.0.squareRoot())
            return max(d, abs(phi - Double(i) / n), abs(phi - Double(i + 1) / n))
        }
        #expect(distance < 1.95 / n.squareRoot())
    }

    @Test func shuffleIsAReproduciblePermutation() {
        var g = SeededGenerator(seed: 6), again = SeededGenerator(seed: 6)
        var a = Array(0..<100), b = a
        g.shuffle(&a); again.shuffle(&b)
        #expect(a == b && a != Array(0..<100) && a.sorted() == Array(0..<100))
    }
}
