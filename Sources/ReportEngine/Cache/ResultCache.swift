import Crypto
import Foundation

/// What a cache lookup found.
public enum CacheLookup: Sendable {
    case hit(Record)
    case miss
    /// An entry exists but cannot be trusted (unreadable, checksum mismatch, wrong key).
    case corrupt(String)
}

/// Stores each computation's results under its cache key, and rendered artifacts (figure files)
/// under the hash of what they were rendered from.
public protocol ResultCache: Sendable {
    /// Whether an entry is stored under `key` (a cheap look: whether it is sound, `load` tells).
    func contains(_ key: String) -> Bool
    func load(_ key: String) -> CacheLookup
    func store(_ results: Record, key: String, label: String, kind: String) throws
    /// The artifact stored under `key`, or nil if absent or damaged.
    func loadArtifact(_ key: String) -> Data?
    func storeArtifact(_ data: Data, key: String) throws
}

/// The on-disk cache: per key, a JSON entry in `.report-cache/` holding the values with their
/// numeric arrays (vectors, matrices, numeric table columns) moved into a binary side file beside
/// it; both are checksummed, so a damaged entry is detected and recomputed, never trusted.
public struct DirectoryCache: ResultCache {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    private static let format = 2

    private struct Entry: Codable {
        var format: Int
        var key: String
        var label: String
        var kind: String
        var checksum: String
        /// The results as canonical JSON text, checksummed byte for byte; arrays refer into the side file.
        var values: String
        /// SHA-256 of the binary side file, nil when the results hold no arrays.
        var sideChecksum: String?
    }

    private func url(for key: String) -> URL { directory.appendingPathComponent("\(key).json") }
    private func sideURL(for key: String) -> URL { directory.appendingPathComponent("\(key).bin") }

    public func contains(_ key: String) -> Bool { FileManager.default.fileExists(atPath: url(for: key).path) }

    public func load(_ key: String) -> CacheLookup {
        guard let data = try? Data(contentsOf: url(for: key)) else { return .miss }
        guard let entry = try? CanonicalJSON.decoder().decode(Entry.self, from: data) else { return .corrupt("unreadable entry") }
        guard entry.format == Self.format, entry.key == key else { return .corrupt("entry is for another key or format") }
        let bytes = Data(entry.values.utf8)
        guard CacheKeys.hex(bytes) == entry.checksum else { return .corrupt("checksum mismatch") }
        let decoder = CanonicalJSON.decoder()
        if let sideChecksum = entry.sideChecksum {
            guard let side = try? Data(contentsOf: sideURL(for: key)) else { return .corrupt("binary side file missing") }
            guard CacheKeys.hex(side) == sideChecksum else { return .corrupt("binary side file checksum mismatch") }
            decoder.userInfo[BinarySideData.userInfoKey] = BinarySideData([UInt8](side))
        }
        guard let value = try? decoder.decode(Value.self, from: bytes), case .record(let record) = value else {
            return .corrupt("undecodable values")
        }
        return .hit(record)
    }

    /// Artifacts are stored as a line with the SHA-256 of the bytes, then the bytes.
    public func loadArtifact(_ key: String) -> Data? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("artifacts/\(key)")),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let bytes = data[(newline + 1)...]
        guard String(decoding: data[..<newline], as: UTF8.self) == CacheKeys.hex(Data(bytes)) else { return nil }
        return Data(bytes)
    }

    public func storeArtifact(_ data: Data, key: String) throws {
        try AtomicFile.write(Data((CacheKeys.hex(data) + "\n").utf8) + data, to: directory.appendingPathComponent("artifacts/\(key)"))
    }

    /// The side file is written first, so an entry never refers to a side file not yet there.
    public func store(_ results: Record, key: String, label: String, kind: String) throws {
        let encoder = CanonicalJSON.encoder()
        let side = BinarySideData()
        encoder.userInfo[BinarySideData.userInfoKey] = side
        let values = String(decoding: try encoder.encode(Value.record(results)), as: UTF8.self)
        var sideChecksum: String?
        if !side.bytes.isEmpty {
            let bytes = Data(side.bytes)
            sideChecksum = CacheKeys.hex(bytes)
            try AtomicFile.write(bytes, to: sideURL(for: key))
        }
        let entry = Entry(
            format: Self.format, key: key, label: label, kind: kind, checksum: CacheKeys.hex(Data(values.utf8)), values: values,
            sideChecksum: sideChecksum)
        try AtomicFile.write(try CanonicalJSON.encoder().encode(entry), to: url(for: key))
    }
}

/// Writes a file by writing a temporary file beside it and renaming it into place, so a reader
/// never sees a half-written file.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
