import ArgumentParser
import Foundation

/// Where a command that builds a template works. From inside the project the working directory is
/// kept; when the template lies outside it (`cd elsewhere && report build /path/reports/paper.md`)
/// the command moves into the template's project directory (`ProjectFiles.root`: the nearest
/// directory holding `.git`, else the template's own), so that `build/`, `figures/`,
/// `.report-cache/` and `templates/` are the project's, as they are when it is built from there.
/// Directories given as options, or in `REPORT_CACHE_DIR`, keep meaning what they meant where the
/// command was typed (`Origin`).
enum ProjectDirectory {
    /// The directory a command was typed in, for anchoring the relative paths it was given.
    struct Origin {
        let directory: String

        /// `path` as an absolute path, relative paths taken from `directory`.
        func callAsFunction(_ path: String?) -> String? {
            path.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path }
        }
    }

    /// Moves into the project of `template` when the working directory does not hold the template,
    /// rewrites `template` relative to it, says so on stderr, and returns where the command was
    /// typed; nil when it stays.
    static func enter(template: inout String) throws -> Origin? {
        let manager = FileManager.default
        let here = ProjectFiles.realPath(manager.currentDirectoryPath) ?? manager.currentDirectoryPath
        let origin = Origin(directory: here)
        let absolute = origin(template)!
        let located = ProjectFiles.realPath(absolute) ?? absolute
        guard !located.hasPrefix(here == "/" ? "/" : here + "/") else { return nil }
        let root = ProjectFiles(template: located).root
        guard manager.changeCurrentDirectoryPath(root) else {
            throw ValidationError("cannot enter the template's project directory '\(root)'")
        }
        template = String(located.dropFirst(root == "/" ? 1 : root.count + 1))
        printError("report: working in \(root), the project directory of \(template)")
        return origin
    }
}

extension OutputOptions {
    /// The directories given as options, anchored where the command was typed.
    mutating func anchor(at origin: ProjectDirectory.Origin) {
        out = origin(out)
        figures = origin(figures)
        template = origin(template)
    }
}

extension CacheOptions {
    /// The cache directory given as an option or in the environment, anchored where the command was typed.
    mutating func anchor(at origin: ProjectDirectory.Origin, environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = origin(named(environment: environment))
    }
}
