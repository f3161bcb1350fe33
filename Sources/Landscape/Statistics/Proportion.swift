/// A proportion k/n estimated from n independent trials, such as the power of a test measured on
/// n simulated alternatives.
public enum Proportion {
    /// The Wilson score interval: the p with |k/n − p| ≤ z √(p(1 − p)/n), in closed form
    /// (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Unlike p̂ ± z √(p̂(1 − p̂)/n) it stays
    /// in [0, 1] and is not empty at k = 0 or k = n. z = 1.96 (the default) gives SciPy's
    /// `binomtest(k, n).proportion_ci(0.95, method='wilson')`.
    public static func wilsonInterval(successes k: Int, trials n: Int, z: Double = 1.959963984540054) -> ClosedRange<Double> {
        precondition(n > 0 && (0...n).contains(k) && z > 0, "0 ≤ k ≤ n successes of n > 0 trials")
        let (p, trials, z2) = (Double(k) / Double(n), Double(n), z * z)
        let centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
        let half = z * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot() / (1 + z2 / trials)
        return max(0, centre - half)...min(1, centre + half)
    }
}
