import ChildProcess
import Foundation

/// `exec`: runs a researcher's own program (a script with its interpreter, or a command line) in a
/// fresh scratch directory and reads back what it wrote there.
///
/// In: the script and the input files, copied into the scratch directory under their file names
/// (their contents are in the cache key, as a `data` file's are); the results named by `reads`
/// (the directives that made them run first): a table as `<name>.csv`, an image as
/// `<name>.svg`/`.png`, a data file as `<name>` with its own extension, each handed over as its
/// file name, any other value as itself; on standard input the JSON object
/// `{"seed": <seed>, "params": {...}}`, `params` holding `params` and `reads` together; in the
/// environment `REPORT_SEED` and one `REPORT_PARAM_<NAME>` per entry (the name upper-cased, other
/// characters than letters and digits as `_`; numbers and text as written, lists and mappings as
/// JSON).
/// Out: the fields of `results.json` (a JSON object), a table per `<name>.csv` and an image per
/// `<name>.svg` or `<name>.png`, each named after its file. A non-zero exit, a timeout or an
/// unreadable output fails the directive with the last lines of the program's standard error; the
/// scratch directory is removed either way.
struct ExecDirective: ComputeDirective {
    static let name = "exec"
    static let summary = "Runs your own program (run: python3, script: scripts/fit.py) in a scratch directory; params and the seed go in as JSON on stdin and REPORT_* variables, results.json, CSV, SVG and PNG files it writes come back as results."
    static let seeded = true

    struct Parameters: ParameterSet {
        let run = Parameter<[String]>(words: "run", "the program and its first arguments (python3, [python3, -u], or a whole command line [sh, -c, '...']), looked up on PATH")
        let script = Parameter<FileInput?>(optionalFile: "script", "the script, relative to the template; copied into the scratch directory and appended to 'run'")
        let inputs = Parameter<[FileInput]>(files: "inputs", "further files the program reads, relative to the template; copied beside the script under their file names")
        let params = Parameter<Record>(mapping: "params", "values handed to the program: JSON on stdin ({\"seed\", \"params\"}) and REPORT_PARAM_<NAME> variables")
        let reads = Parameter<Record>(reads: "reads", "results of other directives handed over like params ({rates: sim.rates}); a table, image or data file is written beside the script and handed over as its file name")
        let timeout = Parameter<Double>("timeout", in: 1...86_400, default: 60, "seconds before the program and everything it started are ended")
    }

    /// Known only after running: the fields of results.json and one result per CSV, SVG or PNG file.
    struct Results: ResultSet {
        static var isOpen: Bool { true }
    }

