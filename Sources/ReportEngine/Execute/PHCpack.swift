import ChildProcess
import Foundation

/// PHCpack's blackbox solver, `phc -b`, run on one system in a scratch directory.
enum PHCpack {
    /// Whether `phc` is on the PATH.
    static var isInstalled: Bool { ChildProcess.find("phc") != nil }

    /// phc's output file for `system` (in phc's input format). Reports progress every second;
    /// a failure names phc's exit status and ends with the last lines phc wrote to stderr.
    static func blackbox(_ system: String, timeout: Double, progress: ProgressReporter) throws -> String {
        try ScratchDirectory.with("phc") { directory in
            try system.write(to: directory.appendingPathComponent("system.txt"), atomically: true, encoding: .utf8)
            let phc = ChildProcess("phc", ["-b", "system.txt", "output.txt"], directory: directory.path, timeout: timeout)
            do throws(ChildProcess.Failure) {
                try phc.run { seconds in progress.report(nil, "phc -b running, \(Int(seconds)) s") }
            } catch {
                switch error.reason {
                case .notFound:
                    throw DirectiveFailure("PHCpack's phc is not installed (apt-get install phcpack)")
                case .timedOut:
                    throw DirectiveFailure("phc -b did not finish within \(Int(timeout)) s (raise 'timeout', or see the README for the measured cost)")
                case .cannotStart, .terminated:
                    throw DirectiveFailure(error.description)
                }
            }
            return try String(contentsOf: directory.appendingPathComponent("output.txt"), encoding: .utf8)
        }
    }
}
