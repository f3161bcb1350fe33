import ArgumentParser
import Foundation

/// `report init DIR`: a new paper project that builds at once. Its files are those of
/// `Sources/report/Scaffold/`, compiled into the tool (`EmbeddedFiles.scaffold`).
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a paper project in a new or empty directory.",
        discussion: """
            Writes reports/paper.md (a template with a data file, numbers, a figure, a table, checks, \
            cross-references, a numbered equation and citations of reports/refs.bib), a README, a .gitignore for build/ and .report-cache/, and a CI workflow \
            that builds and verifies the paper. Then: cd DIR && report build reports/paper.md
            """)

    @Argument(help: "The project directory: created when missing; it must be empty.")
    var directory: String

    mutating func run() throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                printError("report: error: '\(directory)' is a file; report init writes a new project into an empty or new directory")
                throw ExitCode.failure
            }
            let entries = (try? files.contentsOfDirectory(atPath: directory)) ?? []
            guard entries.isEmpty else {
                printError("report: error: '\(directory)' is not empty (it holds \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", ..." : "")); report init writes a new project into an empty or new directory, and overwrites nothing")
                throw ExitCode.failure
            }
        }
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            for file in EmbeddedFiles.scaffold {
                let url = root.appendingPathComponent(file.path)
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            printError("report: error: cannot write the project into '\(directory)': \(error.localizedDescription)")
            throw ExitCode.failure
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        printError("report: created \(EmbeddedFiles.scaffold.map { prefix + $0.path }.joined(separator: ", "))")
        printError("report: next: cd \(directory) && report build reports/paper.md")
    }
}
