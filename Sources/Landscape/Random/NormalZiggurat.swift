#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The normal ziggurat of Marsaglia & Tsang (2000), in Doornik's (2005) ZIGNOR form: 128 layers of
/// equal area V under f(x) = e^{−x²/2}, x ≥ 0, the base layer being the rectangle [0, R] × [0, f(R)]
/// plus the tail beyond R. `edges[i]` is the right edge of layer i (edges[0] = V / f(R), the
/// base's equivalent width; edges[128] = 0); a uniform point of layer i inside the layer above,
/// probability ratio[i] = edges[i+1] / edges[i], is accepted at once (about 99 % of draws).
struct NormalZiggurat: Sendable {
    static let radius = 3.442619855899, area = 9.91256303526217e-3
    static let shared = NormalZiggurat()
    let edges: [Double], ratios: [Double]

    private init() {
        var x = [Double](repeating: 0, count: 129)
        var f = exp(-0.5 * Self.radius * Self.radius)
        x[0] = Self.area / f
        x[1] = Self.radius
        for i in 2..<128 {
            x[i] = (-2 * log(Self.area / x[i - 1] + f)).squareRoot()
            f = exp(-0.5 * x[i] * x[i])
        }
        edges = x
        ratios = (0..<128).map { x[$0 + 1] / x[$0] }
    }
}

extension SeededGenerator {
    /// Fills `buffer` with standard normal deviates by the ziggurat: one 64-bit draw per deviate
    /// almost always (its top 53 bits give the abscissa, its low 7 bits the layer), several times
    /// cheaper than `normal()`, and a different stream from repeated `normal()` calls.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let ziggurat = NormalZiggurat.shared
        ziggurat.edges.withUnsafeBufferPointer { x in
            ziggurat.ratios.withUnsafeBufferPointer { ratio in
                for k in buffer.indices {
                    buffer[k] = zigguratNormal(edges: x, ratios: ratio)
                }
            }
        }
    }

    @inline(__always)
    private mutating func zigguratNormal(edges x: UnsafeBufferPointer<Double>, ratios: UnsafeBufferPointer<Double>) -> Double {
        while true {
            let bits = next()
            let u = Double(bits >> 11) * 0x1.0p-52 - 1, i = Int(bits & 0x7F)
            if abs(u) < ratios[i] { return u * x[i] }
            if i == 0 { return normalTail(negative: u < 0) }
            // The wedge between the rectangles: accept under the density.
            let z = u * x[i]
            let f0 = exp(-0.5 * (x[i] * x[i] - z * z)), f1 = exp(-0.5 * (x[i + 1] * x[i + 1] - z * z))
            if f1 + uniform() * (f0 - f1) < 1 { return z }
        }
    }

    /// A deviate beyond ±R (Marsaglia's tail method).
    private mutating func normalTail(negative: Bool) -> Double {
        let r = NormalZiggurat.radius
        while true {
            let a = log(uniform()) / r, b = log(uniform())
            if -2 * b >= a * a { return negative ? a - r : r - a }
        }
    }
}
