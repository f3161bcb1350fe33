import ArgumentParser
import ChildProcess
import Foundation
import ReportEngine

/// `report build --executor slurm [--partition P --time T --cpus C --array-tasks N]`, or the same
/// in the front matter: `executor: slurm` and `slurm: {partition: P, time: T, cpus: C, array-tasks: N}`
/// (the command line wins).
struct ExecutorOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case local, slurm }

    @Option(help: "Where the sharded directives' tasks run: local (this process's threads; the default) or slurm (one sbatch array job of --array-tasks shards, then the merge here); else the front matter's 'executor'.")
    var executor: Kind?
    @Option(help: "SLURM partition (default: the cluster's).")
    var partition: String?
    @Option(help: "SLURM time limit of each array task, such as 1:00:00.")
    var time: String?
    @Option(help: "CPUs of each array task (its --jobs).")
    var cpus: Int?
    @Option(name: .customLong("array-tasks"), help: "Array tasks of the SLURM job (default 4): the build's sharded work is split into this many shards.")
    var arrayTasks: Int?

    func validate() throws {
        if let arrayTasks, arrayTasks < 1 { throw ValidationError("--array-tasks must be at least 1") }
        if let cpus, cpus < 1 { throw ValidationError("--cpus must be at least 1") }
    }

    /// These options, with those the command line left out taken from the front matter; a wrong
    /// front-matter value is a compiler-style error.
    func completed(from front: FrontMatter) throws -> ExecutorOptions {
        var options = self
        func fail(_ at: Located<Literal>, _ message: String) -> Error {
            report([.error(at: at.location, message)])
            return ExitCode.failure
        }
        if options.executor == nil, let entry = front.executor {
            guard let kind = entry.value.scalarText.flatMap(Kind.init(rawValue:)) else { throw fail(entry, "'executor' must be local or slurm") }
            options.executor = kind
        }
        guard let slurm = front.slurm else { return options }
        guard case .mapping(let entries) = slurm.value else {
            throw fail(slurm, "'slurm' must be a mapping of partition, time, cpus and array-tasks")
        }
        for entry in entries {
            let text = entry.value.value.scalarText
            switch entry.key {
            case "partition": options.partition = options.partition ?? text
            case "time": options.time = options.time ?? text
            case "cpus", "array-tasks":
                guard let count = text.flatMap(Int.init), count >= 1 else { throw fail(entry.value, "'\(entry.key)' must be a positive integer") }
                if entry.key == "cpus" { options.cpus = options.cpus ?? count } else { options.arrayTasks = options.arrayTasks ?? count }
            default: throw fail(entry.value, "unknown 'slurm' setting '\(entry.key)' (settings: partition, time, cpus, array-tasks)")
            }
        }
        return options
    }

    /// The command each array task runs with `--shard i/n` appended: this `report` executable
    /// building `template` with `params`, `--jobs` for `--cpus`, and the absolute cache directory
    /// (the job's `--chdir` gives each task the submit directory as its working directory).
    func arrayTaskCommand(executable: String, template: String, params: [String], cacheDirectory: URL) -> [String] {
        var command = [executable, "build", template] + params.flatMap { ["--param", $0] }
        if let cpus { command += ["--jobs", String(cpus)] }
        return command + ["--cache-dir", cacheDirectory.path]
    }
}

/// The warning for a cache directory that the array tasks on other nodes would not see, or nil.
func nodeLocalCacheWarning(_ cacheDirectory: URL) -> String? {
    nodeLocalRoot(of: cacheDirectory.path).map { root in
        "report: warning: the cache directory \(cacheDirectory.path) is under \(root), which is local to each node: array tasks that SLURM runs on other nodes would not find the job's manifest there, and their results would not come back; give a directory on a filesystem every node mounts (--cache-dir or \(CacheOptions.environmentVariable))"
    }
}