    /// The file a program writes its values into.
    static let resultsFile = "results.json"

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        guard let program = arguments.run.first, !program.isEmpty else { throw DirectiveFailure("'run' names no program") }
        let files = (arguments.script.map { [$0] } ?? []) + arguments.inputs
        let names = files.map { ($0.path as NSString).lastPathComponent }
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw DirectiveFailure("two files are named '\(twice)'; the scratch directory holds each input under its file name")
        }
        let read = try handedOver(arguments.reads, besides: names)
        if let twice = arguments.params.names.first(where: { read.params[$0] != nil }) {
            throw DirectiveFailure("'\(twice)' is named in both 'params' and 'reads'; the program receives them together, so give it another name")
        }
        let params = Record(arguments.params.fields.map { ($0.name, $0.value) } + read.params.fields.map { ($0.name, $0.value) })
        let command = arguments.run + (arguments.script.map { _ in [names[0]] } ?? [])
        let input = ValueJSON.text(.record(Record([("seed", .integer(.init(context.seed))), ("params", .record(params))])))
        let environment = try variables(seed: context.seed, params: params)
        return try ScratchDirectory.with("exec") { directory in
            for (file, name) in zip(files, names) {
                try file.contents.write(to: directory.appendingPathComponent(name))
            }
            for (name, contents) in read.files {
                try contents.write(to: directory.appendingPathComponent(name))
            }
            let child = ChildProcess(
                program, Array(command.dropFirst()), directory: directory.path, environment: environment,
                input: Data(input.utf8), timeout: arguments.timeout)
            do throws(ChildProcess.Failure) {
                try child.run { seconds in context.progress.report(nil, "\(command.joined(separator: " ")) running, \(Int(seconds)) s") }
            } catch {
                switch error.reason {
                case .notFound:
                    throw DirectiveFailure("cannot run '\(program)': \(program.contains("/") ? "no executable file there" : "not found on PATH") (is it installed?)")
                case .timedOut:
                    throw DirectiveFailure("\(inputsNamed(error.description, in: directory, files: zip(files, names)))\n(raise 'timeout' if it needs longer)")
                case .cannotStart, .terminated:
                    throw DirectiveFailure(inputsNamed(error.description, in: directory, files: zip(files, names)))
                }
            }
            return try results(in: directory, inputs: Set(names + read.files.map(\.name)))
        }
    }

    /// `message` (the end of the program's standard error) with each scratch-directory path of a
    /// copied input replaced by the path the template gives it, so that a traceback points at the
    /// file the researcher edits (`File "scripts/fit.py", line 3`), not at a removed copy.
    private static func inputsNamed(_ message: String, in directory: URL, files: Zip2Sequence<[FileInput], [String]>) -> String {
        files.reduce(message) { text, input in
            text.replacingOccurrences(of: directory.appendingPathComponent(input.1).path, with: input.0.path)
        }
    }

    /// The values `reads` hands over: each table, image or data file as the name of the file it is
    /// written to (in `files`, beside the script), any other value as itself.
    private static func handedOver(_ reads: Record, besides inputs: [String]) throws -> (params: Record, files: [(name: String, contents: Data)]) {
        var params: [(String, Value)] = []
        var files: [(name: String, contents: Data)] = []
        for (name, value) in reads {
            if holdsReplicates(value) {
                throw DirectiveFailure("'\(name)' in 'reads' holds the values of several replicates; run this directive with as many replicates, or read a summary of them")
            }
            let file: (name: String, contents: Data)?
            switch value {
            case .table(let table): file = (name + ".csv", Data(table.csvText.utf8))
            case .image(let image): file = (name + "." + image.format.rawValue, image.bytes)
            case .file(let attached):
                let suffix = (attached.name as NSString).pathExtension
                file = (suffix.isEmpty ? name : name + "." + suffix, Data(attached.contents.utf8))
            case _ where ValueJSON.holdsWhole(value): file = nil
            default:
                throw DirectiveFailure("'\(name)' in 'reads' is \(withArticle(value.typeName)), which has no JSON form for a program; hand over the data it is made of")
            }
            guard let file else {
                params.append((name, value))
                continue
            }
            if inputs.contains(file.name) || files.contains(where: { $0.name == file.name }) {
                throw DirectiveFailure("'\(name)' in 'reads' would be written as '\(file.name)', which is already the name of another input")
            }
            files.append(file)
            params.append((name, .text(file.name)))
        }
        return (Record(params), files)
    }

    /// `REPORT_SEED` and one `REPORT_PARAM_<NAME>` per parameter.
    private static func variables(seed: UInt64, params: Record) throws -> [String: String] {
        var environment = ["REPORT_SEED": String(seed)]
        var named: [String: String] = [:]
        for (name, value) in params {
            let variable = "REPORT_PARAM_" + String(name.uppercased().unicodeScalars.map { scalar in
                ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
            })
            if let first = named[variable] { throw DirectiveFailure("parameters '\(first)' and '\(name)' would both be \(variable)") }
            named[variable] = name
            if case .text(let text) = value { environment[variable] = text } else { environment[variable] = ValueJSON.text(value) }
        }
        return environment
    }

    /// Whether `value` or a cell or item inside it holds one value per replicate.
    private static func holdsReplicates(_ value: Value) -> Bool {
        switch value {
        case .replicated: return true
        case .list(let items): return items.contains(where: holdsReplicates)
        case .record(let record): return record.fields.contains { holdsReplicates($0.value) }
        case .table(let table): return table.data.contains { if case .values(let cells) = $0 { cells.contains(where: holdsReplicates) } else { false } }
        default: return false
        }
    }

    /// What the program left in `directory`: results.json's fields, then each CSV, SVG and PNG file
    /// by name; the copied inputs and other files are not results.
    private static func results(in directory: URL, inputs: Set<String>) throws -> ResultRecord<Results> {
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !inputs.contains($0) }.sorted()
        var fields: [(name: String, value: Value, file: String)] = []
        for file in written {
            let url = directory.appendingPathComponent(file)
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let stem = (file as NSString).deletingPathExtension
            switch (file as NSString).pathExtension.lowercased() {
            case _ where file == resultsFile:
                guard case .record(let record) = try ValueJSON.read(try Data(contentsOf: url), name: file) else {
                    throw DirectiveFailure("\(resultsFile) must hold one JSON object, such as {\"slope\": 1.5}")
                }
                fields += record.fields.map { ($0.name, $0.value, file) }
            case "csv": fields.append((stem, .table(try Table(csv: try Data(contentsOf: url), name: file)), file))
            case "svg", "png": fields.append((stem, .image(try image(Data(contentsOf: url), name: file)), file))
            default: continue
            }
        }
        guard !fields.isEmpty else {
            throw DirectiveFailure("the program wrote no results (\(resultsFile), or CSV, SVG or PNG files in its working directory)")
        }
        var results = ResultRecord<Results>()
        for (index, field) in fields.enumerated() {
            if let first = fields[..<index].first(where: { $0.name == field.name }) {
                throw DirectiveFailure("result '\(field.name)' is written twice (by \(first.file) and \(field.file))")
            }
            guard case .path(let path)? = try? ExpressionParser.parse(field.name, at: SourceLocation(file: "", line: 1, column: 1)),
                  path.root == field.name, path.components.isEmpty else {
                throw DirectiveFailure("'\(field.name)' (from \(field.file)) cannot name a result: use letters, digits, '_' and '-', starting with a letter")
            }
            results.set(field.name, field.value)
        }
        return results
    }

    /// The image in `data`, checked to be what its name says.
    private static func image(_ data: Data, name: String) throws -> Image {
        if name.lowercased().hasSuffix(".png") {
            guard data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw DirectiveFailure("'\(name)' is not a PNG image") }
            return Image(format: .png, bytes: data)
        }
        guard let text = String(data: data, encoding: .utf8), text.contains("<svg") else {
            throw DirectiveFailure("'\(name)' is not an SVG image (UTF-8 text with an <svg> element)")
        }
        return Image(format: .svg, bytes: data)
    }
}
