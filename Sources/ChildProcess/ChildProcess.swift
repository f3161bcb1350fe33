import Foundation

/// One command, run as a child process in a process group of its own: its standard output and
/// error captured, its standard input fed, its time bounded. A value: describe the command, then
/// `run()` it.
///
///     let phc = ChildProcess("phc", ["-b", "system.txt", "output.txt"], directory: scratch, timeout: 600)
///     let output = try phc.run { seconds in print("phc running, \(Int(seconds)) s") }
///
/// On timeout the whole group (the command and everything it started) gets SIGTERM, then SIGKILL
/// after `grace` seconds. `ChildProcess.terminateAll()` ends every group still running.
public struct ChildProcess: Sendable {
    /// A path, or a name looked up on `PATH`.
    public var executable: String
    public var arguments: [String]
    /// The working directory; the parent's when nil.
    public var directory: String?
    /// Variables added to the parent's environment (replacing those of the same name).
    public var environment: [String: String]
    /// Bytes written to the standard input, which is then closed; `/dev/null` when nil.
    public var input: Data?
    /// Seconds before the process group is ended; unbounded when nil.
    public var timeout: Double?
    /// Seconds between SIGTERM and SIGKILL; also how long processes the command left behind may
    /// keep its output open after it exited before they are ended.
    public var grace = 2.0
    /// Whether ending other than with status 0 throws (the default) or is returned in the output.
    public var requiresSuccess = true

    public init(_ executable: String, _ arguments: [String] = [], directory: String? = nil,
                environment: [String: String] = [:], input: Data? = nil, timeout: Double? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
        self.input = input
        self.timeout = timeout
    }

    /// The command line as a shell would read it, for messages.
    var commandLine: String {
        ([executable] + arguments).map { word in
            word.isEmpty || word.contains(where: { " \t\n'\"\\$`*?;&|<>()".contains($0) })
                ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
        }.joined(separator: " ")
    }

    /// Runs the command until it and its output end, and returns that output. While it runs,
    /// `progress` is called on this thread every `interval` seconds with the seconds elapsed.
    /// Throws when the executable is missing or cannot start, on timeout, and (when
    /// `requiresSuccess`) when it ends other than with status 0.
    @discardableResult
    public func run(progressEvery interval: Double = 1, progress: ((Double) -> Void)? = nil) throws(Failure) -> Output {
        guard let path = Self.find(executable, searchPath: environment["PATH"]) else {
            throw Failure(.notFound, command: commandLine)
        }
        let start = ContinuousClock.now
        let child: Spawned
        do throws(Errno) {
            child = try ProcessGroups.spawn { () throws(Errno) in try Spawned.start(path, self) }
        } catch {
            throw Failure(.cannotStart(errno: error.code), command: commandLine)
        }
        var channels = Channels(child)
        var session = Session(timeout: timeout, grace: grace, interval: progress == nil ? nil : interval)
        while !channels.finished {
            let now = seconds(since: start)
            if let signal = session.signalDue(at: now) { kill(-child.pid, signal) }
            channels.service(within: session.nextWake.map { $0 - now })
            let later = seconds(since: start)
            if channels.leaderExited { session.leaderExited(at: later) }
            if !channels.finished, let progress, session.reportDue(at: later) { progress(later) }
        }
        if session.signalled { kill(-child.pid, SIGKILL) }
        let elapsed = seconds(since: start)
        ProcessGroups.release(child.pid)
        let termination = Termination(reaping: child.pid)
        let output = Output(termination: termination, standardOutput: channels.standardOutput,
                            standardError: channels.standardError, seconds: elapsed)
        if session.timedOut, let timeout {
            throw Failure(.timedOut(after: timeout), command: commandLine, standardError: output.standardError)
        }
        if requiresSuccess && !output.succeeded {
            throw Failure(.terminated(termination), command: commandLine, standardError: output.standardError)
        }
        return output
    }

    /// The full path of the executable `name` (a path, or a name looked up on `PATH`); nil when
    /// it is not installed.
    public static func find(_ name: String) -> String? { find(name, searchPath: nil) }

    static func find(_ name: String, searchPath: String?) -> String? {
        if name.contains("/") { return isExecutableFile(name) ? name : nil }
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: isExecutableFile)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// When a run signals its process group and reports progress: SIGTERM at the timeout (or `grace`
/// after the leader exited while its output is still held open), SIGKILL `grace` later.
private struct Session {
    let timeout: Double?
    let grace: Double
    let interval: Double?
    private(set) var timedOut = false
    private var terminatedAt: Double?
    private var killed = false
    private var exitedAt: Double?
    private var nextReport: Double?

    init(timeout: Double?, grace: Double, interval: Double?) {
        self.timeout = timeout
        self.grace = grace
        self.interval = interval
        nextReport = interval
    }

    var signalled: Bool { terminatedAt != nil }

    /// The signal the group is due at `now`, if any.
    mutating func signalDue(at now: Double) -> Int32? {
        if let terminatedAt {
            guard !killed, now >= terminatedAt + grace else { return nil }
            killed = true
            return SIGKILL
        }
        let lingered = exitedAt.map { now >= $0 + grace } ?? false
        timedOut = exitedAt == nil && timeout.map { now >= $0 } == true
        guard timedOut || lingered else { return nil }
        terminatedAt = now
        return SIGTERM
    }

    /// The next moment something is due (a signal or a progress report); nil when none is.
    var nextWake: Double? {
        let signal: Double?
        if let terminatedAt {
            signal = killed ? nil : terminatedAt + grace
        } else if let exitedAt {
            signal = exitedAt + grace
        } else {
            signal = timeout
        }
        return [signal, exitedAt == nil ? nextReport : nil].compactMap { $0 }.min()
    }

    mutating func leaderExited(at now: Double) {
        if exitedAt == nil { exitedAt = now }
    }

    /// Whether a progress report is due at `now`; if so, the next one is scheduled.
    mutating func reportDue(at now: Double) -> Bool {
        guard let interval, let due = nextReport, now >= due else { return false }
        nextReport = (now / interval).rounded(.down) * interval + interval
        return true
    }
}
