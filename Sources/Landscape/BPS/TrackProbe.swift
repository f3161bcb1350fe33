/// Diagnostics of the completion's tracks (`bench bps --probe`): one track followed again in a
/// chosen chart with chosen step control, saying where and why it stopped, and how close the loop's
/// couplings come to vanishing. Not part of a census.
extension MinimaCensus {
    /// What one probe of a track measured.
    public struct TrackProbe: Sendable {
        public let failure: TrackFailure?
        public let steps: Int
        /// Legs completed plus the fraction of the leg it stopped on (a loop has three legs).
        public let position: Double
        public let largestUnknown: Double
        public let worstCondition: Double
        /// How often the point moved into another slice chart.
        public let recharts: Int
    }

    /// Known minimum `known` tracked round loop `loop` of the family in slice chart `chart` (an
    /// index into `slices`; the chart of run `run`'s first attempt if nil), with the loop's step
    /// control or the given one, moving into other charts as the census does unless `rechart` is
    /// false; the minimum's own slice if its orbit misses the chart.
    public func probe(run: Int, from known: Minimum, loop: Int, chart index: Int? = nil,
                      longestStep: Double? = nil, stepBudget: Int? = nil, rechart: Bool = true) -> TrackProbe {
        let charts = charts
        var (path, target) = attempt(0, run: run, loop: loop, charts: charts)
        if let index { target = charts[index] }
        if let longestStep, let stepBudget { path = path.careful(longestStep: longestStep, stepBudget: stepBudget) }
        if !rechart { path.charts = [] }
        let (chart, start) = target.slice.fix(known.configuration, in: target.system).map { (target, $0) }
            ?? (SliceChart(system: target.system, slice: known.slice), known.configuration)
        var w = DescentWorkspace(chart: chart, unknowns: chart.unknowns(start))
        let tracking = path.trace(&w)
        return TrackProbe(failure: tracking.failure, steps: tracking.steps, position: tracking.position,
                          largestUnknown: tracking.largestUnknown, worstCondition: tracking.worstCondition, recharts: tracking.recharts)
    }

    /// The smallest |c_k + shift_k| of any coupling along loop `loop` of the family: where a coupling
    /// vanishes, the F-term `Z Z + c` degenerates.
    public func nearestVanishingCoupling(loop: Int) -> Double {
        let system = BPSSystem(n: n), vertices = monodromyLoop(loop).path.vertices
        let constants = [BPSEquation.f12, .f23, .f31, .f41, .f42, .f43].map { system.constants[system.index($0, 0, 0)] }
        var nearest = Double.infinity
        for leg in 0..<(vertices.count - 1) {
            for k in 0..<6 {
                let p = vertices[leg][k] + Complex(constants[k], 0), d = vertices[leg + 1][k] - vertices[leg][k]
                // The closest point of the segment p + t d, t in [0, 1], to 0.
                let t = min(1, max(0, -(p.re * d.re + p.im * d.im) / max(d.magnitudeSquared, 1e-300)))
                nearest = min(nearest, (p + t * d).magnitude)
            }
        }
        return nearest
    }
}
