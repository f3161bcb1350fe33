import CLapack

/// The BLAS the compute core calls (OpenBLAS), as it was loaded. OpenBLAS chooses its kernels
/// by CPU when the library loads (unless `OPENBLAS_CORETYPE` names them), and kernels of
/// different families round differently: the kernel family is part of what pins the bytes.
public enum BLASLibrary {
    /// The kernel family in use, such as "Haswell".
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The threads one BLAS call may use.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Makes every BLAS call run on the thread that makes it. The build's parallelism is its one
    /// thread budget; a BLAS pool inside each of those threads would oversubscribe the cores.
    public static func runOnCallingThread() { openblas_set_num_threads(1) }
}
