import ArgumentParser
import Foundation
import PaperHTML
import ReportEngine

@main
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A literate report generator for loss-landscape research.",
        discussion: "Runs the directives of a Markdown template, fills every number into the prose and writes the papers.",
        subcommands: [Init.self, Build.self, Watch.self, Verify.self, Directives.self, Clean.self])

    static func main() {
        PinnedNumerics.apply()
        Interruption.install()
        main(nil)
    }
}

/// Options shared by `build` and `verify`.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Directory for the papers and the lock file (default: build).")
    var out: String?

    /// `--out`, else `build`.
    var outDirectory: String { out ?? "build" }

    @Option(name: .long, help: "Directory for the figure files (one folder per report); default: figures, or <out>/figures for a build with --param, so that a variant never overwrites the default paper's committed figures unless this option asks it to.")
    var figures: String?

    /// The figure directory of a build with `overrides`: `--figures` when given; else `figures`, or
    /// for a `--param` variant `<out>/figures`.
    func figuresDirectory(overrides: [(String, String)]) -> String {
        figures ?? (overrides.isEmpty ? "figures" : outDirectory + "/figures")
    }

    @Option(name: .long, help: "Threads shared by all computations and the parallel loops inside them.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Mustache page template of the HTML paper (default: the front matter's 'template', else templates/paper.mustache if there is one, else the built-in page; its stylesheet: the .css file beside it, else templates/paper.css, else the built-in one).")
    var template: String?

    @Flag(name: .customLong("allow-exec"), help: "Run the commands the template's exec directives name (a paper is often someone else's: read its scripts first).")
    var allowExec = false
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the papers of a template.")

    @Argument(help: "The template, such as reports/bps.md.")
    var template: String

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a front-matter parameter.", valueName: "name=value"))
    var params: [String] = []

    @Flag(name: .customLong("no-cache"), help: "Recompute every directive (results are stored again).")
    var noCache = false

    @Option(name: .long, help: "Comma-separated output formats: html, md, pdf, tex (default: the front matter's formats, else html,md).")
    var format: String?

    @OptionGroup var sharding: ShardOptions

    @OptionGroup var executor: ExecutorOptions

    @OptionGroup var cache: CacheOptions

    mutating func run() throws {
        if let origin = try ProjectDirectory.enter(template: &template) {
            output.anchor(at: origin)
            cache.anchor(at: origin)
        }
        let cacheDirectory = cache.directory()
        var request = try loadRequest(template, output: output)
        request.overrides = try parseOverrides(params)
        request.figuresDirectory = output.figuresDirectory(overrides: request.overrides)
        noteVariantFigures(request, output: output)
        request.readCache = !noCache
        if let shard = try sharding.shard() {
            guard buildShard(request, shard: shard, cacheDirectory: cacheDirectory, loadFile: dataLoader(for: template)) else {
                throw ExitCode.failure
            }
            return
        }
        let front = TemplateParser.frontMatter(of: request.source, file: template)
        let formats = try format.map(parseFormats) ?? front.formats ?? [.html, .md]
        let executor = try executor.completed(from: front)
        if executor.executor == .slurm {
            guard runShardsOnSlurm(
                request, template: template, params: params, options: executor, cacheDirectory: cacheDirectory,
                loadFile: dataLoader(for: template))
            else { throw ExitCode.failure }
        }
        request.formats = formats
        if formats.contains(.html) || formats.contains(.pdf) { request.page = try loadPage(pageTemplatePath(for: request, option: output.template)) }
        guard buildPapers(request, cacheDirectory: cacheDirectory, loadFile: dataLoader(for: template)) != nil else { throw ExitCode.failure }
    }

    private func parseFormats(_ text: String) throws -> [OutputFormat] {
        try text.split(separator: ",").map { name in
            guard let format = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown format '\(name)' (formats: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return format
        }
    }
}

struct Directives: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the directives and their parameters and results.")

    @Argument(help: "Show one directive only.")
    var name: String?

    @Option(name: .long, help: "text (for the terminal) or md (the manual's reference, a template report builds).")
    var format: ReferenceFormat = .text

    mutating func run() throws {
        var schemas = DirectiveRegistry.standard.schemas
        if let name {
            schemas = schemas.filter { $0.name == name }
            guard !schemas.isEmpty else {
                throw ValidationError("unknown directive '\(name)' (directives: \(DirectiveRegistry.standard.schemas.map(\.name).joined(separator: ", ")))")
            }
        }
        switch format {
        case .text: print(schemas.map(SchemaText.describe).joined(separator: "\n"))
        case .md: print(SchemaText.reference(schemas), terminator: "")
        }
    }
}

enum ReferenceFormat: String, ExpressibleByArgument {
    case text, md
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove the cache and the build directory (figures stay).")

    @Option(name: .long, help: "The build directory to remove.")
    var out = "build"

    @OptionGroup var cache: CacheOptions

