import Foundation

/// One SLURM array job that runs a build's shards: array task i runs `report build ... --shard i/n`
/// and, when it succeeds, leaves a marker file, so a re-run submits only the shards without one.
/// Its directory, in the (shared) cache directory, is named by the keys of the sharded
/// computations' stages it computes and the shard count: another stage, paper, parameters or
/// code get another job directory, and stale markers are never read.
public struct SlurmJob: Sendable, Equatable {
    /// What `sbatch` is asked for; nil leaves the cluster's default.
    public struct Resources: Sendable, Equatable {
        public var partition: String?
        public var time: String?
        public var cpus: Int?
        public init(partition: String? = nil, time: String? = nil, cpus: Int? = nil) {
            self.partition = partition; self.time = time; self.cpus = cpus
        }
    }

    /// The job's directory: manifest, script, one log and one marker per shard.
    public let directory: String
    public let shards: Int
    /// The build command without `--shard`: the `report` executable, `build`, the template, options.
    public let command: [String]
    public let resources: Resources

    /// - Parameter keys: the keys of the stages whose tasks are missing (of a directive that does
    ///   not merge in stages, its cache key), by the sharded computations' labels.
    public init(cacheDirectory: String, keys: [String: String], shards: Int, command: [String], resources: Resources) {
        let id = CacheKeys.hex(Data((keys.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + ["shards=\(shards)"])
            .joined(separator: "\n").utf8))
        directory = cacheDirectory + "/slurm/" + id.prefix(16)
        self.shards = shards
        self.command = command
        self.resources = resources
    }

    public func logPath(_ shard: Int) -> String { "\(directory)/shard-\(shard).log" }
    public func markerPath(_ shard: Int) -> String { "\(directory)/shard-\(shard).done" }
    public var scriptPath: String { "\(directory)/job.sh" }
    public var manifestPath: String { "\(directory)/manifest.json" }

    /// The batch script: its shard's build, then the shard's marker.
    public var script: String {
        let build = (command + ["--shard", "${SLURM_ARRAY_TASK_ID}/\(shards)"]).map(Self.quoted).joined(separator: " ")
        return """
            #!/bin/sh
            # Written by report: shard $SLURM_ARRAY_TASK_ID of \(shards) of a sharded build (see manifest.json).
            set -e
            \(build)
            touch \(Self.quoted(directory))/shard-"$SLURM_ARRAY_TASK_ID".done

            """
    }

    /// The manifest: the command, the shard count and the sharded computations by label and key.
    public func manifest(keys: [String: String]) -> Data {
        let fields: [(String, Value)] = [
            ("command", .list(command.map(Value.text))), ("shards", .int(shards)),
            ("computations", .record(Record(keys.sorted { $0.key < $1.key }.map { ($0.key, Value.text($0.value)) }))),
        ]
        return (try? CanonicalJSON.encoder().encode(Value.record(Record(fields)))) ?? Data()
    }

    /// The arguments of `sbatch` that submit `pending` shards (numbered from 1) and wait for them;
    /// each shard's log keeps the output of its earlier attempts.
    public func sbatchArguments(pending: [Int], name: String, workingDirectory: String) -> [String] {
        var arguments = [
            "--wait", "--parsable", "--array=\(Self.arraySpec(pending))", "--job-name=report-\(name)",
            "--output=\(directory)/shard-%a.log", "--open-mode=append", "--chdir=\(workingDirectory)",
        ]
        if let partition = resources.partition { arguments.append("--partition=\(partition)") }
        if let time = resources.time { arguments.append("--time=\(time)") }
        if let cpus = resources.cpus { arguments.append("--cpus-per-task=\(cpus)") }
        return arguments + [scriptPath]
    }

    /// `1-3,5,7-8` for [1, 2, 3, 5, 7, 8].
    public static func arraySpec(_ indices: [Int]) -> String {
        var ranges: [ClosedRange<Int>] = []
        for index in indices.sorted() {
            if let last = ranges.last, last.upperBound + 1 == index {
                ranges[ranges.count - 1] = last.lowerBound...index
            } else {
                ranges.append(index...index)
            }
        }
        return ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
    }

    /// A word for `sh`: quoted unless plain; `${...}` is left for the shell to expand.
    static func quoted(_ word: String) -> String {
        if word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0) }) || word.hasPrefix("${") { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
