import ChildProcess
import Foundation
import Testing
import Landscape
@testable import ReportEngine

/// `report build --shard i/n` as a researcher runs it, and the SLURM job it is the array task of.
@Suite(.serialized) struct ShardCommandLineTests {
    private let template = """
        ---
        seed: 3
        ---
        ```{bps-index #index max-charge=1}
        ```
        ```{bps-minima #census n=1 runs=300}
        expected: index.minima[1]
        ```
        {{ census.distinct }} minima.
        """

    private func report(_ arguments: [String], in directory: URL) throws -> (status: ChildProcess.Termination, stderr: String) {
        var report = ChildProcess(CommandLineTests.executable.path, arguments, directory: directory.path, timeout: 600)
        report.requiresSuccess = false
        let output = try report.run()
        return (output.termination, String(decoding: output.standardError, as: UTF8.self))
    }

    @Test func shardsFillTheCacheAndAPlainBuildMerges() throws {
        let directory = try CommandLineTests().workspace(template)
        defer { try? FileManager.default.removeItem(at: directory) }
        let second = try report(["build", "reports/p.md", "--shard", "2/2"], in: directory)
        #expect(second.status == .exited(0), "\(second.stderr)")
        #expect(second.stderr.contains("report: shard 2/2: 'census': 1 tasks computed, 0 already cached"))
        #expect(second.stderr.contains("inputs: 1 computed, 0 cached"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("build").path))
        let first = try report(["build", "reports/p.md", "--shard", "1/2"], in: directory)
        #expect(first.stderr.contains("report: shard 1/2: 'census': 2 tasks computed, 0 already cached"))
        #expect(first.stderr.contains("inputs: 0 computed, 1 cached"))
        let merged = try report(["build", "reports/p.md", "--format", "md"], in: directory)
        #expect(merged.status == .exited(0), "\(merged.stderr)")
        #expect(merged.stderr.contains("1 computed, 1 cached"))
        let paper = try String(contentsOf: directory.appendingPathComponent("build/p.md"), encoding: .utf8)
        #expect(paper == "\(HelicityTraceIndex(maxDiscriminant: 4).minimaCount(charge: 1)) minima.\n")
        let bad = try report(["build", "reports/p.md", "--shard", "3/2"], in: directory)
        #expect(bad.status == .exited(64))
        #expect(bad.stderr.contains("--shard takes i/n with 1 <= i <= n, such as 2/4; not '3/2'"))
    }

    @Test func theFrontMatterNamesTheExecutor() throws {
        let directory = try CommandLineTests().workspace("---\nexecutor: pbs\nslurm:\n  cpus: 0\n---\nText.\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let wrongExecutor = try report(["build", "reports/p.md"], in: directory)
        #expect(wrongExecutor.status == .exited(1))
        #expect(wrongExecutor.stderr.contains("reports/p.md:2:11: error: 'executor' must be local or slurm"))
        // The command line wins over the front matter; the front matter's SLURM settings are still checked.
        let wrongCPUs = try report(["build", "reports/p.md", "--executor", "local"], in: directory)
        #expect(wrongCPUs.stderr.contains("reports/p.md:4:9: error: 'cpus' must be a positive integer"))
        try "---\nexecutor: local\nslurm: {partition: debug, array-tasks: 2}\n---\nText.\n"
            .write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
        #expect(try report(["build", "reports/p.md", "--format", "md"], in: directory).status == .exited(0))
    }

    @Test func theSlurmJobRunsEachShardAndMarksItDone() {
        let job = SlurmJob(
            cacheDirectory: "/p/.report-cache", keys: ["census": "abc"], shards: 3, command: ["/bin/report", "build", "my paper.md"],
            resources: .init(partition: "short", time: "1:00:00", cpus: 2))
        #expect(job.script.contains("/bin/report build 'my paper.md' --shard ${SLURM_ARRAY_TASK_ID}/3\n"))
        #expect(job.script.contains("touch \(job.directory)/shard-\"$SLURM_ARRAY_TASK_ID\".done"))
        #expect(job.sbatchArguments(pending: [1, 3], name: "p", workingDirectory: "/p") == [
            "--wait", "--parsable", "--array=1,3", "--job-name=report-p", "--output=\(job.directory)/shard-%a.log", "--open-mode=append",
            "--chdir=/p",
            "--partition=short", "--time=1:00:00", "--cpus-per-task=2", "\(job.directory)/job.sh",
        ])
        #expect(SlurmJob.arraySpec([5, 1, 2, 3, 7, 8]) == "1-3,5,7-8")
        // Other work, or another split, gets another directory: no stale marker is ever read.
        let other = SlurmJob(cacheDirectory: "/p/.report-cache", keys: ["census": "abd"], shards: 3, command: [], resources: .init())
        let resplit = SlurmJob(cacheDirectory: "/p/.report-cache", keys: ["census": "abc"], shards: 4, command: [], resources: .init())
        #expect(Set([job.directory, other.directory, resplit.directory]).count == 3)
    }
}
