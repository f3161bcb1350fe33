/// Mode connectivity of the BPS minima: paths between minima in the coordinates of one gauge slice
/// (so that gauge-equivalent endpoints are aligned), with the real and imaginary parts of the free
/// unknowns as the path's coordinates.
public enum BPSPaths {
    /// The BPS loss of a chart on R^(2n): (Re u_1, Im u_1, Re u_2, ...); gradient `2 J^H E`.
    public static func surface(_ chart: SliceChart) -> LossSurface {
        LossSurface(dimension: 2 * chart.unknownCount,
                    value: { chart.loss(complexUnknowns($0)) },
                    gradient: { x in chart.conjugateGradient(complexUnknowns(x)).flatMap { [2 * $0.re, 2 * $0.im] } })
    }

    /// The real coordinates of a minimum in `chart`, or nil when its orbit misses the slice.
    public static func coordinates(of minimum: Minimum, in chart: SliceChart) -> [Double]? {
        chart.slice.fix(minimum.configuration, in: chart.system).map { chart.unknowns($0).flatMap { [$0.re, $0.im] } }
    }

    /// Pairwise barriers (NaN on the diagonal and for minima the slice cannot hold): along straight
    /// lines with `points` samples, or, given a `band`, along relaxed nudged elastic bands; pairs are
    /// computed on `threads` threads (the result does not depend on it).
    public static func barriers(between minima: [Minimum], in slice: GaugeSlice, points: Int = 201,
                                band: NudgedElasticBand? = nil, threads: ThreadBudget = .serial) -> [[Double]] {
        guard let first = minima.first else { return [] }
        let system = BPSSystem(n: rank(fieldCount: first.configuration.count))
        let chart = SliceChart(system: system, slice: slice), s = surface(chart)
        let ends = minima.map { coordinates(of: $0, in: chart) }
        let pairs = minima.indices.flatMap { i in minima.indices.filter { $0 > i }.map { (i, $0) } }
        let values = deterministicMap(count: pairs.count, threads: threads) { k -> Double in
            guard let a = ends[pairs[k].0], let b = ends[pairs[k].1] else { return .nan }
            let path = band.map { $0.relax(from: a, to: b, on: s) } ?? linearPath(from: a, to: b, points: points)
            return PathProfile(points: path, surface: s).barrier
        }
        var matrix = [[Double]](repeating: [Double](repeating: .nan, count: minima.count), count: minima.count)
        for ((i, j), value) in zip(pairs, values) { matrix[i][j] = value; matrix[j][i] = value }
        return matrix
    }

    /// N from the field count 3N^2 + 6N + 9.
    static func rank(fieldCount: Int) -> Int { (1...).first { 3 * $0 * $0 + 6 * $0 + 9 == fieldCount }! }

    static func complexUnknowns(_ x: [Double]) -> [Complex] {
        stride(from: 0, to: x.count, by: 2).map { Complex(x[$0], x[$0 + 1]) }
    }
}