    mutating func run() throws {
        let cacheDirectory = cache.directory()
        let foreign = foreignEntries(in: cacheDirectory)
        guard foreign.isEmpty else {
            printError("report: error: \(cacheDirectory.path) is not only a report cache (it holds \(foreign.prefix(3).joined(separator: ", "))\(foreign.count > 3 ? ", ..." : "")); nothing removed")
            throw ExitCode.failure
        }
        for path in [cacheDirectory.path, out] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
            printError("report: removed \(path)")
        }
    }
}

// MARK: - Edges: files, terminal

func loadRequest(_ template: String, output: OutputOptions) throws -> BuildRequest {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: template))
    } catch {
        printError("report: error: cannot read template '\(template)': \(error.localizedDescription)")
        throw ExitCode.failure
    }
    if let invalid = firstInvalidUTF8(in: data) {
        printError("\(template): error: not valid UTF-8 at byte \(invalid.byte) (line \(invalid.line)); save the template as UTF-8")
        throw ExitCode.failure
    }
    let source = String(decoding: data, as: UTF8.self)
    var request = BuildRequest(source: source, templatePath: template)
    request.outDirectory = output.outDirectory
    request.figuresDirectory = output.figuresDirectory(overrides: [])
    request.jobs = max(1, output.jobs)
    request.allowExec = output.allowExec
    return request
}

/// `--param name=value` items as (name, value) pairs.
func parseOverrides(_ items: [String]) throws -> [(String, String)] {
    try items.map { item -> (String, String) in
        guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
            let hint = item.contains("=") ? "" : " (give '\(item)' a value: --param \(item)=VALUE)"
            throw ValidationError("--param takes name=value, not '\(item)'\(hint)")
        }
        return (String(item[..<equals]), String(item[item.index(after: equals)...]))
    }
}

/// Builds `request` through the cache in `cacheDirectory` with progress on stderr and reports its
/// diagnostics; when it succeeded, writes its files, says what it wrote and returns the product. A
/// failed build writes nothing, keeps the last good outputs byte for byte, says so, and returns nil.
func buildPapers(_ request: BuildRequest, cacheDirectory: URL, loadFile: @escaping (String) throws -> Data) -> BuildProduct? {
    let started = Date()
    let progress = ProgressDisplay()
    var product = ReportBuild.run(
        request, loadFile: loadFile, cache: DirectoryCache(directory: cacheDirectory), observer: progress.observer)
    progress.stop()
    Interruption.yieldIfUnderWay()
    report(product.diagnostics)
    guard product.succeeded else {
        keepLastGoodOutputs(request)
        return nil
    }
    do {
        if request.formats.contains(.pdf), let html = product.html {
            product.outputs.append(OutputFile(path: "\(request.outDirectory)/\(request.name).pdf", contents: try PrintedPaper.pdf(of: html)))
        }
        if request.formats.contains(.tex), let latex = product.latex {
            product.outputs += try ArxivSource.outputs(of: latex, request)
        }
    } catch {
        printError("report: error: cannot write the \(request.formats.contains(.tex) ? "PDF or LaTeX" : "PDF") paper: \(error)")
        keepLastGoodOutputs(request)
        return nil
    }
    do {
        if request.formats.contains(.tex) { try? FileManager.default.removeItem(atPath: ReportBuild.arxivDirectory(request)) }
        for file in product.outputs {
            try AtomicFile.write(file.contents, to: URL(fileURLWithPath: file.path))
        }
        try removeFiguresNotIn(product.outputs, directory: ReportBuild.figureDirectory(request))
    } catch {
        printError("report: error: \(error.localizedDescription)")
        return nil
    }
    let seconds = Date().timeIntervalSince(started)
    let arxiv = ReportBuild.arxivDirectory(request) + "/"
    let written = product.outputs.filter {
        !$0.path.hasSuffix(".lock.json") && !$0.path.hasPrefix(request.figuresDirectory + "/") && !$0.path.hasPrefix(arxiv)
    }
    let counts = [counted(product.document?.filled.count ?? 0, "value"), counted(product.document?.checks.count ?? 0, "check"),
                  counted(product.document?.figures.count ?? 0, "figure")].joined(separator: ", ")
    printError(String(
        format: "report: wrote %@ (%@; %d computed, %d cached) in %.2f s",
        written.map(\.path).joined(separator: ", "), counts, product.log.computed.count, product.log.cached.count, seconds))
    return product
}

/// "1 figure", "9 figures".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// The first byte of `data` that is not part of valid UTF-8 (counted from 1, as `cmp` does) and
/// its line, or nil when all of it is valid.
func firstInvalidUTF8(in data: Data) -> (byte: Int, line: Int)? {
    var parser = Unicode.UTF8.ForwardParser()
    var bytes = data.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &bytes) {
        case .valid(let scalar): offset += scalar.count
        case .emptyInput: return nil
        case .error:
            let line = 1 + data.prefix(offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            return (offset + 1, line)
        }
    }
}

