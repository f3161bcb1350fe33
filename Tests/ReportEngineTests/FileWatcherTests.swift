import Foundation
import Testing
@testable import report

/// The polling watcher behind `report watch`: a change is a change of contents (or of existence),
/// whatever the modification time says.
@Suite struct FileWatcherTests {
    /// The files `watcher` reports after `edit`, or nil when it reports none within a minute.
    private func change(_ watcher: inout FileWatcher, after edit: () throws -> Void) throws -> [String]? {
        let box = WatcherBox(watcher)
        let done = DispatchSemaphore(value: 0)
        try edit()
        DispatchQueue.global().async {
            box.changed = box.watcher.waitForChange()
            done.signal()
        }
        guard done.wait(timeout: .now() + 60) == .success else { return nil }
        watcher = box.watcher
        return box.changed
    }

    private final class WatcherBox: @unchecked Sendable {
        var watcher: FileWatcher
        var changed: [String] = []
        init(_ watcher: FileWatcher) { self.watcher = watcher }
    }

    @Test func reportsChangedContentsNotTouches() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.csv").path, b = directory.appendingPathComponent("b.csv").path
        let c = directory.appendingPathComponent("c.csv").path
        try "x\n1\n".write(toFile: a, atomically: true, encoding: .utf8)
        try "y\n2\n".write(toFile: b, atomically: true, encoding: .utf8)
        var watcher = FileWatcher(interval: 0.05)
        watcher.watch([a, b, c])
        #expect(watcher.paths == [a, b, c])

        // Touching a (and saving it unchanged) is no change; editing b is.
        let touched = try change(&watcher) {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: a)
            try "x\n1\n".write(toFile: a, atomically: true, encoding: .utf8)
            try "y\n3\n".write(toFile: b, atomically: false, encoding: .utf8)
        }
        #expect(touched == [b])
        // A file saved by writing a new one and renaming it over the old, and a file created.
        #expect(try change(&watcher) { try "x\n9\n".write(toFile: a, atomically: true, encoding: .utf8) } == [a])
        #expect(try change(&watcher) { try "z\n".write(toFile: c, atomically: true, encoding: .utf8) } == [c])
        #expect(try change(&watcher) { try FileManager.default.removeItem(atPath: b) } == [b])

        // Files no longer watched are forgotten; those still watched keep what was seen of them.
        watcher.watch([a])
        #expect(watcher.paths == [a])
        #expect(try change(&watcher) {
            try "z\n2\n".write(toFile: c, atomically: true, encoding: .utf8)
            try "x\n10\n".write(toFile: a, atomically: true, encoding: .utf8)
        } == [a])
    }
}
