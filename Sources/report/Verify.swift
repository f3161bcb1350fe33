import ArgumentParser
import Foundation
import ReportEngine

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute a template from scratch and compare every printed number, check and figure with its lock file.",
        discussion: """
            Compares every value filled into the prose, every table cell and every value a check compared \
            (integers exactly, reals within --tolerance) and the digest of each figure's data, and names \
            what moved. Says when the lock file, and the papers of the same build, are stale against the \
            template as it is now.
            """)

    @Argument(help: "The template, such as reports/bps.md.")
    var template: String

    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Relative tolerance for numbers.")
    var tolerance = 1e-9

    mutating func run() throws {
        if let origin = try ProjectDirectory.enter(template: &template) { output.anchor(at: origin) }
        let request = try loadRequest(template, output: output)
        let lockPath = "\(output.outDirectory)/\(request.name).lock.json"
        guard let data = FileManager.default.contents(atPath: lockPath) else {
            printError("report: error: no lock file at \(lockPath); run 'report build \(template)' first")
            throw ExitCode.failure
        }
        let locked: LockFile
        do {
            locked = try LockFile.decode(data)
        } catch {
            printError("report: error: \(lockPath) is not a lock file of this version of report (\(error)); build the template again")
            throw ExitCode.failure
        }
        let progress = ProgressDisplay()
        let product = ReportBuild.run(request.verifying(locked), loadFile: dataLoader(for: template), cache: nil, observer: progress.observer)
        progress.stop()
        Interruption.yieldIfUnderWay()
        report(product.diagnostics)
        guard product.succeeded, let rebuilt = product.lock else { throw ExitCode.failure }
        let stale = locked.staleness(against: rebuilt)
        if !stale.isEmpty {
            printError("report: warning: \(lockPath) and the papers of the same build are stale against the source: \(stale.joined(separator: "; ")); they are from the last good build, and what follows compares them with the source as it is now")
        }
        let drifts = Verification.compare(locked: locked, rebuilt: rebuilt, tolerance: tolerance)
        for drift in drifts { printError(drift.description) }
        if locked.seed != rebuilt.seed { printError("report: error: the template's seed changed: \(locked.seed) -> \(rebuilt.seed)") }
        let cells = rebuilt.tables.reduce(0) { $0 + $1.rows.count * $1.columns.count }
        let compared = "\(counted(rebuilt.values.count, "value")), \(counted(cells, "table cell")) in \(counted(rebuilt.tables.count, "table")), "
            + "\(counted(rebuilt.checks.count, "check")) and \(counted(rebuilt.figures.count, "figure"))"
        guard drifts.isEmpty, locked.seed == rebuilt.seed else {
            printError("report: verify failed: \(drifts.count) moved among \(compared) (integers must be equal, reals agree within relative tolerance \(tolerance), figure data digests equal)")
            throw ExitCode.failure
        }
        printError("report: verified \(compared) of \(template) against \(lockPath) (integers exactly, reals within relative tolerance \(tolerance), figure data by digest)")
    }
}
