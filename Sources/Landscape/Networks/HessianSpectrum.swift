import CLapack

/// The algebraically largest eigenvalues of a symmetric P × P matrix H known only through products
/// H v, with unit eigenvectors: the Lanczos iteration with full reorthogonalisation. After m steps
/// H Q_m = Q_m T_m + β_m q_m e_mᵀ with T_m tridiagonal; a Ritz pair (λ, Q_m s) of T_m s = λ s has
/// residual |H y − λ y| = β_m |s_m|, and the iteration stops once every wanted pair's residual is
/// below `tolerance` · max|λ| (or after `maxIterations` steps). When the Krylov space of the start
/// vector is exhausted (β = 0), the iteration restarts from a fresh orthogonal direction, which is
/// how an exactly repeated eigenvalue shows all its copies.
public struct HessianSpectrum: Sendable {
    /// The largest eigenvalues, descending.
    public let eigenvalues: [Double]
    /// The matching unit eigenvectors (Ritz vectors), each with P entries.
    public let eigenvectors: [[Double]]
    /// |H y − λ y| of each pair.
    public let residuals: [Double]
    /// The number of products H v used.
    public let iterations: Int

    /// The top `count` eigenpairs; `product(v, &hv)` writes H v. The start vector is Gaussian from `seed`.
    public init(count: Int, dimension p: Int, seed: UInt64, tolerance: Double = 1e-8, maxIterations: Int = 300,
                product: (_ v: [Double], _ hv: inout [Double]) -> Void) {
        precondition(count >= 1 && count <= p, "1 ≤ count ≤ dimension")
        let limit = min(p, max(maxIterations, count))
        var generator = SeededGenerator(seed: seed)
        var q = (0..<p).map { _ in generator.normal() }
        scale(&q, by: 1 / norm(q))
        var basis: [[Double]] = [], alpha: [Double] = [], beta: [Double] = []
        var w = [Double](repeating: 0, count: p)
        var ritz: (values: [Double], vectors: [Double]) = ([], [])
        while true {
            basis.append(q)
            product(q, &w)
            let a = dot(q, w)
            alpha.append(a)
            for k in 0..<p { w[k] -= a * q[k] }
            if basis.count > 1 { let b = beta.last!, previous = basis[basis.count - 2]; for k in 0..<p { w[k] -= b * previous[k] } }
            orthogonalise(&w, against: basis)
            let b = norm(w), m = basis.count
            let exhausted = b <= 1e-14 * alpha.map(abs).max()!
            let done = m == limit
            if m >= count && (done || (m % 5 == 0 && !exhausted)) {
                ritz = tridiagonalEigen(alpha, beta)
                let top = (0..<count).map { m - 1 - $0 }  // dstev sorts ascending
                let scaleOfSpectrum = max(ritz.values.map(abs).max()!, .leastNormalMagnitude)
                if done || top.allSatisfy({ b * abs(ritz.vectors[$0 * m + m - 1]) <= tolerance * scaleOfSpectrum }) {
                    eigenvalues = top.map { ritz.values[$0] }
                    residuals = top.map { b * abs(ritz.vectors[$0 * m + m - 1]) }
                    eigenvectors = top.map { i in
                        var y = [Double](repeating: 0, count: p)
                        for (j, u) in basis.enumerated() { let s = ritz.vectors[i * m + j]; for k in 0..<p { y[k] += s * u[k] } }
                        return y
                    }
                    iterations = m
                    return
                }
            }
            if exhausted {  // An invariant subspace: restart from a fresh direction orthogonal to it.
                w = (0..<p).map { _ in generator.normal() }
                orthogonalise(&w, against: basis)
            }
            beta.append(exhausted ? 0 : b)
            q = w
            scale(&q, by: 1 / norm(w))
        }
    }
}

extension NetworkLoss {
    /// The top `count` eigenpairs of the Hessian ∇²L(θ) over all examples, from exact products.
    public func hessianSpectrum(at theta: [Double], count: Int, seed: UInt64, tolerance: Double = 1e-8,
                                workspace: NetworkWorkspace? = nil) -> HessianSpectrum {
        let ws = workspace ?? makeWorkspace()
        return HessianSpectrum(count: count, dimension: network.parameterCount, seed: seed, tolerance: tolerance) { v, hv in
            hessianVectorProduct(at: theta, direction: v, into: &hv, workspace: ws)
        }
    }
}

/// Eigenvalues (ascending) and eigenvectors (column i at [i·m ..< (i+1)·m]) of the symmetric
/// tridiagonal matrix with diagonal `alpha` and off-diagonal `beta` (LAPACK `dstev`).
private func tridiagonalEigen(_ alpha: [Double], _ beta: [Double]) -> (values: [Double], vectors: [Double]) {
    let m = alpha.count
    var d = alpha, e = Array(beta.prefix(m - 1)) + [0], z = [Double](repeating: 0, count: m * m)
    let info = LAPACKE_dstev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), Int32(m), &d, &e, &z, Int32(m))
    precondition(info == 0, "dstev failed (\(info))")
    return (d, z)
}

/// Gram–Schmidt twice against the whole basis, which keeps the Lanczos vectors orthonormal.
private func orthogonalise(_ w: inout [Double], against basis: [[Double]]) {
    for _ in 0..<2 {
        for u in basis { let c = dot(u, w); for k in w.indices { w[k] -= c * u[k] } }
    }
}

private func norm(_ v: [Double]) -> Double { dot(v, v).squareRoot() }
private func scale(_ v: inout [Double], by s: Double) { for k in v.indices { v[k] *= s } }
