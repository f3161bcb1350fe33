import ArgumentParser
import Foundation
import Testing
@testable import report
@testable import ReportEngine

/// `--cache-dir` and `REPORT_CACHE_DIR`: where the cache is, and what a SLURM build tells its
/// array tasks about it.
@Suite(.serialized) struct CacheDirectoryTests {
    @Test func theOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() throws {
        func directory(_ arguments: [String], _ environment: [String: String]) throws -> String {
            try CacheOptions.parse(arguments).directory(environment: environment, workingDirectory: "/p/q").path
        }
        let environment = ["REPORT_CACHE_DIR": "/shared/cache"]
        #expect(try directory([], [:]) == "/p/q/.report-cache")
        #expect(try directory([], ["REPORT_CACHE_DIR": ""]) == "/p/q/.report-cache")
        #expect(try directory([], environment) == "/shared/cache")
        #expect(try directory([], ["REPORT_CACHE_DIR": "../c"]) == "/p/c")
        #expect(try directory(["--cache-dir", "/lustre/me/cache/"], environment) == "/lustre/me/cache")
        #expect(try directory(["--cache-dir", "c/./d/../e"], environment) == "/p/q/c/e")
        #expect(throws: (any Error).self) { try CacheOptions.parse(["--cache-dir", ""]) }
    }

    @Test func onlyANodeLocalCacheDirectoryIsWarnedAbout() {
        for (path, root) in [("/tmp", "/tmp"), ("/tmp/x/.report-cache", "/tmp"), ("/var/tmp/c", "/var/tmp"), ("/dev/shm/c", "/dev/shm")] {
            let warning = nodeLocalCacheWarning(URL(fileURLWithPath: path))
            #expect(warning?.contains("the cache directory \(path) is under \(root), which is local to each node") == true)
        }
        for path in ["/tmpfs/c", "/home/me/tmp/c", "/work/project/.report-cache", "/var/cache"] {
            #expect(nodeLocalCacheWarning(URL(fileURLWithPath: path)) == nil)
        }
    }

    @Test func everyArrayTaskIsGivenTheAbsoluteCacheDirectory() throws {
        let options = try ExecutorOptions.parse(["--executor", "slurm", "--cpus", "2"])
        let cache = try CacheOptions.parse(["--cache-dir", "../cache"]).directory(environment: [:], workingDirectory: "/home/me/paper")
        let command = options.arrayTaskCommand(executable: "/opt/report", template: "reports/bps.md", params: ["big_n=5"], cacheDirectory: cache)
        #expect(command == ["/opt/report", "build", "reports/bps.md", "--param", "big_n=5", "--jobs", "2", "--cache-dir", "/home/me/cache"])
        let job = SlurmJob(cacheDirectory: cache.path, keys: ["census": "abc"], shards: 2, command: command, resources: .init(cpus: 2))
        #expect(job.directory.hasPrefix("/home/me/cache/slurm/"))
        #expect(job.script.contains("--cache-dir /home/me/cache --shard ${SLURM_ARRAY_TASK_ID}/2\n"))
        #expect(job.sbatchArguments(pending: [1, 2], name: "bps", workingDirectory: "/home/me/paper").contains("--chdir=/home/me/paper"))
    }

    private let template = "---\nseed: 3\n---\n```{bps-index #index max-charge=2}\n```\nN = 2: {{ index.minima[2] }} minima.\n"

    @Test func buildAndCleanUseTheNamedCacheDirectory() throws {
        let cli = CommandLineTests()
        let directory = try cli.workspace(template)
        defer { try? FileManager.default.removeItem(at: directory) }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path) }
        let environment = ["REPORT_CACHE_DIR": "env-cache"]
        let first = try cli.run(["build", "reports/p.md", "--format", "md"], in: directory, environment: environment)
        #expect(first.termination == .exited(0), "\(first.stderr)")
        #expect(first.stderr.contains("1 computed, 0 cached"))
        #expect(exists("env-cache") && !exists(".report-cache"))
        let again = try cli.run(["build", "reports/p.md", "--format", "md"], in: directory, environment: environment)
        #expect(again.stderr.contains("0 computed, 1 cached"))
        let option = try cli.run(["build", "reports/p.md", "--format", "md", "--cache-dir", "option-cache"], in: directory, environment: environment)
        #expect(option.stderr.contains("1 computed, 0 cached"))
        #expect(exists("option-cache"))

        // The workspace is in the temporary directory, /tmp unless TMPDIR says otherwise: a SLURM
        // build with its cache there warns and goes on (nothing to submit: no sharded directive).
        let slurm = try cli.run(["build", "reports/p.md", "--format", "md", "--executor", "slurm"], in: directory)
        #expect(slurm.termination == .exited(0), "\(slurm.stderr)")
        let cache = directory.appendingPathComponent(".report-cache").standardizedFileURL.path
        let warned = slurm.stderr.contains("report: warning: the cache directory \(cache) is under")
        #expect(warned == (nodeLocalRoot(of: cache) != nil))
        #expect(slurm.stderr.contains("report: slurm: nothing to submit"))

        let clean = try cli.run(["clean"], in: directory, environment: environment)
        #expect(clean.termination == .exited(0), "\(clean.stderr)")
        #expect(!exists("env-cache") && !exists("build") && exists("option-cache") && exists(".report-cache"))
        // Pointed at a directory that is not only a cache, clean removes nothing.
        let refused = try cli.run(["clean", "--cache-dir", "."], in: directory)
        #expect(refused.termination == .exited(1))
        #expect(refused.stderr.contains("is not only a report cache (it holds .report-cache, option-cache, reports, ...); nothing removed"))
        #expect(exists("reports/p.md") && exists("templates"))
    }
}
