// Release benchmark of the BPS minima census: `swift run -c release bench bps [N ...] [--threads T]`.
import Foundation
import Landscape

let arguments = Array(CommandLine.arguments.dropFirst())
let threads = arguments.firstIndex(of: "--threads").map { Int(arguments[$0 + 1])! } ?? 2
let runsOverride = arguments.firstIndex(of: "--runs").map { Int(arguments[$0 + 1])! }
let optimizer = arguments.firstIndex(of: "--optimizer").map { Optimizer(rawValue: arguments[$0 + 1])! } ?? .newton
let sizes = arguments.indices.filter { $0 == 0 || !arguments[$0 - 1].hasPrefix("--") }.compactMap { Int(arguments[$0]) }
let expected = [1: 12, 2: 56, 3: 208, 4: 684]

for n in sizes.isEmpty ? [1, 2, 3] : sizes.filter({ $0 <= 5 }) {
    var census = MinimaCensus(n: n, runs: runsOverride ?? [1: 96, 2: 480, 3: 2400, 4: 8000][n]!, seed: 2023)
    census.threads = threads
    census.expected = expected[n]
    census.optimizer = optimizer
    if let i = arguments.firstIndex(of: "--boxes") { census.boxes = arguments[i + 1].split(separator: ",").map { Double($0)! } }
    if let i = arguments.firstIndex(of: "--completion") { census.completion = MinimaCensus.Completion(rawValue: arguments[i + 1])! }
    let start = Date()
    let result = census.run { p in
        FileHandle.standardError.write("\r  N=\(n) runs \(p.runsDone) distinct \(p.distinct) \(String(format: "%.1f", p.elapsedSeconds)) s".data(using: .utf8)!)
    }
    let seconds = Date().timeIntervalSince(start)
    FileHandle.standardError.write("\n".data(using: .utf8)!)
    let steps = result.stepsPerRun.reduce(0, +)
    print("N=\(n) optimizer=\(optimizer) threads=\(threads): runs \(result.runs), accepted \(result.runsAccepted), "
          + "descent found \(result.descentDistinct), complete set \(result.minima.count) (expected \(expected[n]!)), "
          + "images +\(result.addedByImages), \(census.completion) +\(result.addedByCompletion) in \(result.completionRuns) runs, "
          + "closed \(result.closedUnderSymmetries), max residual \(String(format: "%.1e", result.minima.map(\.residual).max() ?? 0)), "
          + "mean steps \(steps / max(1, result.runs)), \(String(format: "%.2f", seconds)) s, "
          + "\(String(format: "%.0f", Double(result.runs + result.completionRuns) / seconds)) descents/s")
}
