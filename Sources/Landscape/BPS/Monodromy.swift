/// Monodromy: track a known solution while the six couplings travel a random closed loop in complex
/// parameter space, c -> c + a -> c + b -> c. Going round permutes the isolated solutions, so a
/// solution can come back as a different one: a way to reach minima whose descent basins are tiny.
/// Whatever the tracker returns is re-polished and re-checked at the true couplings, so a path that
/// jumps to another branch only ever yields another genuine solution.
struct MonodromyLoop {
    /// Coupling shifts of the loop's two corners, one per coupling (F12, F23, F31, F41, F42, F43).
    let corners: [[Complex]]

    /// A random loop with corner shifts of size ~ `scale` (real and imaginary parts ~ N(0, scale^2)).
    init(scale: Double, using generator: inout SeededGenerator) {
        corners = (0..<2).map { _ in (0..<6).map { _ in Complex(scale * generator.normal(), scale * generator.normal()) } }
    }

    /// The loop as a path. Its step budget: the few loops that pass close to a branch point crawl
    /// for thousands of steps (at N = 3, 8 loops in 392 took half of all steps) and are abandoned.
    var path: CouplingPath {
        let zero = [Complex](repeating: .zero, count: 6)
        return CouplingPath(vertices: [zero, corners[0], corners[1], zero])
    }

    /// The solution reached by tracking `u` round the loop, or nil if tracking failed.
    func track(_ u: [Complex], in chart: SliceChart) -> [Complex]? { path.track(u, in: chart) }
}
