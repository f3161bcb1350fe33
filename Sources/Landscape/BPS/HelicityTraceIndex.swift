import BigInt

/// The helicity-trace index of the 1/8-BPS states: the coefficients c(Δ) of
/// `-θ₁(z|τ)² / η(τ)⁶ = Σ c(4k − l²) qᵏ yˡ`, in exact integer arithmetic.
///
/// `|c(4N)|` is the number of supersymmetric vacua (loss minima) of the D-brane system with
/// charges (1, 1, 1, N). Two independent expansions are provided: the product formula and the
/// double theta sum divided by the Euler product; they must agree term by term.
public struct HelicityTraceIndex: Sendable {
    /// The coefficients of qᵏ yˡ for k = 0...order, as Laurent polynomials in y.
    public let series: QYSeries

    /// Expands the product formula far enough to give c(Δ) for every Δ ≤ `maxDiscriminant`.
    public init(maxDiscriminant: Int) {
        series = Self.productSeries(order: Self.order(for: maxDiscriminant))
    }

    /// The q-order needed for Δ up to `maxDiscriminant` (Δ = 4k − l² with l ∈ {0, 1}).
    public static func order(for maxDiscriminant: Int) -> Int { max(0, (maxDiscriminant + 1) / 4 + 1) }

    /// c(Δ); zero when Δ ≡ 1, 2 (mod 4), where no term qᵏ yˡ has 4k − l² = Δ.
    public func coefficient(_ discriminant: Int) -> BigInt {
        let l = discriminant.isMultiple(of: 4) ? 0 : 1
        guard (discriminant + l * l).isMultiple(of: 4) else { return 0 }
        let k = (discriminant + l * l) / 4
        guard k >= 0 else { return 0 }
        precondition(k < series.count, "series expanded to q^\(series.count - 1) only")
        return series[k][l] ?? 0
    }

    /// The number of minima of the (1, 1, 1, N) system: |c(4N)|.
    public func minimaCount(charge n: Int) -> BigInt { BigInt(coefficient(4 * n).magnitude) }

    /// The terms qᵏ yˡ whose coefficient differs from c(4k − l²) read at l ∈ {0, 1}: empty when
    /// the expansion has the Jacobi-form property that coefficients depend on 4k − l² only.
    /// Only terms whose partner lies within the expansion are compared.
    public func discriminantViolations() -> [(k: Int, l: Int)] {
        var violations: [(k: Int, l: Int)] = []
        for (k, row) in series.enumerated() {
            for (l, value) in row {
                guard let reading = readingTerm(k: k, l: l) else { continue }
                if (series[reading.k][reading.l] ?? 0) != value { violations.append((k, l)) }
            }
        }
        return violations
    }

    /// The number of terms that `discriminantViolations` compared.
    public func comparedTerms() -> Int {
        series.enumerated().reduce(0) { count, entry in
            count + entry.element.keys.filter { readingTerm(k: entry.offset, l: $0) != nil }.count
        }
    }

    /// The term c(4k − l²) is read from (k', l' ∈ {0, 1} with 4k' − l'² = 4k − l²), or nil when it
    /// lies outside the expansion.
    private func readingTerm(k: Int, l: Int) -> (k: Int, l: Int)? {
        let delta = 4 * k - l * l
        let base = delta.isMultiple(of: 4) ? 0 : 1
        let partner = (delta + base * base) / 4
        guard partner >= 0, partner < series.count else { return nil }
        return (partner, base)
    }

    /// A truncated power series in q whose coefficients are Laurent polynomials in y.
    public typealias QYSeries = [[Int: BigInt]]

