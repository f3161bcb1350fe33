import ChildProcess
import Foundation
import Testing

/// `report init` and the installed tool's defaults, run as a researcher would: in a directory
/// outside this repository, with no page template of its own.
extension CommandLineTests {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fresh directory under the system's temporary directory (outside the repository).
    private func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func initWritesAProjectThatBuildsAndVerifiesAnywhere() throws {
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let project = scratch.appendingPathComponent("papers/first")
        let created = try run(["init", "papers/first"], in: scratch)
        #expect(created.termination == .exited(0), "\(created.stderr)")
        for file in ["reports/paper.md", "reports/data/descents.csv", "reports/refs.bib", "README.md", ".gitignore", ".github/workflows/paper.yml"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(file).path), "no \(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("templates").path))
        let ignored = try String(contentsOf: project.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored.split(separator: "\n") == ["build/", ".report-cache/"])

        let built = try run(["build", "reports/paper.md"], in: project)
        #expect(built.termination == .exited(0), "\(built.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("build/paper.html"), encoding: .utf8)
        // The numbers filled in, against the data file read here: its rows and their mean steps.
        let rows = try String(contentsOf: project.appendingPathComponent("reports/data/descents.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let meanSteps = rows.map { Double($0[1])! }.reduce(0, +) / Double(rows.count)
        #expect(html.contains("The \(rows.count) descents stopped"))
        #expect(html.contains("\(String(format: "%.0f", meanSteps)) steps on average"))
        #expect(html.contains("id=\"fig-loss\""))
        // A citation formatted by citeproc, its reference list, a numbered equation.
        #expect(html.contains(##"Twelve gradient descents [<a href="#ref-cauchy1847">1</a>,<a href="#ref-nocedal2006">2</a>, ch.\##u{A0}3]"##))
        #expect(html.contains(#"<a id="ref-cauchy1847"></a>[1] A.-L. Cauchy"#))
        #expect(html.contains(#"\tag{1}"#) && html.contains(##"<a href="#eq-mean">Eq. (1)</a>"##))
        #expect(html.contains("data:image/svg+xml;base64,"))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("figures/paper/fig-loss.svg").path))
        // Its front matter asks for the PDF too (printed by Chromium, where the tests have it).
        if HeadlessChromium.installed != nil {
            #expect(try Data(contentsOf: project.appendingPathComponent("build/paper.pdf")).starts(with: Array("%PDF-".utf8)))
        }
        // The built-in page is this repository's templates/, compiled in.
        let stylesheet = try String(contentsOf: repository.appendingPathComponent("templates/paper.css"), encoding: .utf8)
        #expect(html.contains(stylesheet))

        let verified = try run(["verify", "reports/paper.md"], in: project)
        #expect(verified.termination == .exited(0), "\(verified.stderr)")
        #expect(verified.stderr.contains("verified"))

        // A project's own templates/ overrides the built-in page.
        try FileManager.default.createDirectory(at: project.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "<html><body data-page=\"own\"><style>{{{stylesheet}}}</style>{{{body}}}</body></html>"
            .write(to: project.appendingPathComponent("templates/paper.mustache"), atomically: true, encoding: .utf8)
        try "p { color: teal }".write(to: project.appendingPathComponent("templates/paper.css"), atomically: true, encoding: .utf8)
        #expect(try run(["build", "reports/paper.md"], in: project).termination == .exited(0))
        let own = try String(contentsOf: project.appendingPathComponent("build/paper.html"), encoding: .utf8)
        #expect(own.hasPrefix("<html><body data-page=\"own\"><style>p { color: teal }</style>"))
    }

    @Test func initRefusesADirectoryThatIsNotEmpty() throws {
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try "mine\n".write(to: scratch.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try run(["init", "."], in: scratch)
        #expect(refused.termination == .exited(1))
        #expect(refused.stderr.contains("report: error: '.' is not empty (it holds notes.txt)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["notes.txt"])
        let file = try run(["init", "notes.txt"], in: scratch)
        #expect(file.termination == .exited(1))
        #expect(file.stderr.contains("report: error: 'notes.txt' is a file"))
        // An empty directory is fine.
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("empty"), withIntermediateDirectories: false)
        #expect(try run(["init", "empty"], in: scratch).termination == .exited(0))
    }

    @Test func execRunsOnlyWithAllowExec() throws {
        let directory = try workspace("---\nseed: 1\n---\nIntro.\n\n```{exec #x}\nrun: [sh, -c, 'echo \"{\\\"n\\\": 7}\" > results.json']\n```\n\n{{ x.n }}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let refusal = "reports/p.md:6:4: error: this paper runs commands (exec); rebuild with --allow-exec if you trust it"
        let refused = try run(["build", "reports/p.md"], in: directory)
        #expect(refused.termination == .exited(1))
        #expect(refused.stderr.contains(refusal))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("build/p.md").path))
        let built = try run(["build", "reports/p.md", "--allow-exec"], in: directory)
        #expect(built.termination == .exited(0), "\(built.stderr)")
        #expect(try String(contentsOf: directory.appendingPathComponent("build/p.md"), encoding: .utf8) == "Intro.\n\n7\n")
        let unverified = try run(["verify", "reports/p.md"], in: directory)
        #expect(unverified.termination == .exited(1))
        #expect(unverified.stderr.contains(refusal))
        #expect(try run(["verify", "reports/p.md", "--allow-exec"], in: directory).termination == .exited(0))
    }
}
