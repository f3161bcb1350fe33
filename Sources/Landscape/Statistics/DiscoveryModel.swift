/// Multi-start discovery with `n` equally likely basins (the coupon collector): exact laws by a
/// stable forward recursion, and seeded Monte Carlo censuses to compare them with.
public struct DiscoveryModel: Sendable {
    public let minima: Int

    public init(minima: Int) {
        precondition(minima >= 1, "need at least one minimum")
        self.minima = minima
    }

    /// P(all minima seen after r runs) for r = 0...runs, from the Markov chain on the number seen
    /// (found k -> k + 1 with probability (n − k)/n); no alternating sums, so no cancellation.
    public func completionCDF(runs: Int) -> [Double] {
        let n = Double(minima)
        var seen = [Double](repeating: 0, count: minima + 1)
        seen[0] = 1
        var cdf = [seen[minima]]
        for _ in 0..<runs {
            var next = [Double](repeating: 0, count: minima + 1)
            for k in 0...minima where seen[k] > 0 {
                let stay = Double(k) / n
                next[k] += seen[k] * stay
                if k < minima { next[k + 1] += seen[k] * (1 - stay) }
            }
            seen = next
            cdf.append(seen[minima])
        }
        return cdf
    }

    /// Expected number seen after r runs: n (1 − (1 − 1/n)^r).
    public func expectedSeen(after runs: Int) -> Double {
        Double(minima) * (1 - _power(1 - 1 / Double(minima), runs))
    }

    /// Runs until every minimum was seen, and the number seen after each run, for one simulated census.
    public func simulate(using generator: inout SeededGenerator, maximumRuns: Int) -> (completion: Int?, seen: [Int]) {
        var found = [Bool](repeating: false, count: minima)
        var count = 0, curve: [Int] = [], completion: Int?
        for run in 1...maximumRuns {
            let basin = Int(generator.next() % UInt64(minima))
            if !found[basin] { found[basin] = true; count += 1 }
            curve.append(count)
            if count == minima && completion == nil { completion = run }
        }
        return (completion, curve)
    }
}

private func _power(_ x: Double, _ k: Int) -> Double {
    var result = 1.0, base = x, e = k
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}
