/// How many independent descents it takes to see every minimum (the coupon-collector problem).
public enum RunsNeeded {
    /// `n H_n`: the expected number of runs to find all n minima if each run lands in each with
    /// probability 1/n. A lower bound: unequal basins only make it larger.
    public static func equalBasins(_ n: Int) -> Double {
        Double(n) * (1...max(n, 1)).reduce(0) { $0 + 1 / Double($1) }
    }

    /// Expected number of distinct minima seen after `runs` equal-basin runs: n (1 - (1 - 1/n)^R).
    public static func expectedDistinct(minima n: Int, runs: Int) -> Double {
        Double(n) * (1 - _pow(1 - 1 / Double(n), Double(runs)))
    }

    /// `E[R] = integral_0^inf (1 - prod_i (1 - exp(-p_i t))) dt` for per-run hit probabilities p_i
    /// (Poissonised coupon collector), by composite Simpson quadrature on a geometric grid.
    public static func unequalBasins(probabilities p: [Double]) -> Double {
        let p = p.filter { $0 > 0 }
        guard let smallest = p.min() else { return .infinity }
        func missing(_ t: Double) -> Double {
            var all = 1.0
            for q in p { all *= -_expm1(-q * t) }
            return 1 - all
        }
        // The integrand is ~1 up to t ~ 1/max p and decays like exp(-p_min t); integrate to where it is < 1e-16.
        let end = (_logarithm(Double(p.count)) + 40) / smallest
        let start = 1e-3 / p.max()!
        var total = start * (missing(0) + missing(start)) / 2
        let panels = 4000, ratio = _pow(end / start, 1 / Double(panels))
        var a = start
        for _ in 0..<panels {
            let b = a * ratio, mid = (a + b) / 2
            total += (b - a) / 6 * (missing(a) + 4 * missing(mid) + missing(b))
            a = b
        }
        return total
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _expm1(_ x: Double) -> Double { Glibc.expm1(x) }
#else
import Foundation
@inline(__always) func _expm1(_ x: Double) -> Double { Foundation.expm1(x) }
#endif
