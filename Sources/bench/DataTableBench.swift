import Foundation

/// `bench data [rows] [runs]`: the cached rebuild of a paper that reads a large CSV through `data`
/// and prints only the mean of one column through `stats`. What it measures is whether a cached
/// rebuild loads the results the paper does not read (the table behind the mean).
enum DataTableBench {
    static func run(rows: Int, runs: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-bench-data-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "step,loss,temperature\n"
        csv.reserveCapacity(rows * 32)
        for step in 0..<rows {
            // A deterministic, decaying, oscillating loss: realistic digits, no generator needed.
            let loss = exp(-Double(step) / Double(rows)) * (1 + 0.1 * sin(Double(step)))
            csv += "\(step),\(loss),\(1e-3 * Double(1 + step % 7))\n"
        }
        try Data(csv.utf8).write(to: directory.appendingPathComponent("runs.csv"))
        let template = """
            ---
            title: A large table
            ---
            ```{data #obs file=runs.csv}
            ```
            ```{stats #loss of=obs.columns.loss}
            ```
            The mean loss over {{ loss.n | thousands }} steps is {{ loss.mean | sig:4 }}.
            """
        let path = directory.appendingPathComponent("large.md").path
        try template.write(toFile: path, atomically: true, encoding: .utf8)
        print("data: \(rows) rows, \(csv.utf8.count / 1_000_000) MB of CSV")
        try EngineBench.run(template: path, runs: runs)
    }
}