    /// `(y − 2 + 1/y) Πₙ (1 − y qⁿ)² (1 − qⁿ/y)² / (1 − qⁿ)⁴` up to q^order.
    public static func productSeries(order: Int) -> QYSeries {
        var s = QYSeries(repeating: [:], count: order + 1)
        s[0] = [1: 1, 0: -2, -1: 1]
        guard order >= 1 else { return s }
        for n in 1...order {
            for _ in 0..<2 {
                multiply(&s, byOneMinusQ: n, yPower: 1)
                multiply(&s, byOneMinusQ: n, yPower: -1)
            }
            for _ in 0..<4 { divide(&s, byOneMinusQ: n) }
        }
        return s
    }

    /// The same function as a double theta sum, `Σₘₙ (−1)^{m+n} q^{(m²+m+n²+n)/2} y^{m+n+1}`,
    /// times `1/Πₙ(1 − qⁿ)⁶` obtained by inverting Euler's pentagonal series.
    public static func thetaSeries(order: Int) -> QYSeries {
        var theta = QYSeries(repeating: [:], count: order + 1)
        let bound = Int((2.0 * Double(order) + 1).squareRoot()) + 2
        for m in -bound...bound {
            for n in -bound...bound {
                let k = (m * m + m + n * n + n) / 2
                guard k <= order else { continue }
                theta[k][m + n + 1, default: 0] += (m + n).isMultiple(of: 2) ? 1 : -1
            }
        }
        let inverseEuler6 = invert(power(pentagonalEuler(order: order), 6, order: order), order: order)
        var result = QYSeries(repeating: [:], count: order + 1)
        for (i, row) in theta.enumerated() {
            for (j, p) in inverseEuler6.enumerated() where i + j <= order && p != 0 {
                for (l, c) in row { result[i + j][l, default: 0] += c * p }
            }
        }
        return result.map { $0.filter { $0.value != 0 } }
    }

    private static func multiply(_ s: inout QYSeries, byOneMinusQ n: Int, yPower: Int) {
        for k in stride(from: s.count - 1, through: n, by: -1) {
            for (l, c) in s[k - n] { s[k][l + yPower, default: 0] -= c }
            s[k] = s[k].filter { $0.value != 0 }
        }
    }

    private static func divide(_ s: inout QYSeries, byOneMinusQ n: Int) {
        guard n < s.count else { return }
        for k in n..<s.count {
            for (l, c) in s[k - n] { s[k][l, default: 0] += c }
            s[k] = s[k].filter { $0.value != 0 }
        }
    }

    /// Πₙ(1 − qⁿ) = Σⱼ (−1)ʲ q^{j(3j−1)/2} (Euler's pentagonal number theorem), to q^order.
    static func pentagonalEuler(order: Int) -> [BigInt] {
        var e = [BigInt](repeating: 0, count: order + 1)
        var j = 0
        while true {
            let exponents = [j * (3 * j - 1) / 2, j * (3 * j + 1) / 2]
            guard exponents.contains(where: { $0 <= order }) else { break }
            for exponent in Set(exponents) where exponent <= order {
                e[exponent] += j.isMultiple(of: 2) ? 1 : -1
            }
            j += 1
        }
        return e
    }

    private static func power(_ a: [BigInt], _ p: Int, order: Int) -> [BigInt] {
        var result = [BigInt](repeating: 0, count: order + 1)
        result[0] = 1
        for _ in 0..<p {
            var next = [BigInt](repeating: 0, count: order + 1)
            for (i, x) in result.enumerated() where x != 0 {
                for (j, y) in a.enumerated() where i + j <= order && y != 0 { next[i + j] += x * y }
            }
            result = next
        }
        return result
    }

    /// 1/a for a power series with a[0] = 1.
    private static func invert(_ a: [BigInt], order: Int) -> [BigInt] {
        precondition(a[0] == 1, "series must start with 1")
        var b = [BigInt](repeating: 0, count: order + 1)
        b[0] = 1
        guard order >= 1 else { return b }
        for k in 1...order {
            var sum = BigInt(0)
            for i in 1...k { sum += a[i] * b[k - i] }
            b[k] = -sum
        }
        return b
    }
}
