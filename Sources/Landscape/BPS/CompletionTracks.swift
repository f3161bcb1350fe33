/// The tracks of the monodromy completion and their retries.
///
/// A track carries a known minimum round a loop of the census's family. About one in ten fails at
/// the first attempt (docs/design-notes.md has the measurement), and a minimum is lost when every
/// track that should land on it fails, so a failed track is retried, inside its own run (a pure
/// function of the seed, the run index and the round's known set), until it lands or
/// `MinimaCensus.trackAttempts` attempts are spent:
/// 1. the loop, in the run's slice chart;
/// 2. the same loop in another slice chart (a chart's gauge conditions can degenerate along a path
///    that the orbit itself follows smoothly);
/// 3. the same loop with steps of at most 1/20 of a leg and three times the step budget;
/// 4. onwards: a fresh random loop of the same scale (another loop).
/// Attempts 1-3 follow the same loop, so the endpoint is the same monodromy image; a track that
/// lands only on a fresh loop is counted as `substituted`. A track that spends every attempt is
/// outstanding: the census is not closed under its loops while any is. Pairs whose tracks met
/// another start's endpoint are tracked again from attempt 3 (`carefulAttempt`).
extension MinimaCensus {
    /// One track of the completion: the known minimum of run `run` round its loop.
    public struct TrackReport: Sendable, Equatable, Codable {
        public let run: Int
        /// Why each attempt that did not land failed, in order (empty: the first attempt landed).
        public let failures: [TrackFailure]
        /// Whether an attempt landed on a polished minimum.
        public let landed: Bool
        /// The largest condition-number estimate of the Jacobian along the attempts' paths.
        public let worstCondition: Double

        public init(run: Int, failures: [TrackFailure], landed: Bool, worstCondition: Double, first: Int = 0) {
            self.run = run; self.failures = failures; self.landed = landed; self.worstCondition = worstCondition; self.first = first
        }

        /// Attempts made (from `first`).
        public var attempts: Int { failures.count + (landed ? 1 : 0) }
        /// Whether it landed only on a fresh loop (not the family's own).
        public var substituted: Bool { landed && failures.count + first >= MinimaCensus.sameLoopAttempts }
        /// The attempt of the ladder it started at (0, or `carefulAttempt` for a retried meeting).
        public var first = 0
    }

    /// A track in the census's record: the positions in `Result.minima` of its start and of the
    /// minimum it landed on, and the loop of the family it followed.
    public struct Track: Sendable, Equatable, Codable {
        public let start: Int, loop: Int, end: Int?
        public let report: TrackReport
    }

    /// What the runs of one chunk of a completion round reached: the minima, in run order, and
    /// for a round of loops every track's report.
    public struct ChunkOutcomes: Sendable {
        public let found: [Descents.Found]
        public let tracks: [TrackReport]

        public init(found: [Descents.Found], tracks: [TrackReport]) { self.found = found; self.tracks = tracks }
    }

    /// The tracks of one completion round: attempted (tracks run), failed (their first attempt
    /// failed), retried (attempts after the first), substituted (landed on a fresh loop only) and
    /// outstanding (every attempt failed).
    public struct RoundTracks: Sendable, Equatable, Codable {
        public var round: Int
        public var attempted = 0, failed = 0, retried = 0, substituted = 0, outstanding = 0

        public init(round: Int) { self.round = round }

        mutating func add(_ t: TrackReport) {
            attempted += 1
            if !t.failures.isEmpty { failed += 1 }
            retried += t.attempts - 1
            if t.substituted { substituted += 1 }
            if !t.landed { outstanding += 1 }
        }
    }

    /// Attempts that follow the family's own loop before fresh loops are tried.
    static let sameLoopAttempts = 3
    /// The first careful attempt of the ladder.
    static let carefulAttempt = 2

    /// The path and chart of attempt `attempt` of run `run`, tracking loop `loop` of the family.
    func attempt(_ attempt: Int, run: Int, loop: Int, charts: [SliceChart]) -> (path: CouplingPath, chart: SliceChart) {
        let chart = charts[(run + (attempt % 2) * (charts.count / 2 + 1)) % charts.count]
        var path: CouplingPath
        switch attempt {
        case 0, 1: path = monodromyLoop(loop).path
        case 2: path = monodromyLoop(loop).path.careful(longestStep: 0.05, stepBudget: 1200)
        default:
            var generator = SeededGenerator(seed: seed).child(-1 - loop).child(run).child(attempt)
            path = MonodromyLoop(scale: Self.loopScales[loop % 3], using: &generator).path
        }
        path.charts = charts
        return (path, chart)
    }

    /// Monodromy run `index`: the known minimum, moved into the attempt's slice if its orbit meets
    /// it (its own slice otherwise), tracked round `loop` of the family and polished, with retries.
    func track(run index: Int, from known: Minimum, loop: Int, charts: [SliceChart], firstAttempt: Int = 0) -> (TrackReport, Minimum?) {
        var failures: [TrackFailure] = [], worst = 1.0
        for k in firstAttempt..<max(firstAttempt + 1, trackAttempts) {
            let (path, target) = attempt(k, run: index, loop: loop, charts: charts), system = target.system
            let (chart, start) = target.slice.fix(known.configuration, in: system).map { (target, $0) }
                ?? (SliceChart(system: system, slice: known.slice), known.configuration)
            var w = DescentWorkspace(chart: chart, unknowns: chart.unknowns(start))
            let tracking = path.trace(&w)
            worst = max(worst, tracking.worstCondition)
            if let failure = tracking.failure {
                failures.append(failure)
            } else if let u = w.chart.polish(w.unknowns) {
                let end = w.chart
                let minimum = Minimum(configuration: end.configuration(u), slice: end.slice, system: system, origin: .monodromy, hits: 0)
                return (TrackReport(run: index, failures: failures, landed: true, worstCondition: worst, first: firstAttempt), minimum)
            } else {
                failures.append(.endpointRefused)
            }
        }
        return (TrackReport(run: index, failures: failures, landed: false, worstCondition: worst, first: firstAttempt), nil)
    }
}

extension MinimaCensus {
    /// For a minimum `m` (at the census's couplings), the minimum whose track round loop `loop` of
    /// the family lands on `m`: `m` tracked carefully round the loop reversed (the inverse
    /// monodromy), in every slice chart its orbit meets until one track lands; nil if none does.
    /// A diagnostic (which track should have reached a minimum a census missed), not part of a census.
    public func preimage(of m: Minimum, loop: Int) -> Minimum? {
        var path = CouplingPath(vertices: monodromyLoop(loop).path.vertices.reversed()).careful(longestStep: 0.02, stepBudget: 20_000)
        path.charts = charts
        for chart in charts {
            guard let start = chart.slice.fix(m.configuration, in: chart.system) else { continue }
            var w = DescentWorkspace(chart: chart, unknowns: chart.unknowns(start))
            guard path.trace(&w).failure == nil, let u = w.chart.polish(w.unknowns) else { continue }
            return Minimum(configuration: w.chart.configuration(u), slice: w.chart.slice, system: chart.system, origin: .monodromy, hits: 0)
        }
        return nil
    }

    /// The position in `minima` of the minimum matching `m`'s invariants, if any.
    public static func position(of m: Minimum, in minima: [Minimum]) -> Int? {
        minima.firstIndex { $0.fingerprint.matches(m.fingerprint) }
    }
}
