import Foundation

/// A fresh, empty directory for one run of an external program, removed when the run ends
/// (whether it succeeded or not), so nothing a program half-wrote survives it.
public enum ScratchDirectory {
    /// Calls `body` with a new directory under the system's temporary directory, then removes it.
    public static func with<T>(_ purpose: String, _ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }
}