/// Runs the sharded work of `request` as SLURM array jobs whose job directories and results are
/// in `cacheDirectory`: one array job per stage (a directive that merges in stages, such as the
/// census's completion rounds, has tasks that are known only once the stage before is merged),
/// each of the shards that have tasks missing from the cache, waited for, until a plain build can
/// merge everything. Reports each failed shard with its log and the command that resubmits the
/// failed ones; returns whether every shard is done.
func runShardsOnSlurm(
    _ request: BuildRequest, template: String, params: [String], options: ExecutorOptions, cacheDirectory: URL,
    loadFile: @escaping (String) throws -> Data
) -> Bool {
    guard request.readCache else {
        printError("report: error: --no-cache cannot be used with --executor slurm: the merge reads the array tasks' results from the cache (remove \(cacheDirectory.path) to start afresh)")
        return false
    }
    if let warning = nodeLocalCacheWarning(cacheDirectory) { printError(warning) }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    let command = options.arrayTaskCommand(executable: executable, template: template, params: params, cacheDirectory: cacheDirectory)
    let shards = options.arrayTasks ?? 4
    var submitted: Set<String> = []
    while true {
        let (work, problems) = ReportBuild.pendingShardedWork(
            request, shards: shards, loadFile: loadFile, cache: DirectoryCache(directory: cacheDirectory))
        report(problems)
        guard !problems.hasErrors else { return false }
        guard !work.isEmpty else {
            if submitted.isEmpty { printError("report: slurm: nothing to submit, every sharded task is in the cache") }
            return true
        }
        let keys = work.mapValues(\.stage)
        let job = SlurmJob(
            cacheDirectory: cacheDirectory.path, keys: keys, shards: shards, command: command,
            resources: .init(partition: options.partition, time: options.time, cpus: options.cpus))
        guard !submitted.contains(job.directory) else {
            printError("report: error: the shards of the SLURM job in \(job.directory) ended, yet tasks of \(keys.keys.sorted().joined(separator: ", ")) are still missing from the cache (see the shards' logs there)")
            return false
        }
        let pending = Set(work.values.flatMap(\.shards)).sorted()
        for shard in pending { try? FileManager.default.removeItem(atPath: job.markerPath(shard)) }
        guard submit(job, pending: pending, keys: keys, name: request.name, template: template) else { return false }
        submitted.insert(job.directory)
        let failed = pending.filter { !FileManager.default.fileExists(atPath: job.markerPath($0)) }
        for shard in failed {
            printError("report: error: shard \(shard)/\(job.shards) failed; its log: \(job.logPath(shard))")
        }
        if !failed.isEmpty {
            let again = CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            printError("report: resubmit the failed shards (the others' tasks stay in the cache) with: \(again)")
            return false
        }
    }
}

/// Writes `job` and submits its `pending` shards as one array job, waiting for it to end;
/// returns whether it could be submitted.
private func submit(_ job: SlurmJob, pending: [Int], keys: [String: String], name: String, template: String) -> Bool {
    do {
        try AtomicFile.write(Data(job.script.utf8), to: URL(fileURLWithPath: job.scriptPath))
        try AtomicFile.write(job.manifest(keys: keys), to: URL(fileURLWithPath: job.manifestPath))
    } catch {
        printError("report: error: cannot write the SLURM job into \(job.directory): \(error.localizedDescription)")
        return false
    }
    printError("report: slurm: submitting shards \(SlurmJob.arraySpec(pending)) of \(job.shards) of \(template) (\(keys.keys.sorted().joined(separator: ", "))) as one array job; logs in \(job.directory)")
    var sbatch = ChildProcess("sbatch", job.sbatchArguments(pending: pending, name: name, workingDirectory: FileManager.default.currentDirectoryPath))
    sbatch.requiresSuccess = false
    do {
        let output = try sbatch.run()
        let id = String(decoding: output.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        printError("report: slurm: job \(id) ended (\(output.termination))")
        return true
    } catch {
        printError("report: error: \(error)")
        return false
    }
}
