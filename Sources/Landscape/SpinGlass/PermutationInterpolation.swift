/// The permutation-interpolation protocol (Liao et al., arXiv 2407.20724): straight paths between
/// a trained network θ* and a copy θ′ whose hidden units are permuted — the same function, so any
/// loss barrier between them is the price of the permutation symmetry — and between independently
/// trained networks before and after their units are aligned.
public struct PermutationInterpolation: Sendable {
    /// The loss along the paths (the training loss of the one-hidden-layer network).
    public let loss: NetworkLoss
    /// Samples along each path, endpoints included.
    public let points: Int

    public init(loss: NetworkLoss, points: Int = 51) {
        precondition(points >= 2, "a path has at least its two endpoints")
        precondition(loss.network.layers.count == 2, "hidden-unit permutations need exactly one hidden layer")
        self.loss = loss; self.points = points
    }

    public var units: HiddenUnits { HiddenUnits(loss.network) }

    /// The straight path θ(a) = θ_A + a (θ_B − θ_A) at a = k/(points − 1), with the endpoints
    /// exactly θ_A and θ_B: when θ_A = θ_B every point is θ_A bit for bit, so the barrier of the
    /// identity permutation is exactly 0.
    public func path(from a: [Double], to b: [Double]) -> [[Double]] {
        let difference = zip(b, a).map { $0 - $1 }
        return (0..<points).map { k in
            if k == 0 { return a }
            if k == points - 1 { return b }
            let t = Double(k) / Double(points - 1)
            return zip(a, difference).map { $0 + t * $1 }
        }
    }

    /// The loss profile of the straight path from `a` to `b`; its `barrier` is
    /// B = max_a L(θ(a)) − max(L(θ_A), L(θ_B)).
    public func profile(from a: [Double], to b: [Double], workspace: NetworkWorkspace? = nil) -> PathProfile {
        let ws = workspace ?? loss.makeWorkspace(), line = path(from: a, to: b)
        return PathProfile(points: line, losses: line.map { loss.value(at: $0, workspace: ws) })
    }

    /// A permutation of the h units that moves exactly `moved` of them (0 or 2…h): `moved` units
    /// drawn at random, then a uniformly random derangement of them (shuffles redrawn until no
    /// unit keeps its place).
    public static func permutation(moving moved: Int, of h: Int, using generator: inout SeededGenerator) -> [Int] {
        precondition(moved == 0 || (2...h).contains(moved), "a permutation moves 0 or 2…h units")
        var units = Array(0..<h)
        generator.shuffle(&units)
        let chosen = Array(units.prefix(moved))
        var images = chosen
        repeat { generator.shuffle(&images) } while zip(chosen, images).contains { $0 == $1 }
        var permutation = Array(0..<h)
        for (unit, image) in zip(chosen, images) { permutation[unit] = image }
        return permutation
    }

    /// The swap of units i and j.
    public static func swap(_ i: Int, _ j: Int, of h: Int) -> [Int] {
        var permutation = Array(0..<h)
        permutation.swapAt(i, j)
        return permutation
    }

    /// The profile from θ to θ with its units reordered by `permutation`.
    public func profile(of theta: [Double], permutedBy permutation: [Int], workspace: NetworkWorkspace? = nil) -> PathProfile {
        profile(from: theta, to: units.permuting(theta, by: permutation), workspace: workspace)
    }

    /// |w_i − w_j|, the distance between the unit vectors [w_in, b, w_out] of units i and j of θ:
    /// swapping them moves θ by √2 times this.
    public func unitDistance(_ theta: [Double], _ i: Int, _ j: Int) -> Double {
        let vectors = units.unitVectors(theta)
        return distance(vectors[i], vectors[j])
    }
}
