/// Why tracking a solution along a path of the couplings failed.
public enum TrackFailure: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// The step fell below its floor while the corrector kept failing to reach its tolerance.
    case stepControl
    /// The step fell below its floor, the last corrector ending further from the path than the
    /// predictor started: the corrector diverged.
    case correctorDiverged
    /// The path's step budget was spent (a path crawling past a near-singular point).
    case stepBudget
    /// An unknown grew past `CouplingPath.escape` in the best chart: the path runs off towards infinity.
    case diverged
    /// The Jacobian's normal matrix was singular to working precision at a point of the path.
    case singular
    /// The endpoint was refused: its residual at the true couplings, or its polishing, failed.
    case endpointRefused

    public var description: String {
        switch self {
        case .stepControl: "step control gave up"
        case .correctorDiverged: "corrector diverged"
        case .stepBudget: "step budget spent"
        case .diverged: "path diverged"
        case .singular: "singular Jacobian"
        case .endpointRefused: "endpoint refused"
        }
    }
}

/// What tracking one path measured: why it failed (nil if it landed), the steps it took, and the
/// largest condition-number estimate of the Jacobian at the points it accepted.
struct Tracking {
    var failure: TrackFailure?
    var steps = 0
    var worstCondition = 1.0
    /// The largest |unknown| at the points it accepted.
    var largestUnknown = 0.0
    /// How far it got: the legs completed plus the fraction of the leg it stopped on.
    var position = 0.0
    /// How often the point moved into another slice chart.
    var recharts = 0

    mutating func note(condition: Double) { worstCondition = max(worstCondition, condition) }
}
