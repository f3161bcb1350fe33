import Foundation

extension ChildProcess {
    /// How a process ended: with an exit status, or by a signal.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// Waits for the exited `pid` and reaps it.
        init(reaping pid: pid_t) {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            self = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        }

        public var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signalled(let signal): "was ended by signal \(signal) (\(String(cString: strsignal(signal))))"
            }
        }
    }

    /// What a finished command left behind.
    public struct Output: Sendable {
        public var termination: Termination
        public var standardOutput: Data
        public var standardError: Data
        /// Seconds from the start until the command and its output ended.
        public var seconds: Double

        /// Whether the command exited with status 0.
        public var succeeded: Bool { termination == .exited(0) }
    }

    /// A command that could not start, ran out of time or failed. Its description names the
    /// command and what happened, followed by the last lines of its standard error.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Reason: Equatable, Sendable {
            /// The executable is not installed (not on `PATH`, or the path is not an executable file).
            case notFound
            case cannotStart(errno: Int32)
            case timedOut(after: Double)
            case terminated(Termination)
        }

        public var reason: Reason
        public var command: String
        /// The last lines (at most 20) of the command's standard error.
        public var standardErrorTail: String

        init(_ reason: Reason, command: String, standardError: Data = Data()) {
            self.reason = reason
            self.command = command
            let lines = String(decoding: standardError.suffix(16_384), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
            standardErrorTail = lines.reversed().drop(while: \.isEmpty).prefix(20).reversed()
                .drop(while: \.isEmpty).joined(separator: "\n")
        }

        public var description: String {
            let what = switch reason {
            case .notFound: "\(command): executable not found"
            case .cannotStart(let code): "\(command): cannot start: \(String(cString: strerror(code)))"
            case .timedOut(let seconds): "\(command) did not finish within \(seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)) s"
            case .terminated(let termination): "\(command) \(termination)"
            }
            guard !standardErrorTail.isEmpty else { return what }
            return what + "; its standard error ended with:\n" + standardErrorTail
                .split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        }
    }
}
