import Foundation
import Testing
@testable import Landscape

@Suite struct PathTests {
    /// Double well with a curved valley: minima (+-1, 0), saddle (0, 1/2) with loss 1; the straight
    /// line crosses x = 0 at y = 0 where the loss is 3/2.
    let doubleWell = LossSurface(
        dimension: 2,
        value: { p in let (x, y) = (p[0], p[1]); return (x * x - 1) * (x * x - 1) + 2 * (y - 0.5 * (1 - x * x)) * (y - 0.5 * (1 - x * x)) },
        gradient: { p in
            let (x, y) = (p[0], p[1]), r = y - 0.5 * (1 - x * x)
            return [4 * x * (x * x - 1) + 4 * r * x, 4 * r]
        })

    /// A ring of minima: (x^2 + y^2 - 1)^2. Opposite points are joined at zero loss along the ring.
    let ring = LossSurface(
        dimension: 2,
        value: { p in let s = p[0] * p[0] + p[1] * p[1] - 1; return s * s },
        gradient: { p in let s = p[0] * p[0] + p[1] * p[1] - 1; return [4 * s * p[0], 4 * s * p[1]] })

    @Test func gradientsMatchFiniteDifferences() {
        for surface in [doubleWell, ring] {
            let p = [0.3, -0.7], h = 1e-6, g = surface.gradient(p)
            for k in 0..<2 {
                var plus = p, minus = p
                plus[k] += h; minus[k] -= h
                #expect(abs((surface.value(plus) - surface.value(minus)) / (2 * h) - g[k]) < 1e-6)
            }
        }
    }

    @Test func climbingImageFindsTheSaddle() {
        let a = [-1.0, 0], b = [1.0, 0]
        let linear = PathProfile(points: linearPath(from: a, to: b, points: 201), surface: doubleWell)
        #expect(abs(linear.barrier - 1.5) < 1e-9)
        let band = NudgedElasticBand().relax(from: a, to: b, on: doubleWell)
        let profile = PathProfile(points: band, surface: doubleWell)
        let saddle = band[profile.saddleIndex]
        #expect(abs(saddle[0]) < 1e-3 && abs(saddle[1] - 0.5) < 1e-3)
        #expect(abs(profile.barrier - 1) < 1e-5)
        #expect(band.first! == a && band.last! == b)
        #expect(profile.losses.first! == doubleWell.value(a) && profile.losses.last! == doubleWell.value(b))
    }

    @Test func flatValleyHasNoBarrier() {
        let a = [1.0, 0], b = [-1.0, 0]
        let linear = PathProfile(points: linearPath(from: a, to: b, points: 201), surface: ring)
        #expect(linear.barrier > 0.99)
        // Start slightly bent: the straight band through the origin is a (unstable) stationary band.
        let bent = linearPath(from: a, to: b, points: 16).enumerated().map { k, p in [p[0], p[1] + 0.05 * sin(Double.pi * Double(k) / 15)] }
        let relaxed = NudgedElasticBand().relax(bent, on: ring)
        #expect(PathProfile(points: relaxed, surface: ring).barrier < 1e-4)
        #expect(relaxed.first! == bent.first! && relaxed.last! == bent.last!)
    }

    /// The science note's straight lines between the 12 minima at N = 1 in the authors' slice:
    /// best pair 0.117, median 6.8, largest 193.
    @Test func rankOneLinearBarriersMatchTheNote() {
        var census = MinimaCensus(n: 1, runs: 48, seed: 2023)
        census.threads = ThreadBudget(threads: 2, heldByCaller: 1)
        let minima = census.run().minima
        let matrix = BPSPaths.barriers(between: minima, in: .authors)
        let pairs = minima.indices.flatMap { i in minima.indices.filter { $0 > i }.map { matrix[i][$0] } }.filter { !$0.isNaN }.sorted()
        #expect(pairs.count == 66)
        #expect(abs(pairs.first! - 0.117) < 0.01)
        #expect(abs(pairs[32] - 6.8) / 6.8 < 0.1)
        #expect(abs(pairs.last! - 193) / 193 < 0.05)
        let parallel = BPSPaths.barriers(between: minima, in: .authors, threads: ThreadBudget(threads: 2, heldByCaller: 1))
        #expect(zip(matrix.joined(), parallel.joined()).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
