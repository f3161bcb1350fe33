import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A page of a browser started with `--remote-debugging-port`, driven over the DevTools protocol:
/// a WebSocket client just large enough for it (the opening handshake, masked text frames out,
/// unmasked frames in) and `Runtime.evaluate`.
final class DevToolsPage {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Int32
    private var received: [UInt8] = []
    private var lastID = 0

    /// Attaches to the first page target of the browser whose DevTools listen on `port`.
    init(port: Int) throws {
        let listing = try Self.httpGet("/json/list", port: port)
        guard let targets = try JSONSerialization.jsonObject(with: listing) as? [[String: Any]],
              let page = targets.first(where: { $0["type"] as? String == "page" }),
              let address = page["webSocketDebuggerUrl"] as? String, let url = URL(string: address)
        else { throw Failure(description: "no page target in \(String(decoding: listing, as: UTF8.self))") }
        socket = try Self.connect(port: port)
        try send(Data("""
            GET \(url.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
            Sec-WebSocket-Key: \(Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString())\r\n\
            Sec-WebSocket-Version: 13\r\n\r\n
            """.utf8))
        let header = try readUntil(Array("\r\n\r\n".utf8))
        guard header.hasPrefix("HTTP/1.1 101") else { throw Failure(description: "WebSocket handshake refused: \(header)") }
    }

    deinit { close(socket) }

    /// The value of `expression` in the page, or nil while it cannot be evaluated (as when the
    /// page is reloading) or threw.
    func evaluate(_ expression: String) throws -> Any? {
        lastID += 1
        let id = lastID
        let command: [String: Any] = ["id": id, "method": "Runtime.evaluate", "params": ["expression": expression, "returnByValue": true]]
        try sendFrame(try JSONSerialization.data(withJSONObject: command))
        while true {
            guard let message = try JSONSerialization.jsonObject(with: try readFrame()) as? [String: Any],
                  message["id"] as? Int == id else { continue }
            guard let outer = message["result"] as? [String: Any], outer["exceptionDetails"] == nil,
                  let result = outer["result"] as? [String: Any] else { return nil }
            return result["value"]
        }
    }

    // MARK: - WebSocket frames (RFC 6455)

    private func sendFrame(_ payload: Data) throws {
        var frame: [UInt8] = [0x81]
        switch payload.count {
        case ..<126: frame.append(0x80 | UInt8(payload.count))
        case ..<65_536: frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: frame += [0x80 | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try send(Data(frame))
    }

    /// The payload of the next text message, its fragments joined; control frames are skipped.
    private func readFrame() throws -> Data {
        var message: [UInt8] = []
        while true {
            let head = try read(2)
            var length = Int(head[1] & 0x7F)
            if length == 126 { length = try read(2).reduce(0) { $0 << 8 | Int($1) } }
            if length == 127 { length = try read(8).reduce(0) { $0 << 8 | Int($1) } }
            let mask = head[1] & 0x80 != 0 ? try read(4) : []
            var payload = try read(length)
            if !mask.isEmpty { payload = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] } }
            switch head[0] & 0x0F {
            case 0x8: throw Failure(description: "the browser closed the DevTools connection")
            case 0x9, 0xA: continue
            default: message += payload
            }
            if head[0] & 0x80 != 0 { return Data(message) }
        }
    }

    // MARK: - Bytes on the socket

    private func read(_ count: Int) throws -> [UInt8] {
        while received.count < count { try receive() }
        defer { received.removeFirst(count) }
        return Array(received[..<count])
    }

    /// The text up to and including `end`.
    private func readUntil(_ end: [UInt8]) throws -> String {
        while true {
            if let range = received.firstRange(of: end) {
                defer { received.removeFirst(range.upperBound) }
                return String(decoding: received[..<range.upperBound], as: UTF8.self)
            }
            try receive()
        }
    }

    private func receive() throws {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { throw Failure(description: "the DevTools connection ended") }
        received += buffer[..<count]
    }

    private func send(_ data: Data) throws {
        try Self.send(data, to: socket)
    }

    private static func send(_ data: Data, to socket: Int32) throws {
        let sent = data.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == data.count else { throw Failure(description: "cannot write to the DevTools connection") }
    }

    /// A TCP connection to 127.0.0.1:`port`, with a 60 s receive timeout.
    private static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard socket >= 0, connected == 0 else {
            close(socket)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
        return socket
    }

    /// The body of `GET path` from 127.0.0.1:`port` (its `Content-Length` bytes), asked for as
    /// from `host` (default: 127.0.0.1:`port`).
    static func httpGet(_ path: String, port: Int, host: String? = nil) throws -> Data {
        let socket = try connect(port: port)
        defer { close(socket) }
        try send(Data("GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n\r\n".utf8), to: socket)
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let headerEnd = response.firstRange(of: Array("\r\n\r\n".utf8)) {
                let header = String(decoding: response[..<headerEnd.lowerBound], as: UTF8.self).lowercased()
                let length = header.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                if let length, response.count - headerEnd.upperBound >= length {
                    return Data(response[headerEnd.upperBound..<headerEnd.upperBound + length])
                }
            }
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { throw Failure(description: "no complete HTTP answer from 127.0.0.1:\(port)\(path)") }
            response += buffer[..<count]
        }
    }
}
