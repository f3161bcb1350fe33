import Foundation

/// Waits for saves to a set of files by polling: a file whose size, modification time or inode
/// moved is read again, and it has changed only if its contents differ from those last seen (so
/// touching a file, or saving it unchanged, rebuilds nothing). A save is taken once every watched
/// file has held still for one more poll, so an editor's write-then-rename, or several files
/// saved together, start one rebuild.
struct FileWatcher {
    /// What a poll sees of a file; a missing file is its own state, so deleting and creating a
    /// file are changes too.
    struct Status: Equatable {
        var exists = false
        var size: Int64 = 0
        var modified = 0 as Int64
        var inode: UInt64 = 0

        init(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return }
            exists = true
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            inode = UInt64(info.st_ino)
        }
    }

    /// A file as last seen: its status and a fingerprint of its contents (nil when unreadable).
    private struct Seen {
        var status: Status
        var contents: Int?

        init(_ path: String) {
            status = Status(path)
            contents = FileWatcher.fingerprint(path)
        }
    }

    private var seen: [String: Seen] = [:]
    let interval: Double

    init(interval: Double = 0.2) {
        self.interval = interval
    }

    /// The files watched, sorted.
    var paths: [String] { seen.keys.sorted() }

    /// Watches exactly `paths`: files already watched keep what was last seen of them (so a save
    /// made during a build is still noticed after it), new ones are seen now.
    mutating func watch(_ paths: Set<String>) {
        seen = seen.filter { paths.contains($0.key) }
        for path in paths where seen[path] == nil { seen[path] = Seen(path) }
    }

    /// Blocks until some watched files' contents changed and every file held still for a poll;
    /// returns the changed files, sorted, and from then on compares with their new contents.
    mutating func waitForChange() -> [String] {
        while true {
            Thread.sleep(forTimeInterval: interval)
            var statuses = currentStatuses()
            guard statuses.contains(where: { $0.value != seen[$0.key]?.status }) else { continue }
            while true {
                Thread.sleep(forTimeInterval: interval / 2)
                let again = currentStatuses()
                if again == statuses { break }
                statuses = again
            }
            var changed: [String] = []
            for (path, status) in statuses where status != seen[path]?.status {
                let now = Seen(path)
                if now.contents != seen[path]?.contents || now.status.exists != seen[path]?.status.exists {
                    changed.append(path)
                }
                seen[path] = now
            }
            if !changed.isEmpty { return changed.sorted() }
        }
    }

    private func currentStatuses() -> [String: Status] {
        Dictionary(uniqueKeysWithValues: seen.keys.map { ($0, Status($0)) })
    }

    /// A hash of the file's bytes, stable within this process; nil when it cannot be read.
    private static func fingerprint(_ path: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
