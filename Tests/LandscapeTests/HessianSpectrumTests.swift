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

    /// A diagonal operator with a repeated top eigenvalue and a small dimension (Krylov space exhausted).
    @Test func diagonalOperator() {
        let diagonal = [5.0, 5, 3, -1, 0.5, 2]
        let spectrum = HessianSpectrum(count: 4, dimension: 6, seed: 3) { v, hv in
            for k in 0..<6 { hv[k] = diagonal[k] * v[k] }
        }
        #expect(zip(spectrum.eigenvalues, [5.0, 5, 3, 2]).allSatisfy { abs($0 - $1) < 1e-10 })
    }
}
