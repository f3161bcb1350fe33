import CKernels
import CLapack
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The arithmetic a network pass runs in: Double (`dgemm`, the default everywhere) or Float
/// (`sgemm`, the Float32 training path of `NetworkEnsemble`). Each requirement is the one BLAS or
/// libm routine of that width, so the Double specialisation performs exactly the operations the
/// network core always performed.
public protocol NetworkScalar: BinaryFloatingPoint, Sendable {
    /// C (m × n) = op(A) op(B) + β C, row-major, with leading dimensions lda, ldb and n.
    static func gemm(transposeA: Bool, transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
                     _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int,
                     beta: Self, _ c: UnsafeMutablePointer<Self>)
    static func exponential(_ x: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    static func logarithmOnePlus(_ x: Self) -> Self
    /// Overwrites z (rows × width) by tanh(z + b) and writes the slopes 1 − tanh² into `slope`.
    static func tanhLayer(_ z: UnsafeMutablePointer<Self>, bias: UnsafePointer<Self>, slope: UnsafeMutablePointer<Self>,
                          rows: Int, width: Int)
}

private func transpose(_ flag: Bool) -> CBLAS_TRANSPOSE { flag ? CblasTrans : CblasNoTrans }

extension Double: NetworkScalar {
    @inline(__always)
    public static func gemm(transposeA: Bool, transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
                            _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                            beta: Double, _ c: UnsafeMutablePointer<Double>) {
        cblas_dgemm(CblasRowMajor, transpose(transposeA), transpose(transposeB), blasint(m), blasint(n), blasint(k),
                    1, a, blasint(lda), b, blasint(ldb), beta, c, blasint(n))
    }
    @inline(__always) public static func exponential(_ x: Double) -> Double { exp(x) }
    @inline(__always) public static func logarithm(_ x: Double) -> Double { log(x) }
    @inline(__always) public static func logarithmOnePlus(_ x: Double) -> Double { log1p(x) }
    public static func tanhLayer(_ z: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>, slope: UnsafeMutablePointer<Double>,
                                 rows: Int, width: Int) {
        ck_tanh_layer(z, bias, slope, rows, width)
    }
}

extension Float: NetworkScalar {
    @inline(__always)
    public static func gemm(transposeA: Bool, transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
                            _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                            beta: Float, _ c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, transpose(transposeA), transpose(transposeB), blasint(m), blasint(n), blasint(k),
                    1, a, blasint(lda), b, blasint(ldb), beta, c, blasint(n))
    }
    @inline(__always) public static func exponential(_ x: Float) -> Float { expf(x) }
    @inline(__always) public static func logarithm(_ x: Float) -> Float { logf(x) }
    @inline(__always) public static func logarithmOnePlus(_ x: Float) -> Float { log1pf(x) }
    /// tanh in Double through the same C kernel, rounded to Float: one rounding from a value
    /// within 4 ulps (of Double) of the true tanh.
    public static func tanhLayer(_ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, slope: UnsafeMutablePointer<Float>,
                                 rows: Int, width: Int) {
        for r in 0..<rows {
            for j in 0..<width {
                let a = ck_tanh(Double(z[r * width + j] + bias[j]))
                z[r * width + j] = Float(a); slope[r * width + j] = Float(1 - a * a)
            }
        }
    }
}

/// The training precision of a network ensemble.
public enum Precision: String, Sendable, Hashable, CaseIterable {
    /// Float64 arithmetic throughout (`dgemm`).
    case float64
    /// Float32 parameters, activations and gradients during training (`sgemm`); the trained θ
    /// is widened to Double and every loss and accuracy reported is evaluated in Float64.
    case float32
}
