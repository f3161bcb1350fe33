import ArgumentParser
import Foundation
import ReportEngine

/// `report build --shard i/n`.
struct ShardOptions: ParsableArguments {
    @Option(name: .customLong("shard"), help: ArgumentHelp(
        "Compute only shard i of n of the sharded directives' tasks (and what they read) into the cache, and write no papers; a plain build afterwards merges them.",
        valueName: "i/n"))
    var text: String?

    /// The shard asked for, or nil for a whole build.
    func shard() throws -> Shard? {
        guard let text else { return nil }
        guard let shard = Shard(text) else { throw ValidationError("--shard takes i/n with 1 <= i <= n, such as 2/4; not '\(text)'") }
        return shard
    }
}

/// Builds one shard of `request` into the cache in `cacheDirectory` with progress on stderr,
/// reports its diagnostics and what it computed; returns whether it succeeded.
func buildShard(_ request: BuildRequest, shard: Shard, cacheDirectory: URL, loadFile: @escaping (String) throws -> Data) -> Bool {
    let started = Date()
    let progress = ProgressDisplay()
    let product = ReportBuild.runShard(
        request, shard: shard, loadFile: loadFile, cache: DirectoryCache(directory: cacheDirectory), observer: progress.observer)
    progress.stop()
    Interruption.yieldIfUnderWay()
    report(product.diagnostics)
    guard product.succeeded else { return false }
    let log = product.log
    for label in log.unmerged {
        let counts = log.tasks[label] ?? TaskCounts()
        printError("report: shard \(shard): '\(label)': \(counts.computed) tasks computed, \(counts.cached) already cached")
    }
    let inputs = log.computed
    printError(String(
        format: "report: shard %@ of %@ done in %.2f s (%d sharded directives; inputs: %d computed, %d cached); no papers written: a plain 'report build' merges",
        shard.description, request.templatePath, Date().timeIntervalSince(started), log.unmerged.count, inputs.count, log.cached.count))
    return true
}
