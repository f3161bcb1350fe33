import Foundation

/// An errno value from a failed system call.
struct Errno: Error {
    var code: Int32
}

/// The leader of a freshly spawned process group, and the parent's ends of its pipes.
struct Spawned {
    let pid: pid_t
    /// Read ends of the standard output and error.
    let output: Int32
    let error: Int32
    /// Read end of a pipe that closes when the leader has exited (it stays unreaped until
    /// `Termination(reaping:)`, so the group id stays its own).
    let exit: Int32

    /// Spawns `command`, its executable resolved to `path`, as the leader of a new process group
    /// with every signal at its default action and none blocked. A thread feeds its standard input
    /// (when it has one) and another waits for it to exit.
    static func start(_ path: String, _ command: ChildProcess) throws(Errno) -> Spawned {
        var opened: [Int32] = []
        typealias Ends = (read: Int32, write: Int32)
        // A pipe closed on exec, so that no other child inherits it. `ProcessGroups.spawn` holds
        // its lock around `start`: no spawn can come between `pipe` and `fcntl`.
        func pipe() throws(Errno) -> Ends {
            var ends: [Int32] = [-1, -1]
            guard Glibc.pipe(&ends) == 0 else { throw Errno(code: errno) }
            opened += ends
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            return (ends[0], ends[1])
        }
        let output: Ends, error: Ends, exit: Ends
        var input: Ends?
        do {
            (output, error, exit) = (try pipe(), try pipe(), try pipe())
            if command.input != nil { input = try pipe() }
        } catch {
            opened.forEach { close($0) }
            throw error
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input.read, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, error.write, STDERR_FILENO)
        if let directory = command.directory { _ = addChangeDirectory(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)

        let environment = ProcessInfo.processInfo.environment.merging(command.environment) { $1 }
        let argv = ([command.executable] + command.arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        [output.write, error.write, input?.read].compactMap { $0 }.forEach { close($0) }
        guard code == 0 else {
            [output.read, error.read, exit.read, exit.write, input?.write].compactMap { $0 }.forEach { close($0) }
            throw Errno(code: code)
        }
        if let input, let bytes = command.input { feed(bytes, to: input.write) }
        Thread.detachNewThread { [pid, exit] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
            close(exit.write)
        }
        return Spawned(pid: pid, output: output.read, error: error.read, exit: exit.read)
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module does not declare.
    private static let addChangeDirectory = unsafeBitCast(
        dlsym(nil, "posix_spawn_file_actions_addchdir_np"),
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)

    /// Writes `bytes` to `fd` from a thread of its own, then closes it. SIGPIPE is blocked on that
    /// thread, so a child that stops reading ends the writing instead of this process.
    private static func feed(_ bytes: Data, to fd: Int32) {
        Thread.detachNewThread {
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 { offset += written } else if written == -1 && errno == EINTR { continue } else { break }
                }
            }
            close(fd)
        }
    }
}
