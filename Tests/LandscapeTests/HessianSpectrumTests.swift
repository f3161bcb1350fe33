import CLapack
import Testing
@testable import Landscape

@Suite struct HessianSpectrumTests {
    /// The dense Hessian of a small net, column by column from exact products, diagonalised by
    /// LAPACK (`dsyev`): its largest eigenvalues are the Lanczos ones.
    @Test(arguments: [Activation.tanh, .softplus])
    func lanczosMatchesDenseDiagonalisation(activation: Activation) {
        let network = MultilayerPerceptron(inputs: 4, hidden: [6, 5], outputs: 3, activation: activation)
        let loss = NetworkLoss(network: network, data: .randomLabels(count: 20, dimension: 4, classes: 3, seed: 11),
                               function: .softmaxCrossEntropy)
        let theta = network.initialParameters(seed: 12), p = network.parameterCount
        var dense = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p); e[j] = 1
            let column = loss.hessianVectorProduct(at: theta, direction: e)
            for i in 0..<p { dense[i * p + j] = column[i] }
        }
        for i in 0..<p { for j in 0..<i { #expect(abs(dense[i * p + j] - dense[j * p + i]) < 1e-12) } }
        var eigenvalues = [Double](repeating: 0, count: p)
        let info = LAPACKE_dsyev(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")), Int32(p), &dense, Int32(p), &eigenvalues)
        #expect(info == 0)
        // The library's whole spectrum is this one, descending.
        let whole = loss.hessianEigenvalues(at: theta)
        #expect(zip(whole, eigenvalues.reversed()).allSatisfy { abs($0 - $1) < 1e-12 * abs(eigenvalues[p - 1]) })
        let spectrum = loss.hessianSpectrum(at: theta, count: 3, seed: 1, tolerance: 1e-10)
        for i in 0..<3 {
            let exact = eigenvalues[p - 1 - i]
            #expect(abs(spectrum.eigenvalues[i] - exact) < 1e-9 * abs(eigenvalues[p - 1]))
            // The Ritz vector is an eigenvector: |H y − λ y| small.
            let y = spectrum.eigenvectors[i], hy = loss.hessianVectorProduct(at: theta, direction: y)
            let residual = zip(hy, y).reduce(0) { $0 + ($1.0 - exact * $1.1) * ($1.0 - exact * $1.1) }.squareRoot()
            #expect(residual < 1e-6 * abs(eigenvalues[p - 1]))
        }
        #expect(spectrum.iterations < p)
    }

    /// The whole spectrum of a known quadratic ½ xᵀAx, A = Q diag(λ) Qᵀ with Q a random orthogonal
    /// matrix (Gram–Schmidt on Gaussian columns): repeated, zero and negative eigenvalues included.
    @Test func wholeSpectrumOfAKnownQuadratic() {
        let lambda = [4.0, 2.5, 2.5, 1, 1e-3, 0, 0, -0.5], p = lambda.count
        var generator = SeededGenerator(seed: 21)
        var q: [[Double]] = []
        while q.count < p {
            var u = (0..<p).map { _ in generator.normal() }
            for v in q { let c = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }; for k in 0..<p { u[k] -= c * v[k] } }
            let n = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
            q.append(u.map { $0 / n })
        }
        let values = HessianSpectrum.allEigenvalues(dimension: p) { v, hv in
            // A v = Σ_k λ_k q_k (q_kᵀ v)
            for i in 0..<p { hv[i] = 0 }
            for k in 0..<p {
                let c = lambda[k] * zip(q[k], v).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<p { hv[i] += c * q[k][i] }
            }
        }
        #expect(zip(values, lambda).allSatisfy { abs($0 - $1) < 1e-13 }, "\(values)")
    }

    /// A diagonal operator with a repeated top eigenvalue and a small dimension (Krylov space exhausted).
    @Test func diagonalOperator() {
        let diagonal = [5.0, 5, 3, -1, 0.5, 2]
        let spectrum = HessianSpectrum(count: 4, dimension: 6, seed: 3) { v, hv in
            for k in 0..<6 { hv[k] = diagonal[k] * v[k] }
        }
        #expect(zip(spectrum.eigenvalues, [5.0, 5, 3, 2]).allSatisfy { abs($0 - $1) < 1e-10 })
    }
}
