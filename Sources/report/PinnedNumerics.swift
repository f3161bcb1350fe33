import Foundation
import Landscape

/// Pins the numerics of every build to what the committed figures were made with, whatever the
/// caller's shell holds: OpenBLAS's Haswell kernels (any x86-64 CPU with AVX2 and FMA runs them)
/// and one BLAS thread per thread of the build's budget.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library loads, before `main`; so when it is
/// unset, `report` sets it and executes itself again. The variables it added are removed after the
/// second start, so the programs `exec` and `phc` run get the caller's environment unchanged. A
/// value the caller set is theirs and is kept (the lock file records the kernels in use).
enum PinnedNumerics {
    static let coreType = "Haswell"
    /// Set in the environment of the second start: the names of the variables `report` added.
    private static let addedVariable = "REPORT_PINNED_NUMERICS"

    static func apply() {
        let environment = ProcessInfo.processInfo.environment
        if let added = environment[addedVariable] {
            for name in added.split(separator: ",") { unsetenv(String(name)) }
            unsetenv(addedVariable)
        } else if environment["OPENBLAS_CORETYPE"] == nil, cpuRunsCoreType() {
            setenv("OPENBLAS_CORETYPE", coreType, 1)
            setenv(addedVariable, "OPENBLAS_CORETYPE", 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // Not reached unless the executable cannot be started again: carry on unpinned.
            unsetenv("OPENBLAS_CORETYPE")
            unsetenv(addedVariable)
            FileHandle.standardError.write(Data("report: warning: could not restart with OPENBLAS_CORETYPE=\(coreType) (\(String(cString: strerror(errno)))); figure bytes may differ from other machines'\n".utf8))
        }
        BLASLibrary.runOnCallingThread()
    }

    /// Whether this CPU has the instructions the pinned kernels use (Linux's `/proc/cpuinfo`).
    private static func cpuRunsCoreType() -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let names = Set(flags.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }))
        return names.contains("avx2") && names.contains("fma")
    }
}
