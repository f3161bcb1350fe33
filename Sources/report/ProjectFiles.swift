import Foundation
import ReportEngine

/// The files a template may read: those inside its project directory, which is the nearest
/// directory holding `.git` among the template's directory and its ancestors, else the template's
/// own directory. A paper is often someone else's, so building it must not put files from
/// elsewhere on the machine into a page: a path that leaves the project, by `..` or through a
/// symbolic link, is refused before (and after) the file system is asked about it.
struct ProjectFiles {
    /// The project directory and the template's directory, symbolic links resolved.
    let root: String
    let templateDirectory: String

    init(template: String) {
        let directory = URL(fileURLWithPath: template).deletingLastPathComponent().standardizedFileURL.path
        templateDirectory = Self.realPath(directory) ?? directory
        var candidate = URL(fileURLWithPath: templateDirectory)
        while !FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path), candidate.path != "/" {
            candidate.deleteLastPathComponent()
        }
        root = candidate.path == "/" ? templateDirectory : candidate.path
    }

    /// The file `path` names relative to the template, or a `Diagnostic` without a location (the
    /// caller places it at the path) when it is outside the project.
    func locate(_ path: String) throws(Diagnostic) -> String {
        let lexical = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: templateDirectory, isDirectory: true))
            .standardizedFileURL.path
        guard contains(lexical) else { throw refusal(path, "is outside the project directory '\(root)'") }
        if let resolved = Self.realPath(lexical), !contains(resolved) {
            throw refusal(path, "leads through a symbolic link to '\(resolved)', outside the project directory '\(root)'")
        }
        return lexical
    }

    /// The contents of the file `path` names (see `locate`); a file that does not exist is a
    /// `Diagnostic` naming the closest file of its directory.
    func read(_ path: String) throws -> Data {
        let located = try locate(path)
        guard FileManager.default.fileExists(atPath: located) else {
            let directory = (path as NSString).deletingLastPathComponent
            let siblings = (try? FileManager.default.contentsOfDirectory(atPath: (located as NSString).deletingLastPathComponent)) ?? []
            let candidates = siblings.filter { !$0.hasPrefix(".") }.map { directory.isEmpty ? $0 : directory + "/" + $0 }
            throw Diagnostic.error(at: nil, "no file '\(path)' relative to the template\(suggestion(for: path, among: candidates))")
        }
        return try Data(contentsOf: URL(fileURLWithPath: located))
    }

    private func contains(_ path: String) -> Bool { path == root || path.hasPrefix(root == "/" ? "/" : root + "/") }

    private func refusal(_ path: String, _ reason: String) -> Diagnostic {
        .error(at: nil, "'\(path)' \(reason); a template reads only files of its project (the nearest directory holding .git, else the template's own directory)")
    }

    /// `path` with every symbolic link and `..` resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
