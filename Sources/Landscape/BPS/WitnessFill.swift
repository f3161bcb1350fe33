/// The auxiliary witness set W2 = C cut by a . u = 1, filled by monodromy in a.
///
/// Seeds: every point (u_i, 0) of the fiber lies on C and on the hyperplane a . u = a . u_i; sliding
/// that hyperplane's level from a . u_i to 1 along C (a straight line in the level, generic since a
/// is) carries it to a point of W2 on the same component of C. Then triangle loops
/// a -> a1 -> a2 -> a (random a1, a2 of a's scale) permute W2; every point is tracked round every
/// loop of a growing family, so W2 is closed under the family. An endpoint is kept only after a
/// converging Newton refinement with every unknown bounded (`CurveTracker.refine`): the loops
/// cannot add a point that is not on C and the hyperplane, only fail to find one.
struct WitnessFill {
    let curve: CouplingCurve
    let a: [Complex]
    /// The loops' corners (a1, a2), in the order they joined the family.
    private(set) var loops: [[[Complex]]] = []
    /// W2 so far, in order of discovery, and how many loops of the family each point has been tracked round.
    private(set) var points: [[Complex]] = []
    private var tracked: [Int] = []
    /// Paths tracked (seed slides and loops), and those that failed.
    private(set) var tracks = 0, failed = 0

    init(curve: CouplingCurve, a: [Complex]) { self.curve = curve; self.a = a }

    /// Seeds W2 from the fiber's points (lambda = 0).
    mutating func seed(from fiber: [[Complex]], threads: ThreadBudget) {
        let tracker = CurveTracker(curve: curve)
        let ends = deterministicMap(count: fiber.count, threads: threads) { i in
            tracker.track(fiber[i], along: .hyperplane(a0: a, b0: Cut.dot(a, fiber[i]), a1: a, b1: .one))
        }
        record(ends)
    }

    /// Adds loop corners to the family.
    mutating func addLoop(_ corners: [[Complex]]) { loops.append(corners) }

    /// Tracks every point round every loop it has not been round yet, until the set is closed under
    /// the family (new points are tracked too). Returns how many points were added.
    @discardableResult
    mutating func close(threads: ThreadBudget) -> Int {
        let before = points.count, tracker = CurveTracker(curve: curve)
        while true {
            let pairs = points.indices.flatMap { i in (tracked[i]..<loops.count).map { (point: i, loop: $0) } }
            if pairs.isEmpty { return points.count - before }
            let ends = deterministicMap(count: pairs.count, threads: threads) { k -> CurveTracker.Endpoint? in
                let corners = [a] + loops[pairs[k].loop] + [a]
                var z = points[pairs[k].point]
                for leg in 0..<3 {
                    guard let end = tracker.track(z, along: .hyperplane(a0: corners[leg], b0: .one, a1: corners[leg + 1], b1: .one)) else { return nil }
                    z = end.z
                }
                return CurveTracker.Endpoint(z: z, error: 0)
            }
            for i in points.indices { tracked[i] = loops.count }
            record(ends)
        }
    }

    /// Keeps the new points among `ends` (in order), counting the paths and failures.
    private mutating func record(_ ends: [CurveTracker.Endpoint?]) {
        tracks += ends.count
        for end in ends {
            guard let z = end?.z else { failed += 1; continue }
            if !points.contains(where: { CurvePoints.same($0, z) }) {
                points.append(z)
                tracked.append(0)
            }
        }
    }
}
