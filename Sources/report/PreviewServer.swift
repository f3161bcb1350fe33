import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (never another interface) for `report watch`: `GET /`
/// answers the current `PreviewPage`, `GET /__events?since=<build>` is a Server-Sent Events stream
/// that sends one message when a build other than `<build>` is published. Every connection has a
/// thread of its own and is closed after its answer; the events stream stays open until the
/// build it waits for lands or the browser goes away. Requests that name another host than
/// 127.0.0.1 or localhost are refused, so that no web page can read the paper through a host name
/// made to resolve to 127.0.0.1.
final class PreviewServer: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What is served: the last good paper, the failed build's messages, and the build's name.
    private struct Shown {
        var paper: String?
        var errors: [String] = []
        var build = ""
    }

    /// The port it listens on (the one the system chose when asked for port 0).
    let port: Int
    private let listener: Int32
    private let state = NSCondition()
    private var shown = Shown()
    /// Names builds uniquely across restarts of `report watch`, so a page left open from an
    /// earlier run reloads when the events stream reconnects to a new one.
    private let run = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    private var builds = 0
    private static let keepAliveSeconds = 15.0
    private static let maxRequestBytes = 16_384

    init(port: Int) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw Failure(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw Failure(description: "cannot listen on 127.0.0.1:\(port): \(reason) (choose another with --port)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        shown.build = nextBuild()
        let thread = Thread { [self] in acceptConnections() }
        thread.name = "report.watch.server"
        thread.start()
    }

    /// Shows a new build: its paper when it succeeded (nil keeps the last good one, or else shows
    /// `kept`, the paper an earlier build left on disk) and the messages of its failure (empty
    /// when it succeeded). Open pages reload.
    func publish(paper: String?, kept: String? = nil, errors: [String]) {
        state.withLock {
            if let paper { shown.paper = paper } else if shown.paper == nil { shown.paper = kept }
            shown.errors = errors
            shown.build = nextBuild()
            state.broadcast()
        }
    }

    private func nextBuild() -> String {
        builds += 1
        return "\(run)-\(builds)"
    }

    private func acceptConnections() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let thread = Thread { [self] in
                respond(to: client)
                close(client)
            }
            thread.start()
        }
    }

    private func respond(to client: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let header = readRequest(client), let request = header.first else { return }
        let host = header.dropFirst().first { $0.lowercased().hasPrefix("host:") }?.dropFirst(5).trimmingCharacters(in: .whitespaces)
        guard let host, ["127.0.0.1:\(port)", "localhost:\(port)"].contains(host.lowercased()) else {
            // A page elsewhere whose host name was made to resolve to 127.0.0.1 (DNS rebinding)
            // names its own host here: it must not read the paper.
            send(client, status: "403 Forbidden", type: "text/plain", body: "open the paper at http://127.0.0.1:\(port)/\n")
            return
        }
        let parts = request.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, parts[0] == "GET" || parts[0] == "HEAD" else {
            send(client, status: "405 Method Not Allowed", type: "text/plain", body: "only GET\n")
            return
        }
        let target = parts[1].split(separator: "?", maxSplits: 1)
        let path = target.first.map(String.init) ?? "/"
        let query = target.count > 1 ? String(target[1]) : ""
        let head = parts[0] == "HEAD"
        switch path {
        case "/", "/index.html":
            let page = state.withLock { PreviewPage.html(paper: shown.paper, errors: shown.errors, build: shown.build) }
            send(client, status: "200 OK", type: "text/html; charset=utf-8", body: page, head: head)
        case PreviewPage.eventsPath:
            let since = query.split(separator: "&").first { $0.hasPrefix("since=") }.map { String($0.dropFirst(6)) } ?? ""
            streamEvents(to: client, since: since)
        default:
            send(client, status: "404 Not Found", type: "text/plain", body: "not found: \(path) (the paper is at /)\n", head: head)
        }
    }

    /// The request line and the header lines, once the whole header has arrived; nil for a
    /// closed, slow or oversized request.
    private func readRequest(_ client: Int32) -> [String]? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < Self.maxRequestBytes {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received += buffer[..<count]
            if let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                return String(decoding: received[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            }
        }
        return nil
    }

    /// Waits for a build other than `since`, sends it as one event and ends; a comment every
    /// `keepAliveSeconds` finds out when the browser went away.
    private func streamEvents(to client: Int32, since: String) {
        let header = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n"
        guard write(client, Data(header.utf8)) else { return }
        while true {
            let build: String? = state.withLock {
                if shown.build == since { _ = state.wait(until: Date().addingTimeInterval(Self.keepAliveSeconds)) }
                return shown.build == since ? nil : shown.build
            }
            if let build {
                _ = write(client, Data("data: \(build)\n\n".utf8))
                return
            }
            guard write(client, Data(": waiting for a build\n\n".utf8)) else { return }
        }
    }

    private func send(_ client: Int32, status: String, type: String, body: String, head: Bool = false) {
        let bytes = Data(body.utf8)
        let header = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(bytes.count)\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        _ = write(client, Data(header.utf8) + (head ? Data() : bytes))
    }

    /// Writes all of `data`; false once the peer is gone (without raising SIGPIPE).
    private func write(_ client: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }
}
