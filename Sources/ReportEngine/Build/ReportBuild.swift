import Foundation
import Figures
import PaperHTML

/// The output formats of a build. The PDF paper is the HTML paper printed, and `tex` the arXiv
/// source made by Pandoc's LaTeX writer: the caller runs those programs, from `BuildProduct.html`
/// and `BuildProduct.latex`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case md, html, pdf, tex
}

/// What the arXiv source is made from: the paper as Pandoc Markdown, the figure files it includes
/// (`figures/<label>.pdf`, or a program's own PNG) and the title block.
public struct LaTeXSource: Sendable {
    public var markdown: String
    public var figures: [OutputFile]
    public var metadata: PaperMetadata
}

/// Everything a build needs besides the file system: the template text and the options.
public struct BuildRequest: Sendable {
    public var source: String
    /// The template's path as given on the command line; messages and output names use it.
    public var templatePath: String
    public var overrides: [(String, String)] = []
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    public var readCache: Bool = true
    public var outDirectory: String = "build"
    public var figuresDirectory: String = "figures"
    public var formats: [OutputFormat] = [.html, .md]
    /// The files each drawn figure is rendered to (SVG for the HTML paper, PNG for the Markdown
    /// paper, PDF for print and LaTeX); `report verify`, which writes no paper, renders SVG only.
    public var figureFormats: [FigureFormat] = FigureFormat.allCases
    /// The page template, stylesheet and math assets of the HTML paper (read by the caller).
    public var page: PaperAssets?
    /// The directives the template may use.
    public var registry: DirectiveRegistry = .standard
    /// Whether the template's `exec` directives may run their commands; without it each is an error
    /// (see `ReportBuild.execRefusals`).
    public var allowExec = false
    /// The date `date: today` prints: `SOURCE_DATE_EPOCH` (seconds since 1970) when it is set, so
    /// that a rebuild writes the same bytes, else the time of the build.
    public var buildDate = BuildRequest.sourceDate(ProcessInfo.processInfo.environment) ?? Date()

    public init(source: String, templatePath: String) {
        self.source = source
        self.templatePath = templatePath
    }

