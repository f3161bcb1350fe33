import ChildProcess
import Foundation
import Testing

/// Runs the built `report` executable as a researcher would: exit codes, messages on stderr,
/// nothing half-written or stale after a failed build.
@Suite(.serialized) struct CommandLineTests {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("report")
    }

    struct Run {
        var termination: ChildProcess.Termination
        var stderr: String
        var stdout: String
    }

    func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Run {
        var report = ChildProcess(Self.executable.path, arguments, directory: directory.path, environment: environment, timeout: 600)
        report.requiresSuccess = false
        let output = try report.run()
        return Run(termination: output.termination, stderr: String(decoding: output.standardError, as: UTF8.self),
                   stdout: String(decoding: output.standardOutput, as: UTF8.self))
    }

    /// A project directory holding `reports/p.md` and a copy of this project's page templates.
    func workspace(_ template: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(at: root.appendingPathComponent("templates"), to: directory.appendingPathComponent("templates"))
        try template.write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
        return directory
    }

    private let good = "---\nseed: 3\n---\n```{bps-index #index max-charge=2}\n```\nN = 2: {{ index.minima[2] }} minima.\n"

    @Test func buildWritesPaperLockAndCacheThenVerifies() throws {
        guard FileManager.default.fileExists(atPath: Self.executable.path) else {
            Issue.record("report executable not built at \(Self.executable.path)")
            return
        }
        let directory = try workspace(good)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try run(["build", "reports/p.md"], in: directory)
        #expect(first.termination == .exited(0), "\(first.stderr)")
        let paper = try String(contentsOf: directory.appendingPathComponent("build/p.md"), encoding: .utf8)
        #expect(paper == "N = 2: 56 minima.\n")
        let html = try String(contentsOf: directory.appendingPathComponent("build/p.html"), encoding: .utf8)
        #expect(html.contains("<p>N = 2: 56 minima.</p>"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("build/p.lock.json").path))
        let second = try run(["build", "reports/p.md"], in: directory)
        #expect(second.stderr.contains("(1 value, 0 checks, 0 figures; 0 computed, 1 cached)"), "counts agree with their nouns: \(second.stderr)")
        let verify = try run(["verify", "reports/p.md"], in: directory)
        #expect(verify.termination == .exited(0), "\(verify.stderr)")
        #expect(verify.stderr.contains("verified 1 value, 0 table cells in 0 tables, 0 checks and 0 figures"))

        // A lock whose number differs from the recomputed one fails verification.
        let lockURL = directory.appendingPathComponent("build/p.lock.json")
        let lock = try String(contentsOf: lockURL, encoding: .utf8)
        try lock.replacingOccurrences(of: "\"text\" : \"56\"", with: "\"text\" : \"55\"")
            .replacingOccurrences(of: "\"int\" : \"56\"", with: "\"int\" : \"55\"")
            .write(to: lockURL, atomically: true, encoding: .utf8)
        let moved = try run(["verify", "reports/p.md"], in: directory)
        #expect(moved.termination == .exited(1))
        #expect(moved.stderr.contains("reports/p.md:6:8: error: 'index.minima[2]' moved: locked 55, rebuilt 56"))
    }

    /// A broken edit after a good build: every error is reported, nothing is written, the last good
    /// outputs stay byte for byte and are said to be stale, by the build and by `report verify`.
    @Test func failedBuildReportsEveryErrorAndKeepsTheLastGoodOutputs() throws {
        let directory = try workspace(good)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try run(["build", "reports/p.md", "--format", "html,md"], in: directory).termination == .exited(0))
        let outputs = ["build/p.md", "build/p.html", "build/p.lock.json"]
        let before = try outputs.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        let broken = "```{bps-indx #index}\n```\nN = 2: {{ index.minima[2] }} and {{ x.y\n"
        try broken.write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
        let failed = try run(["build", "reports/p.md"], in: directory)
        #expect(failed.termination == .exited(1))
        #expect(failed.stderr.contains("reports/p.md:1:4: error: unknown directive 'bps-indx' (did you mean 'bps-index'?)"))
        #expect(failed.stderr.contains("reports/p.md:3:34: error: unterminated '{{'"))
        #expect(failed.stderr.contains("report: kept build/p.md, build/p.html, build/p.lock.json from the last good build, unchanged; they are stale against reports/p.md"))
        #expect(try outputs.map { try Data(contentsOf: directory.appendingPathComponent($0)) } == before)

        // An edit that builds but changes the template: verify compares, and says the lock is stale.
        try good.replacingOccurrences(of: "minima.", with: "minima here.")
            .write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
        let verify = try run(["verify", "reports/p.md"], in: directory)
        #expect(verify.termination == .exited(0), "\(verify.stderr)")
        #expect(verify.stderr.contains("build/p.lock.json and the papers of the same build are stale against the source: reports/p.md changed"))
        try good.write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
        #expect(!(try run(["verify", "reports/p.md"], in: directory)).stderr.contains("stale"))
    }

    /// A `--param` variant leaves the default paper's figures alone unless `--figures` asks.
    @Test func aParamVariantKeepsTheCommittedFigures() throws {
        let source = "---\nseed: 3\nparams:\n  n: 2\n---\n```{bps-index #index max-charge=3}\n```\n```{figure #fig-c}\nshow: index.figure\n```\n{{ index.minima[params.n] }}\n"
        let directory = try workspace(source)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try run(["build", "reports/p.md", "--format", "md"], in: directory).termination == .exited(0))
        let committed = directory.appendingPathComponent("figures/p/fig-c.svg")
        let before = try Data(contentsOf: committed)
        let variant = try run(["build", "reports/p.md", "--format", "md", "--param", "n=3"], in: directory)
        #expect(variant.termination == .exited(0), "\(variant.stderr)")
        #expect(variant.stderr.contains("a --param build writes its figures to build/figures/p/"))
        #expect(try Data(contentsOf: committed) == before)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("build/figures/p/fig-c.svg").path))
        #expect(try String(contentsOf: directory.appendingPathComponent("build/p.md"), encoding: .utf8).contains("](figures/p/fig-c.png)"))
        let asked = try run(["build", "reports/p.md", "--format", "md", "--param", "n=3", "--figures", "figures"], in: directory)
        #expect(asked.termination == .exited(0))
        #expect(!asked.stderr.contains("a --param build"))
    }

    @Test func frontMatterNamesThePageTemplate() throws {
        let directory = try workspace("---\ntitle: T\ntemplate: page.mustache\n---\nBody.\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "<html><body data-page=\"custom\">{{title}} {{{body}}}</body></html>"
            .write(to: directory.appendingPathComponent("reports/page.mustache"), atomically: true, encoding: .utf8)
        let result = try run(["build", "reports/p.md"], in: directory)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let html = try String(contentsOf: directory.appendingPathComponent("build/p.html"), encoding: .utf8)
        #expect(html.contains("<body data-page=\"custom\">T <p>Body.</p>"))
    }

    @Test func wrongParamTypeAndDirectivesListing() throws {
        let directory = try workspace("---\nparams:\n  n: 2\n---\n{{ params.n }}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let wrong = try run(["build", "reports/p.md", "--param", "n=two"], in: directory)
        #expect(wrong.termination == .exited(1))
        #expect(wrong.stderr.contains("--param n=two: 'n' is an integer"))
        let bare = try run(["build", "reports/p.md", "--param", "n"], in: directory)
        #expect(bare.termination != .exited(0))
        #expect(bare.stderr.contains("--param takes name=value, not 'n' (give 'n' a value: --param n=VALUE)"), "\(bare.stderr)")
        let listing = try run(["directives", "bps-index"], in: directory)
        #expect(listing.termination == .exited(0))
        #expect(listing.stdout.contains("max-charge: integer in 1...400 = 5"))
    }

    @Test func aMissingFileNamesTheClosestFileOfItsDirectory() throws {
        let directory = try workspace("```{data #d file=data/cots.csv}\n```\n{{ d.table[0].a }}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("reports/data"), withIntermediateDirectories: true)
        try "a,b\n1,2\n".write(to: directory.appendingPathComponent("reports/data/cost.csv"), atomically: true, encoding: .utf8)
        let missing = try run(["build", "reports/p.md"], in: directory)
        #expect(missing.termination == .exited(1))
        #expect(missing.stderr.contains("reports/p.md:1:18: error: no file 'data/cots.csv' relative to the template (did you mean 'data/cost.csv'?)"), "\(missing.stderr)")
    }

    /// A template reads only the files of its project (the nearest directory holding .git, else the
    /// template's own directory): absolute paths, `..` escapes and symbolic links that lead out are
    /// refused at the path, with nothing written.
    @Test func filesStayInsideTheProject() throws {
        let directory = try workspace("")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = FileManager.default
        try files.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try files.createDirectory(at: directory.appendingPathComponent("reports/data"), withIntermediateDirectories: true)
        try "loss\n0.5\n".write(to: directory.appendingPathComponent("reports/data/x.csv"), atomically: true, encoding: .utf8)
        try "loss\n0.5\n0.25\n".write(to: directory.appendingPathComponent("outside.csv"), atomically: true, encoding: .utf8)
        let secret = directory.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).csv")
        try "secret\n1\n".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? files.removeItem(at: secret) }
        try files.createSymbolicLink(at: directory.appendingPathComponent("reports/data/link.csv"), withDestinationURL: secret)

        func build(_ path: String) throws -> Run {
            try "```{data #obs}\nfile: \(path)\n```\nRows: {{ len(obs.table) }}.\n"
                .write(to: directory.appendingPathComponent("reports/p.md"), atomically: true, encoding: .utf8)
            return try run(["build", "reports/p.md", "--format", "md"], in: directory)
        }
        for (path, rows) in [("data/x.csv", 1), ("../outside.csv", 2)] {
            let result = try build(path)
            #expect(result.termination == .exited(0), "\(path): \(result.stderr)")
            #expect(try String(contentsOf: directory.appendingPathComponent("build/p.md"), encoding: .utf8) == "Rows: \(rows).\n")
        }
        for (path, message) in [
            ("/etc/passwd", "'/etc/passwd' is an absolute path; name a file relative to the template, inside its project"),
            ("../../../../etc/passwd", "'../../../../etc/passwd' is outside the project directory"),
            ("data/link.csv", "'data/link.csv' leads through a symbolic link to"),
        ] {
            let refused = try build(path)
            #expect(refused.termination == .exited(1))
            #expect(refused.stderr.contains("reports/p.md:2:7: error: \(message)"), "\(refused.stderr)")
            // Nothing is written: the last good paper stays as it was.
            #expect(try String(contentsOf: directory.appendingPathComponent("build/p.md"), encoding: .utf8) == "Rows: 2.\n")
        }
        // Without .git, the project is the template's own directory.
        try files.removeItem(at: directory.appendingPathComponent(".git"))
        let escaped = try build("../outside.csv")
        #expect(escaped.termination == .exited(1))
        #expect(escaped.stderr.contains("reports/p.md:2:7: error: '../outside.csv' is outside the project directory"), "\(escaped.stderr)")
    }

    @Test func frontMatterPageTemplateStaysInsideTheProject() throws {
        let directory = try workspace("---\ntitle: T\ntemplate: ../../../../etc/passwd\n---\nBody.\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(["build", "reports/p.md"], in: directory)
        #expect(result.termination == .exited(1))
        #expect(result.stderr.contains("reports/p.md:3:11: error: '../../../../etc/passwd' is outside the project directory"), "\(result.stderr)")
    }

    @Test func bibliographyAndStyleStayInsideTheProject() throws {
        for (key, path, column) in [("bibliography", "../../../../etc/passwd", 15), ("csl", "../../../../etc/x.csl", 6)] {
            let front = key == "csl" ? "bibliography: refs.bib\ncsl: \(path)\n" : "bibliography: \(path)\n"
            let directory = try workspace("---\ntitle: T\n\(front)---\nAs [@x] found.\n")
            defer { try? FileManager.default.removeItem(at: directory) }
            try "@misc{x, title = {X}}\n".write(to: directory.appendingPathComponent("reports/refs.bib"), atomically: true, encoding: .utf8)
            let result = try run(["build", "reports/p.md"], in: directory)
            let line = key == "csl" ? 4 : 3
            #expect(result.termination == .exited(1))
            #expect(result.stderr.contains("reports/p.md:\(line):\(column): error: '\(path)' is outside the project directory"), "\(result.stderr)")
        }
    }

    @Test func templateThatIsNotUTF8IsLocatedByByteAndLine() throws {
        let directory = try workspace("")
        defer { try? FileManager.default.removeItem(at: directory) }
        // "é" is two bytes, so the stray 0xFF is byte 16.
        try (Data("Café\nline two ".utf8) + [0xFF, 0x0A]).write(to: directory.appendingPathComponent("reports/p.md"))
        let result = try run(["build", "reports/p.md"], in: directory)
        #expect(result.termination == .exited(1))
        #expect(result.stderr == "reports/p.md: error: not valid UTF-8 at byte 16 (line 2); save the template as UTF-8\n")
    }

    /// Interrupted while phc runs, the command line first ends phc (in a process group of its own,
    /// out of reach of a terminal's Ctrl-C), then exits as shells expect: 130 after SIGINT, 143
    /// after SIGTERM.
    @Test(.enabled(if: ChildProcess.find("phc") != nil, "PHCpack's phc is not installed (apt-get install phcpack)"),
          arguments: [(SIGINT, 130), (SIGTERM, 143)] as [(Int32, Int32)])
    func interruptionEndsRunningToolsThenExits(signal: Int32, status: Int32) throws {
        let directory = try workspace("```{bps-solve #solve n=2 timeout=3600}\n```\n{{ solve.distinct }}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let scratch = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var report = ChildProcess(Self.executable.path, ["build", "reports/p.md"], directory: directory.path,
                                  environment: ["TMPDIR": scratch.path], timeout: 120)
        report.requiresSuccess = false
        var phc: ProcessEntry?
        let output = try report.run(progressEvery: 0.1) { _ in
            guard phc == nil else { return }
            phc = ProcessEntry.all().first { $0.workingDirectory?.hasPrefix(scratch.path) == true }
            if let phc { kill(phc.parent, signal) }
        }
        #expect(output.termination == .exited(status), "\(output.standardError)")
        let ended = try #require(phc, "phc never started")
        #expect(ProcessEntry.all().allSatisfy { $0.pid != ended.pid || $0.state == "Z" })
    }

    /// A process as /proc shows it.
    private struct ProcessEntry {
        var pid: pid_t
        var parent: pid_t
        var state: String
        var workingDirectory: String?

        static func all() -> [ProcessEntry] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return names.compactMap(pid_t.init).compactMap { pid in
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                      let name = stat.lastIndex(of: ")") else { return nil }
                let fields = stat[stat.index(after: name)...].split(separator: " ")
                guard fields.count > 1, let parent = pid_t(fields[1]) else { return nil }
                return ProcessEntry(pid: pid, parent: parent, state: String(fields[0]),
                                    workingDirectory: try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"))
            }
        }
    }
}