/// The page template: `--template`, else the front matter's `template` (relative to the template
/// file, inside its project), else the working directory's `templates/paper.mustache`, else nil:
/// the built-in page.
func pageTemplatePath(for request: BuildRequest, option: String?) throws -> String? {
    if let option { return option }
    let front = TemplateParser.frontMatter(of: request.source, file: request.templatePath)
    if let named = front.template {
        do {
            return try ProjectFiles(template: request.templatePath).locate(named.value)
        } catch var refusal {
            refusal.location = named.location
            report([refusal])
            throw ExitCode.failure
        }
    }
    return FileManager.default.fileExists(atPath: projectPage) ? projectPage : nil
}

/// A project's own page template and stylesheet, relative to the working directory.
let projectPage = "templates/paper.mustache", projectStylesheet = "templates/paper.css"

/// The stylesheets the page template at `templatePath` (nil: the built-in one) may take, in order:
/// the .css file beside it, then the project's; the first that exists is taken, else the built-in one.
func stylesheetCandidates(_ templatePath: String?) -> [String] {
    let beside = templatePath.map { URL(fileURLWithPath: $0).deletingPathExtension().appendingPathExtension("css").path }
    return [beside, projectStylesheet].compactMap { $0 }
}

/// The HTML page template (nil: the built-in one), its stylesheet (the .css file beside it, else the
/// project's, else the built-in one) and KaTeX (when installed; without it, math stays TeX).
func loadPage(_ templatePath: String?) throws -> PaperAssets {
    func read(_ path: String, _ what: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("report: error: cannot read the \(what) '\(path)'")
            throw ExitCode.failure
        }
        return text
    }
    let cssPath = stylesheetCandidates(templatePath).first { FileManager.default.fileExists(atPath: $0) }
    let template = try templatePath.map { try read($0, "page template") } ?? EmbeddedFiles.pageTemplate
    let stylesheet = try cssPath.map { try read($0, "stylesheet") } ?? EmbeddedFiles.stylesheet
    let math = try? MathAssets.load()
    if math == nil {
        printError("report: warning: KaTeX not found in \(MathAssets.debianDirectory) (apt-get install libjs-katex); equations in the HTML paper stay TeX")
    }
    return PaperAssets(template: template, stylesheet: stylesheet, math: math)
}

/// Reads data files named by directives, relative to the template's directory and inside its
/// project (`ProjectFiles`).
func dataLoader(for template: String) -> (String) throws -> Data {
    ProjectFiles(template: template).read
}

/// Prints `diagnostics` in reading order: by file (in the order the files first appear), line and
/// column; those with no location last, each group as the stages reported it.
func report(_ diagnostics: [Diagnostic]) {
    var files: [String: Int] = [:]
    for file in diagnostics.compactMap(\.location?.file) where files[file] == nil { files[file] = files.count }
    let ordered = diagnostics.enumerated().sorted { a, b in
        func key(_ d: (offset: Int, element: Diagnostic)) -> [Int] {
            guard let at = d.element.location else { return [Int.max, 0, 0, d.offset] }
            return [files[at.file]!, at.line, at.column, d.offset]
        }
        return key(a).lexicographicallyPrecedes(key(b))
    }
    for (_, diagnostic) in ordered { printError(diagnostic.description) }
    let errors = diagnostics.filter { $0.severity == .error }.count
    if errors > 0 { printError("report: \(errors) error\(errors == 1 ? "" : "s"); nothing written") }
}

/// Says where a `--param` variant's figures go when they are not the committed ones.
func noteVariantFigures(_ request: BuildRequest, output: OutputOptions) {
    guard !request.overrides.isEmpty, output.figures == nil else { return }
    printError("report: a --param build writes its figures to \(ReportBuild.figureDirectory(request))/, leaving figures/\(request.name)/ to the default paper (--figures figures writes there)")
}

/// Says which outputs of the last good build a failed build left in place: they are stale against
/// the source, which `report verify` and `report watch` say too.
func keepLastGoodOutputs(_ request: BuildRequest) {
    let kept = ReportBuild.outputPaths(request).filter { FileManager.default.fileExists(atPath: $0) }
    guard !kept.isEmpty else { return }
    printError("report: kept \(kept.joined(separator: ", ")) from the last good build, unchanged; they are stale against \(request.templatePath) until a build succeeds")
}

/// The template's figure folder holds exactly the figures of its last build: files of figures that
/// were removed or renamed are deleted, so the committed figures never include stale ones.
func removeFiguresNotIn(_ outputs: [OutputFile], directory: String) throws {
    let kept = Set(outputs.map(\.path))
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names.sorted() where !kept.contains(directory + "/" + name) && !name.hasPrefix(".") {
        try FileManager.default.removeItem(atPath: directory + "/" + name)
        printError("report: removed \(directory)/\(name) (no longer in the paper)")
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    PrintedLines.record(text)
}
