/// An ensemble of one-hidden-layer ReLU networks with their hidden-unit symmetries removed, so
/// that overlaps between their parameter vectors compare functions rather than labellings.
///
/// Each replica is first rescaled (`HiddenUnits.normalisingRescaling`: |[w_in, b]| = 1 per unit),
/// then its units are permuted by Hungarian matching (`LinearAssignment`) on the plain dot
/// product of unit vectors u = [w_in, b, w_out]. Since ⟨θ_a, θ_b⟩ = Σ_k ⟨u_a,k, u_b,k⟩ + ⟨b₂_a, b₂_b⟩,
/// matching maximises the numerator of the overlap q_ab; the norms |θ| do not depend on it.
public struct EnsembleAlignment: Sendable {
    public enum Target: String, Sendable, CaseIterable {
        /// Barycentre matching: each replica in turn is matched to the sum of all the others as
        /// currently aligned, sweeping until a whole sweep changes no permutation. Each accepted
        /// change raises Σ_{a<b} ⟨θ_a, θ_b⟩, so the sweeps end at a local maximum of the total
        /// overlap; no replica is special.
        case barycentre
        /// Every replica matched to replica 0, once. Biased: every pair containing replica 0 looks
        /// closer than the rest (its noise is what the others were matched to).
        case reference
        /// No symmetry removal: the parameter vectors as trained (neither rescaled nor permuted).
        case none
    }

    /// The aligned parameter vectors, one per replica.
    public let replicas: [[Double]]
    /// Unit k of aligned replica a is unit `permutations[a][k]` of the trained replica a.
    public let permutations: [[Int]]
    /// Matching sweeps performed (barycentre: including the last, which changed nothing if
    /// `converged`); 1 for reference, 0 for none.
    public let rounds: Int
    /// Whether the barycentre sweeps reached a fixed point within the cap.
    public let converged: Bool

    /// Aligns `replicas` (parameter vectors of `units.network`) towards `target`; barycentre
    /// matching stops after `maximumRounds` sweeps at most.
    ///
    /// The barycentre sweeps start from the trained labelling, not from the alignment to replica 0:
    /// started there, they keep part of its bias (on 32 MNIST networks replica 0 stayed closer to
    /// the others than any other replica was). An ensemble the sweeps left converged is their fixed
    /// point, so aligning it again changes nothing.
    public init(replicas: [[Double]], units: HiddenUnits, target: Target, maximumRounds: Int = 50) {
        precondition(maximumRounds >= 1, "at least one matching round")
        precondition(replicas.allSatisfy { $0.count == units.network.parameterCount }, "parameter vectors of the network")
        let identity = Array(0..<units.count)
        guard target != .none, !replicas.isEmpty else {
            (self.replicas, permutations, rounds, converged) = (replicas, replicas.map { _ in identity }, 0, true)
            return
        }
        let rescaled = replicas.map(units.normalisingRescaling)
        let vectors = rescaled.map(units.unitVectors)
        let toReference = vectors.map { Self.matching(target: vectors[0], units: $0) }
        var result = (permutations: toReference, rounds: 1, converged: true)
        if target == .barycentre {
            result = Self.barycentreSweeps(vectors, from: vectors.map { _ in identity }, maximumRounds: maximumRounds)
        }
        self.replicas = zip(rescaled, result.permutations).map { units.permuting($0, by: $1) }
        permutations = result.permutations
        rounds = result.rounds
        converged = result.converged
    }

    /// Pairwise weight matching of two networks: both rescaled (`normalisingRescaling`), then the
    /// units of `b` permuted by σ maximising Σ_k ⟨u_a,k, u_b,σ(k)⟩ — the alignment of one pair,
    /// with no third network involved. Returns the rescaled `a`, the rescaled and permuted `b`, and σ.
    public static func pairwise(_ a: [Double], _ b: [Double], units: HiddenUnits) -> (a: [Double], b: [Double], permutation: [Int]) {
        let (ra, rb) = (units.normalisingRescaling(a), units.normalisingRescaling(b))
        let permutation = matching(target: units.unitVectors(ra), units: units.unitVectors(rb))
        return (ra, units.permuting(rb, by: permutation), permutation)
    }

    /// The permutation σ maximising Σ_k ⟨target_k, units_σ(k)⟩.
    static func matching(target: [[Double]], units: [[Double]]) -> [Int] {
        LinearAssignment.maximumSimilarity(similarities(target, units))
    }

    /// S[k][j] = ⟨targets_k, units_j⟩, as one matrix product (BLAS).
    static func similarities(_ targets: [[Double]], _ units: [[Double]]) -> [[Double]] {
        let (m, n, width) = (targets.count, units.count, targets.first?.count ?? 0)
        let (a, b) = (targets.flatMap { $0 }, units.flatMap { $0 })
        var c = [Double](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { matrixProduct(m, n, width, a.baseAddress!, transposeB: b.baseAddress!, into: $0.baseAddress!) }
            }
        }
        return (0..<m).map { Array(c[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// Σ_{a<b} Σ_k ⟨u_a,π_a(k), u_b,π_b(k)⟩ = (Σ_k |Σ_a u_a,π_a(k)|² − Σ_a Σ_k |u_a,k|²) / 2.
    static func totalOverlap(_ vectors: [[[Double]]], _ permutations: [[Int]]) -> Double {
        let sums = barycentreSums(vectors, permutations)
        let squares = vectors.reduce(0) { $0 + $1.reduce(0) { $0 + dot($1, $1) } }
        return (sums.reduce(0) { $0 + dot($1, $1) } - squares) / 2
    }

    /// Σ_a u_a,π_a(k) for every unit position k.
    private static func barycentreSums(_ vectors: [[[Double]]], _ permutations: [[Int]]) -> [[Double]] {
        var sums = vectors[0].map { [Double](repeating: 0, count: $0.count) }
        for (units, permutation) in zip(vectors, permutations) {
            for k in sums.indices { add(units[permutation[k]], to: &sums[k], times: 1) }
        }
        return sums
    }

    private static func barycentreSweeps(
        _ vectors: [[[Double]]], from start: [[Int]], maximumRounds: Int
    ) -> (permutations: [[Int]], rounds: Int, converged: Bool) {
        var permutations = start
        var sums = barycentreSums(vectors, permutations)
        for round in 1...maximumRounds {
            var changed = false
            for (a, units) in vectors.enumerated() {
                var others = sums
                for k in others.indices { add(units[permutations[a][k]], to: &others[k], times: -1) }
                let similarity = Self.similarities(others, units)
                let best = LinearAssignment.maximumSimilarity(similarity)
                let (gain, current) = (LinearAssignment.total(similarity, best), LinearAssignment.total(similarity, permutations[a]))
                // Accept strict improvements only, so ties cannot make the sweeps cycle.
                guard gain > current + 1e-12 * max(1, abs(current)) else { continue }
                permutations[a] = best
                for k in sums.indices { sums[k] = others[k]; add(units[best[k]], to: &sums[k], times: 1) }
                changed = true
            }
            if !changed { return (permutations, round, true) }
        }
        return (permutations, maximumRounds, false)
    }
}

@inline(__always) private func add(_ x: [Double], to y: inout [Double], times scale: Double) {
    for i in x.indices { y[i] += scale * x[i] }
}