    /// `SOURCE_DATE_EPOCH` in `environment` (whole seconds since 1970, the reproducible-builds
    /// convention) as a date, or nil when it is unset or not an integer; each caller chooses its
    /// own fallback (the printed date: now; the PDF's pinned dates: 1970).
    public static func sourceDate(_ environment: [String: String]) -> Date? {
        environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// This request as `report verify` runs it against `lock`: with the lock's parameters, from
    /// scratch (no cache read), the Markdown paper only, each figure drawn once (SVG).
    public func verifying(_ lock: LockFile) -> BuildRequest {
        var request = self
        request.overrides = lock.overrides
        request.readCache = false
        request.formats = [.md]
        request.figureFormats = [.svg]
        return request
    }

    /// The report's name: the template's file name without extension (`bps` for reports/bps.md).
    public var name: String {
        let file = (templatePath as NSString).lastPathComponent
        return (file as NSString).deletingPathExtension
    }
}

/// A file a build produces, by path relative to the working directory.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}

/// What a build produced: the files to write (only when it succeeded), the lock, the log and
/// every diagnostic.
public struct BuildProduct: Sendable {
    public var outputs: [OutputFile] = []
    public var lock: LockFile?
    public var document: Document?
    /// The HTML paper, when the formats asked for it or for the PDF paper printed from it.
    public var html: Data?
    /// The source of the LaTeX paper, when the formats asked for it.
    public var latex: LaTeXSource?
    public var log = ExecutionLog()
    public var diagnostics: [Diagnostic] = []

    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// The whole pipeline, parse → plan → execute → render, as one function from a request to the
/// files to write. Reading data files and the cache are passed in; nothing here writes a file.
public enum ReportBuild {
    public static func run(
        _ request: BuildRequest, loadFile: @escaping (String) throws -> Data,
        cache: ResultCache?, observer: ExecutionObserver = .silent
    ) -> BuildProduct {
        var product = BuildProduct()
        let plan = ReportBuild.plan(request, loadFile: loadFile, diagnostics: &product.diagnostics)
        guard let plan else { return product }

        let (results, log, runProblems) = Executor.run(
            plan, cache: cache, options: .init(jobs: request.jobs, readCache: request.readCache), registry: request.registry,
            observer: observer)
        product.log = log
        product.diagnostics += runProblems

        let figureDirectory = figureDirectory(request)
        let linkBase = relativePath(from: request.outDirectory, to: figureDirectory)
        let (document, renderProblems) = MarkdownWriter.render(plan, results: results, registry: request.registry) { file in
            linkBase + "/" + file
        }
        product.diagnostics += renderProblems.foldingConsequences(of: runProblems)
        product.document = document
        guard !product.diagnostics.hasErrors else { return product }

        // Figures: SVG for the HTML paper, PNG for the Markdown paper, PDF for print; an image a
        // program wrote is its one file, linked and embedded as it is.
        let drawn = FigureFiles.render(
            document.figures, formats: request.figureFormats, jobs: request.jobs, cache: request.readCache ? cache : nil)
        var images: [String: ImageAsset] = [:]
        var latexFigures: [Int: OutputFile] = [:]
        for (figure, rendered) in zip(document.figures, drawn) {
            switch rendered {
            case .success(let rendered):
                for file in rendered.files {
                    product.outputs.append(OutputFile(path: "\(figureDirectory)/\(figure.stem).\(file.format)", contents: file.bytes))
                }
                images[linkBase + "/" + figure.linkedFile] = rendered.embedded
                if request.formats.contains(.tex) {
                    // pdflatex includes PDF and PNG, not SVG.
                    if let file = rendered.files.first(where: { $0.format == "pdf" }) ?? rendered.files.first(where: { $0.format == "png" }) {
                        latexFigures[figure.number] = OutputFile(path: "figures/\(figure.stem).\(file.format)", contents: file.bytes)
                    } else {
                        product.diagnostics.append(.error(
                            at: figure.location, "figure '\(figure.stem)' is an SVG image, which LaTeX cannot include: have the program write PNG for the LaTeX paper"))
                    }
                }
            case .failure(let error):
                product.diagnostics.append(.error(at: figure.location, "cannot draw figure '\(figure.stem)': \(error)"))
            }
        }
        guard !product.diagnostics.hasErrors else { return product }

        let lock: LockFile
        do {
            lock = try LockFile(plan: plan, document: document, source: request.source)
        } catch {
            product.diagnostics.append(.error(at: nil, "cannot digest the figures for the lock file: \(error)"))
            return product
        }
        product.lock = lock
        if request.formats.contains(.tex) {
            let markdown = document.body.pandocMarkdown { latexFigures[$0.number]?.path ?? "" }
            product.latex = LaTeXSource(
                markdown: markdown, figures: latexFigures.sorted { $0.key < $1.key }.map(\.value),
                metadata: metadata(plan.template.frontMatter, today: request.buildDate))
        }
        do {
            if request.formats.contains(.html) || request.formats.contains(.pdf) {
                guard let page = request.page else {
                    throw BuildFailure([.error(at: nil, "the HTML paper needs a page template")])
                }
                let html = Data(try HTMLPaper.render(
                    body: document.body, metadata: metadata(plan.template.frontMatter, today: request.buildDate), images: images, assets: page).utf8)
                product.html = html
                if request.formats.contains(.html) {
                    product.outputs.append(OutputFile(path: "\(request.outDirectory)/\(request.name).html", contents: html))
                }
            }
            for computation in plan.computations {
                for field in results.values[computation.label] ?? Record() {
                    guard case .file(let file) = field.value else { continue }
                    product.outputs.append(OutputFile(
                        path: "\(request.outDirectory)/\(request.name).\(computation.label).\(file.name)",
                        contents: Data(file.contents.utf8)))
                }
            }
            if request.formats.contains(.md) {
                product.outputs.append(OutputFile(path: "\(request.outDirectory)/\(request.name).md", contents: Data(document.markdown.utf8)))
            }
            product.outputs.append(OutputFile(path: "\(request.outDirectory)/\(request.name).lock.json", contents: try lock.encoded()))
        } catch let failure as BuildFailure {
            product.diagnostics += failure.diagnostics
        } catch let error as HTMLPaperError {
            product.diagnostics.append(.error(at: nil, "HTML paper: \(error)"))
        } catch {
            product.diagnostics.append(.error(at: nil, "\(error)"))
        }
        return product
    }

    /// The HTML paper's title block: title, authors, abstract, keywords, the front matter's `date`
    /// (`today`: `today`'s, in UTC), whether it lists its sections, and the printed page size.
    /// (The references are a block of the body, formatted by citeproc.)
    static func metadata(_ front: FrontMatter, today: Date) -> PaperMetadata {
        PaperMetadata(
            title: front.title ?? "", authors: front.authors, abstract: front.abstract, keywords: front.keywords,
            date: front.date.map { $0.lowercased() == "today" ? printedDate(today) : $0 },
            contents: front.toc, paperSize: front.paper)
    }

    /// "7 December 2026".
    static func printedDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }

    /// The files a build of this template writes into the output directory (kept when a build
    /// fails: the last good paper, which `report verify` and the command line call stale).
    public static func outputPaths(_ request: BuildRequest) -> [String] {
        let base = "\(request.outDirectory)/\(request.name)"
        return [OutputFormat.md, .html, .pdf].map { "\(base).\($0.rawValue)" }
            + [arxivDirectory(request), arxivDirectory(request) + ".tar.gz", "\(base).lock.json"]
    }

    /// The directory of the arXiv source (`build/bps-arxiv`); the tarball is this path + `.tar.gz`.
    public static func arxivDirectory(_ request: BuildRequest) -> String {
        "\(request.outDirectory)/\(request.name)-arxiv"
    }

    /// The folder that holds this template's figures; it holds nothing else.
    public static func figureDirectory(_ request: BuildRequest) -> String {
        request.figuresDirectory + "/" + request.name
    }

    /// A relative path from directory `from` to `to` (both relative to the same working directory).
    static func relativePath(from: String, to: String) -> String {
        let a = from.split(separator: "/").filter { $0 != "." }
        let b = to.split(separator: "/").filter { $0 != "." }
        let common = zip(a, b).prefix { $0 == $1 }.count
        let ups = Array(repeating: "..", count: a.count - common)
        return (ups + b.dropFirst(common).map(String.init)).joined(separator: "/")
    }
}
