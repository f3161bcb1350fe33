import CLapack

extension HessianSpectrum {
    /// Every eigenvalue of a symmetric P × P matrix H known only through products H v, descending:
    /// the columns H e_j from P products, symmetrised as (H + Hᵀ)/2 (rounding leaves the columns of
    /// products slightly asymmetric), then LAPACK `dsyev` without eigenvectors. P products and
    /// O(P³) work, for the whole spectrum where Lanczos gives its top.
    public static func allEigenvalues(dimension p: Int, product: (_ v: [Double], _ hv: inout [Double]) -> Void) -> [Double] {
        precondition(p >= 1, "a matrix needs a dimension")
        var h = [Double](repeating: 0, count: p * p), unit = [Double](repeating: 0, count: p)
        var column = [Double](repeating: 0, count: p)
        for j in 0..<p {
            unit[j] = 1
            product(unit, &column)
            unit[j] = 0
            for i in 0..<p { h[j * p + i] = column[i] }
        }
        for j in 0..<p {
            for i in (j + 1)..<p {
                let mean = (h[j * p + i] + h[i * p + j]) / 2
                h[j * p + i] = mean; h[i * p + j] = mean
            }
        }
        var values = [Double](repeating: 0, count: p)
        let info = LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "U")), Int32(p), &h, Int32(p), &values)
        precondition(info == 0, "dsyev failed (\(info))")
        return values.reversed()
    }
}

extension NetworkLoss {
    /// Every eigenvalue of the Hessian ∇²L(θ) over all examples, descending, from P exact products.
    public func hessianEigenvalues(at theta: [Double], workspace: NetworkWorkspace? = nil) -> [Double] {
        let ws = workspace ?? makeWorkspace()
        return HessianSpectrum.allEigenvalues(dimension: network.parameterCount) { v, hv in
            hessianVectorProduct(at: theta, direction: v, into: &hv, workspace: ws)
        }
    }
}
