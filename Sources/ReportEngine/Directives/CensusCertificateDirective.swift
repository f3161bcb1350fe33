import Foundation
import Landscape

/// `bps-certify`: the census certificate (the bilinear trace test, `CensusCertificate`) run on a set
/// of minima computed elsewhere, read from a CSV file in the format `bps-minima` writes beside the
/// paper. The file is checked before anything is tracked: its header must be the one the census
/// writes for this N, every row must parse, every row must be a solution, and no two rows may be
/// the same minimum.
struct CensusCertificateDirective: ComputeDirective {
    static let name = "bps-certify"
    static let summary = "Certifies that a set of BPS minima (a bps-minima solutions CSV) is the whole fiber, by the bilinear trace test on the coupling curve with a witness set filled by monodromy; no known count is used."

    struct Parameters: ParameterSet {
        let n = Parameter<Int>("n", in: 1...6, "the D6 charge N of the solutions")
        let solutions = Parameter<FileInput>(file: "solutions", "the solutions CSV bps-minima writes beside the paper, relative to the template")
    }

    struct Results: ResultSet {
        let certificate = Output<Bool>("certificate", "the trace test passed: the set is complete (on the components of the coupling curve that hold its points)")
        let traceDeviation = Output<Double>("trace_deviation", "the worst relative second difference of the traces along the pencil")
        let traceThreshold = Output<Double>("trace_threshold", "its bound from the tracking accuracy")
        let witnessPoints = Output<Int>("witness_points", "|W2|: points of the coupling curve on the hyperplane a·u = 1")
        let tracks = Output<Int>("tracks", "paths tracked in all (seeds, monodromy loops, pencil)")
        let failedTracks = Output<Int>("failed_tracks", "seed and loop paths that failed (lost, not counted)")
        let loops = Output<Int>("loops", "monodromy loops in the family that filled W2")
        let fiberPoints = Output<Int>("fiber_points", "minima carried into the authors' chart (W1)")
        let outsideChart = Output<Int>("outside_chart", "minima whose gauge orbit misses the authors' chart")
    }

    /// A row is a solution when every equation's residual is below this.
    static let residualTolerance = 1e-8

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let configurations = try read(arguments.solutions, n: arguments.n)
        context.progress.report(nil, "certifying \(configurations.count) minima")
        let result = CensusCertificate(n: arguments.n, seed: context.seed).certify(configurations, threads: context.threads)
        var results = ResultRecord<Results>()
        results.certificate = result.passed
        results.traceDeviation = result.deviation
        results.traceThreshold = result.threshold
        results.witnessPoints = result.witnessPoints
        results.tracks = result.tracks
        results.failedTracks = result.failedTracks
        results.loops = result.loops
        results.fiberPoints = result.fiberPoints
        results.outsideChart = result.outsideChart
        return results
    }

    /// The configurations of a solutions CSV, checked: errors name the file's line.
    static func read(_ file: FileInput, n: Int) throws -> [[Complex]] {
        guard let text = String(data: file.contents, encoding: .utf8) else { throw DirectiveFailure("'\(file.path)' is not UTF-8 text") }
        let system = BPSSystem(n: n)
        let header = cells(SolutionsCSV.text([], system: system).split(separator: "\n")[0])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let first = lines.first.map(cells), first == header else {
            let found = lines.first.map(cells) ?? []
            let column = found.indices.first { $0 < header.count && found[$0] != header[$0] }.map { " (column \($0 + 1) is '\(found[$0])', expected '\(header[$0])')" } ?? ""
            throw DirectiveFailure("'\(file.path)' line 1: not the header bps-minima writes for n = \(n): \(found.count) columns, expected \(header.count)\(column)")
        }
        var configurations: [[Complex]] = [], rows: [(line: Int, fingerprint: Fingerprint)] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy({ $0 == " " }) {
            let row = cells(line), place = "'\(file.path)' line \(offset + 1)"
            guard row.count == header.count else { throw DirectiveFailure("\(place) has \(row.count) fields, the header \(header.count)") }
            var x: [Complex] = []
            for k in 0..<system.fieldCount {
                let column = 4 + 2 * k
                guard let re = Double(row[column]), let im = Double(row[column + 1]), re.isFinite, im.isFinite else {
                    throw DirectiveFailure("\(place): '\(header[column])' or '\(header[column + 1])' is not a finite number")
                }
                x.append(Complex(re, im))
            }
            let residual = system.residual(x).reduce(0) { max($0, $1.magnitude) }
            guard residual < residualTolerance else {
                throw DirectiveFailure("\(place) (minimum \(row[0])) is not a solution: an equation's residual is \(residual), above \(residualTolerance)")
            }
            let fingerprint = Fingerprint(configuration: x, in: system)
            if let twin = rows.first(where: { $0.fingerprint.matches(fingerprint) }) {
                throw DirectiveFailure("\(place) (minimum \(row[0])) is the same minimum as line \(twin.line): remove one of them")
            }
            rows.append((offset + 1, fingerprint))
            configurations.append(x)
        }
        return configurations
    }

    /// The cells of one CSV line: commas inside double quotes do not split, doubled quotes are one quote.
    private static func cells(_ line: Substring) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, previous: Character = " "
        for c in line {
            if c == "\"" {
                if !quoted && previous == "\"" { cell.append("\"") }
                quoted.toggle()
            } else if c == "," && !quoted {
                cells.append(cell); cell = ""
            } else {
                cell.append(c)
            }
            previous = c
        }
        return cells + [cell]
    }
}
