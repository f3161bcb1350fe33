/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every stochastic computation in the compute core draws from one of these, so a seed in gives the
/// same numbers out on every machine and with any thread count: parallel work derives one child
/// generator per work item with `child(_:)`, never shares a generator across threads.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// An independent generator for work item `index`, a pure function of this generator's seed
    /// state and `index` (it does not advance `self`).
    public func child(_ index: Int) -> SeededGenerator {
        var mixer = state.0 ^ (state.2 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(bitPattern: Int64(index)) &* 0xD1B5_4A32_D192_ED03
        return SeededGenerator(seed: Self.splitMix(&mixer))
    }

    /// The first output of this stream: the seed of a computation derived from it.
    public var seedValue: UInt64 {
        var copy = self
        return copy.next()
    }

    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// A standard normal deviate (Marsaglia's polar method; deterministic given the stream).
    public mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * _log(s) / s).squareRoot()
            }
        }
    }

    /// Shuffles `elements` in place by Fisher–Yates driven by this stream alone (the standard
    /// library's `shuffle(using:)` does not promise its algorithm across releases).
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(i, Int(next() % UInt64(i + 1)))
        }
    }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

#if canImport(Glibc)
import Glibc
private func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Foundation
private func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif
