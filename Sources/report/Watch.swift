import ArgumentParser
import Foundation
import ReportEngine

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a template on every save and serve its HTML paper on localhost, reloading the browser.",
        discussion: """
            Watches the template, the files its directives read (data files, exec scripts and inputs) and the \
            page template; each save rebuilds through the cache, so only the directives whose inputs changed \
            recompute. The papers are written as 'report build' writes them. The page at http://127.0.0.1:PORT/ \
            reloads itself after every build; when a build fails, its errors show in the terminal and above \
            the last good paper. Ctrl-C stops.
            """)

    @Argument(help: "The template, such as reports/bps.md.")
    var template: String

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a front-matter parameter.", valueName: "name=value"))
    var params: [String] = []

    @Option(name: .long, help: "Port on 127.0.0.1 to serve the paper on (0: any free port).")
    var port = 8000

    @OptionGroup var cache: CacheOptions

    mutating func run() throws {
        if let origin = try ProjectDirectory.enter(template: &template) {
            output.anchor(at: origin)
            cache.anchor(at: origin)
        }
        let overrides = try parseOverrides(params)
        let server: PreviewServer
        do {
            server = try PreviewServer(port: port)
        } catch {
            printError("report: error: \(error)")
            throw ExitCode.failure
        }
        printError("report: serving the paper of \(template) on http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
        var watcher = FileWatcher()
        var pageFiles: [String] = []
        var read: Set<String> = []
        watcher.watch(Set([template]))
        while true {
            let attempt = build(overrides: overrides)
            server.publish(paper: attempt.paper, kept: attempt.kept, errors: attempt.paper == nil ? attempt.printed : [])
            if let files = attempt.pageFiles { pageFiles = files }
            // A failed build may stop before reading all its files: keep watching those read before.
            read = attempt.paper == nil ? read.union(attempt.read) : attempt.read
            watcher.watch(read.union([template] + pageFiles))
            let changed = watcher.waitForChange()
            printError("\nreport: \(changed.map(Self.shown).joined(separator: ", ")) changed; building again")
        }
    }

    /// One build: the HTML paper when it succeeded, the lines it printed (for the page when it
    /// failed), the files its directives read, and the page template's files when it got that far.
    private struct Attempt {
        var paper: String?
        var printed: [String]
        var read: Set<String>
        var pageFiles: [String]?
        /// When the build failed: the last good HTML paper a build left in the output directory.
        var kept: String?
    }

    private func build(overrides: [(String, String)]) -> Attempt {
        let project = ProjectFiles(template: template)
        let read = ReadFiles()
        var pageFiles: [String]?
        var keptPaper: String?
        let (paper, printed) = PrintedLines.collect { () -> String? in
            guard var request = try? loadRequest(template, output: output) else { return nil }
            request.overrides = overrides
            request.figuresDirectory = output.figuresDirectory(overrides: overrides)
            // nil is the built-in page, so a failure is told apart from it (try? would flatten the two).
            guard case .success(let pagePath) = Result(catching: { try pageTemplatePath(for: request, option: output.template) }) else { return nil }
            pageFiles = Self.pageFiles(pagePath)
            guard let page = try? loadPage(pagePath) else { return nil }
            request.page = page
            let product = buildPapers(request, cacheDirectory: cache.directory()) { path in
                if let file = try? project.locate(path) { read.insert(file) }
                return try project.read(path)
            }
            let html = "\(request.outDirectory)/\(request.name).html"
            keptPaper = FileManager.default.contents(atPath: html).map { String(decoding: $0, as: UTF8.self) }
            return product?.outputs.first { $0.path == html }.map { String(decoding: $0.contents, as: UTF8.self) }
        }
        return Attempt(paper: paper, printed: printed, read: read.paths, pageFiles: pageFiles, kept: paper == nil ? keptPaper : nil)
    }

    /// The page template (the project's, where the built-in one is used until it exists) and the
    /// stylesheets `loadPage` may take.
    private static func pageFiles(_ pagePath: String?) -> [String] {
        [pagePath ?? projectPage] + stylesheetCandidates(pagePath)
    }

    /// `path` relative to the working directory when it is inside it.
    private static func shown(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}

/// The files a build's directives asked for (from any thread).
private final class ReadFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: Set<String> = []

    func insert(_ path: String) {
        lock.withLock { _ = files.insert(path) }
    }

    var paths: Set<String> { lock.withLock { files } }
}

/// The lines `printError` prints while `collect` runs, so that `report watch` can show a failed
/// build's messages on the page exactly as the terminal shows them.
enum PrintedLines {
    private final class Sink: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String]?
    }

    private static let sink = Sink()

    static func record(_ line: String) {
        sink.lock.withLock { sink.lines?.append(line) }
    }

    static func collect<T>(_ body: () -> T) -> (T, [String]) {
        sink.lock.withLock { sink.lines = [] }
        let value = body()
        let lines = sink.lock.withLock {
            defer { sink.lines = nil }
            return sink.lines ?? []
        }
        return (value, lines)
    }
}
