import Foundation
import Testing

/// A template built from outside its project writes where a build from the project would:
/// `build/`, `figures/` and `.report-cache/` of the project, not of the working directory.
@Suite(.serialized) struct ProjectDirectoryTests {
    let cli = CommandLineTests()
    let template = "---\nseed: 3\n---\n```{bps-index #index max-charge=2}\n```\n\n```{figure #fig-c}\nshow: index.figure\n```\nN = 2: {{ index.minima[2] }} minima.\n"

    @Test func aTemplateBuiltFromElsewhereWritesIntoItsProject() throws {
        let project = try cli.workspace(template)
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("report-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let path = project.appendingPathComponent("reports/p.md").path
        let built = try cli.run(["build", path, "--format", "md"], in: elsewhere)
        #expect(built.termination == .exited(0), "\(built.stderr)")
        #expect(built.stderr.contains("report: working in \(project.resolvingSymlinksInPath().path), the project directory of reports/p.md"), "\(built.stderr)")
        for written in ["build/p.md", "build/p.lock.json", "figures/p/fig-c.svg", ".report-cache"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(written).path), "\(written) missing")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        // verify finds the lock file the same way.
        let verified = try cli.run(["verify", path], in: elsewhere)
        #expect(verified.termination == .exited(0), "\(verified.stderr)")

        // A directory given as an option means what it means where the command was typed.
        let moved = try cli.run(["build", path, "--format", "md", "--out", "out", "--cache-dir", "cache"], in: elsewhere)
        #expect(moved.termination == .exited(0), "\(moved.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("out/p.md").path))
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("cache").path))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("out").path))

        // From inside the project nothing moves and nothing is said.
        let inside = try cli.run(["build", "reports/p.md", "--format", "md"], in: project)
        #expect(inside.termination == .exited(0), "\(inside.stderr)")
        #expect(!inside.stderr.contains("working in"))
    }
}
