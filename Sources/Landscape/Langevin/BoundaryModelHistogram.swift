import Foundation

extension BoundaryModel {
    /// Edges of the logarithmic bins of s = c_i/T in which a sweep counts the per-point losses:
    /// s = 0.02 · 5^{j/4}, j = 0 … 28, from 1/50 to 1,562.5 (28 bins of width ln 5/4), so that the
    /// active thresholds s = 1/10 (j = 4) and 1/2 (j = 8) are edges.
    public static let ratioBinEdges: [Double] = (0...28).map { 0.02 * pow(5, Double($0) / 4) }

    /// The bin of `ratioBinEdges` holding s, or nil when s is outside them (a point whose loss
    /// underflowed to 0, or NaN, included).
    public static func ratioBin(_ s: Double) -> Int? {
        let edges = ratioBinEdges
        guard s >= edges[0] && s < edges[edges.count - 1] else { return nil }
        let bin = min(max(Int((log(s / edges[0]) / log(edges[1] / edges[0])).rounded(.down)), 0), edges.count - 2)
        // Rounding can put s just below an edge into the bin above it, or the reverse: the edges decide.
        if s < edges[bin] { return bin - 1 }
        return s >= edges[bin + 1] ? bin + 1 : bin
    }

    /// The probability of each bin [a, b) of `edges` for the boundary model's s, conditional on
    /// s ≥ edges[0], in the limit ε → 0 (ε below the first edge): the density e^{−s}/s gives
    /// (E1(a) − E1(b)) / E1(edges[0]); the last bin keeps its upper edge.
    public static func binProbabilities(edges: [Double]) -> [Double] {
        precondition(edges.count >= 2 && edges[0] > 0, "bins need positive edges")
        let whole = exponentialIntegralE1(edges[0])
        return zip(edges, edges.dropFirst()).map { (exponentialIntegralE1($0) - exponentialIntegralE1($1)) / whole }
    }

    /// The same for the harmonic null, s ~ Gamma(1/2, 1), whose tail is erfc(√s):
    /// (erfc√a − erfc√b) / erfc√edges[0].
    public static func harmonicBinProbabilities(edges: [Double]) -> [Double] {
        precondition(edges.count >= 2 && edges[0] > 0, "bins need positive edges")
        let whole = erfc(edges[0].squareRoot())
        return zip(edges, edges.dropFirst()).map { (erfc($0.squareRoot()) - erfc($1.squareRoot())) / whole }
    }

    /// n_active(2)/n_active(10), the share of the points above T/10 that are also above T/2: for the
    /// boundary model E1(1/2)/E1(1/10) = 0.307, for the harmonic null erfc√(1/2)/erfc√(1/10) = 0.485.
    /// A shape test of the per-point law that does not go through D.
    public static let activeShare = (model: exponentialIntegralE1(0.5) / exponentialIntegralE1(0.1),
                                     null: erfc(0.5.squareRoot()) / erfc(0.1.squareRoot()))
}
