import ChildProcess
import Foundation
import Testing

extension CommandLineTests {
    /// A network trained, drawn, and an `exec` program that reports the kernel variable it sees.
    private static let pinnedTemplate = """
        ---
        seed: 5
        ---
        ```{nn-ensemble #nets synthetic=teacher-student samples=400 dimension=40 classes=4 width=48 epochs=4 replicas=2}
        batch-sizes: 64
        ```

        ```{exec #env}
        run: [sh, -c, 'printf "{\\"core\\": \\"%s\\"}" "${OPENBLAS_CORETYPE-unset}" > results.json']
        ```

        Loss {{ nets.train_loss[0] | sig:17 }}; the program saw {{ env.core }}.

        ```{figure #fig-curves}
        show: nets.learning_curves
        caption: Learning curves.
        ```

        """

    /// Builds `reports/p.md` in `directory` with the OpenBLAS variables removed from the
    /// environment, then `assignments` added: the bytes of its figure, its Markdown paper and lock.
    private func pinnedBuild(in directory: URL, _ name: String, _ assignments: [String]) throws -> (figure: Data, paper: String, lock: String) {
        let arguments = ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_NUM_THREADS"] + assignments
            + [Self.executable.path, "build", "reports/p.md", "--allow-exec", "--no-cache", "--out", "b-\(name)", "--figures", "f-\(name)"]
        var report = ChildProcess("/usr/bin/env", arguments, directory: directory.path, timeout: 600)
        report.requiresSuccess = false
        let output = try report.run()
        #expect(output.termination == .exited(0), "\(String(decoding: output.standardError, as: UTF8.self))")
        return (try Data(contentsOf: directory.appendingPathComponent("f-\(name)/p/fig-curves.png")),
                try String(contentsOf: directory.appendingPathComponent("b-\(name)/p.md"), encoding: .utf8),
                try String(contentsOf: directory.appendingPathComponent("b-\(name)/p.lock.json"), encoding: .utf8))
    }

    /// Run from a shell without OpenBLAS variables, `report` still computes with the pinned Haswell
    /// kernels and one BLAS thread (it starts itself again with the kernel variable set), gives the
    /// bytes of a build with the variables set by hand, and hands its programs the caller's
    /// environment unchanged. A kernel the caller names is kept, and the lock file says which.
    @Test func numericsArePinnedWhateverTheCallersEnvironment() throws {
        guard FileManager.default.fileExists(atPath: Self.executable.path) else {
            Issue.record("report executable not built at \(Self.executable.path)")
            return
        }
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let directory = try workspace(Self.pinnedTemplate)
        defer { try? FileManager.default.removeItem(at: directory) }

        let unset = try pinnedBuild(in: directory, "unset", [])
        guard flags.contains(" avx2") && flags.contains(" fma") else {
            #expect(!unset.lock.contains("Haswell"), "pinned kernels on a CPU without AVX2 and FMA")
            return
        }
        #expect(unset.lock.contains("\"blas\" : \"OpenBLAS Haswell, 1 thread\""), "\(unset.lock)")
        #expect(unset.paper.contains("the program saw unset."), "\(unset.paper)")

        let byHand = try pinnedBuild(in: directory, "by-hand", ["OPENBLAS_CORETYPE=Haswell", "OPENBLAS_NUM_THREADS=4"])
        #expect(byHand.figure == unset.figure)
        #expect(byHand.paper.hasPrefix(unset.paper.prefix { $0 != ";" } + "; the program saw Haswell."), "\(byHand.paper)")
        #expect(byHand.lock.contains("\"blas\" : \"OpenBLAS Haswell, 1 thread\""), "\(byHand.lock)")

        let named = try pinnedBuild(in: directory, "named", ["OPENBLAS_CORETYPE=Sandybridge"])
        #expect(named.lock.contains("\"blas\" : \"OpenBLAS Sandybridge, 1 thread\""), "\(named.lock)")
        #expect(named.paper.contains("the program saw Sandybridge."), "\(named.paper)")
    }
}
