import ArgumentParser
import Foundation

/// `--cache-dir DIR`, else the environment's `REPORT_CACHE_DIR`, else `.report-cache`; a relative
/// directory is taken relative to the working directory. Not a front-matter key: where the cache
/// lives is a property of the machine or cluster, not of the paper.
struct CacheOptions: ParsableArguments {
    static let environmentVariable = "REPORT_CACHE_DIR"
    static let defaultDirectory = ".report-cache"

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp(
        "Directory of the result cache (default: $REPORT_CACHE_DIR, else .report-cache), relative to the working directory unless absolute. With --executor slurm, every node must see it.",
        valueName: "dir"))
    var path: String?

    func validate() throws {
        if path?.isEmpty == true { throw ValidationError("--cache-dir must name a directory") }
    }

    /// The directory the option names, else the environment variable (when set and not empty).
    func named(environment: [String: String]) -> String? {
        path ?? environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The cache directory as an absolute, standardized path: the option, else the environment
    /// variable (when set and not empty), else the default.
    func directory(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> URL {
        let directory = named(environment: environment) ?? Self.defaultDirectory
        return URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
            .absoluteURL.standardizedFileURL
    }
}

/// Directories that are local to each node of a cluster, even where the home and project
/// directories are shared.
let nodeLocalDirectories = ["/tmp", "/var/tmp", "/dev/shm"]

/// The node-local directory (`nodeLocalDirectories`) that the absolute `path` lies in, or nil.
func nodeLocalRoot(of path: String) -> String? {
    nodeLocalDirectories.first { path == $0 || path.hasPrefix($0 + "/") }
}

/// The entries of the cache directory `directory` that `report` does not write there (its
/// entries, their binary side files, artifacts, SLURM jobs and temporary files), so that
/// `report clean` never removes a directory it was wrongly pointed at.
func foreignEntries(in directory: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { name in
        !(["artifacts", "slurm"].contains(name) || name.hasSuffix(".json") || name.hasSuffix(".bin")
            || (name.hasPrefix(".") && name.hasSuffix(".tmp")))
    }.sorted()
}
