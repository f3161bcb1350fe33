import Foundation

/// PHCpack's blackbox solver, `phc -b`, run on one system in a scratch directory: the one runner
/// the `bps-solve` directive, the tests and the benchmark share.
public enum PHCpack {
    /// Whether `phc` is on the PATH.
    public static var isInstalled: Bool { ChildProcess.find("phc") != nil }

    /// phc's output file for `system` (in phc's input format) and the seconds phc ran.
    /// `tick(seconds)` is called about once a second while phc runs; a failure is the
    /// `ChildProcess.Failure` of the run (not found, timed out, or its exit with stderr's last lines).
    public static func blackbox(_ system: String, timeout: Double? = nil,
                                tick: ((Double) -> Void)? = nil) throws -> (output: String, seconds: Double) {
        try ScratchDirectory.with("phc") { directory in
            try system.write(to: directory.appendingPathComponent("system.txt"), atomically: true, encoding: .utf8)
            let run = try ChildProcess("phc", ["-b", "system.txt", "output.txt"], directory: directory.path, timeout: timeout).run(progress: tick)
            return (try String(contentsOf: directory.appendingPathComponent("output.txt"), encoding: .utf8), run.seconds)
        }
    }
}
