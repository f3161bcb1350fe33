import Foundation

/// The parent's side of a running group: drains its standard output and error, and notices when
/// the leader exits.
struct Channels {
    private(set) var standardOutput = Data()
    private(set) var standardError = Data()
    private let child: Spawned
    private var open: [Int32]

    init(_ child: Spawned) {
        self.child = child
        open = [child.output, child.error, child.exit]
    }

    var leaderExited: Bool { !open.contains(child.exit) }
    /// Whether the leader exited and the output of its whole group has ended.
    var finished: Bool { open.isEmpty }

    /// Waits at most `seconds` (without limit when nil) for any channel, and reads those ready.
    mutating func service(within seconds: Double?) {
        var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds = seconds.map { Int32(min(max(0, ($0 * 1000).rounded(.up)), 1e9)) } ?? -1
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        for fd in fds where fd.revents != 0 { read(fd.fd) }
    }

    private mutating func read(_ fd: Int32) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65_536) { buffer in
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                if fd == child.output { standardOutput.append(buffer.baseAddress!, count: count) }
                if fd == child.error { standardError.append(buffer.baseAddress!, count: count) }
            } else if count == 0 || errno != EINTR {
                close(fd)
                open.removeAll { $0 == fd }
            }
        }
    }
}
