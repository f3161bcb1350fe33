import Foundation

/// `swift run -c release bench <what> [options]`: speed and memory figures quoted in docs/benchmarks.md.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: bench engine [template] [runs] | bench data [rows] [runs] | bench figures [rounds] | bench networks [seconds] [--no-python] | bench ensemble [replicas] [epochs] [--no-python] | bench bps|bps-phc|bps-paths|bps-numpy|bps-certify [N ...] [options]"

do {
    switch arguments.first {
    case "engine":
        try EngineBench.run(
            template: arguments.count > 1 ? arguments[1] : "reports/bps.md",
            runs: arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20)
    case "data":
        try DataTableBench.run(
            rows: arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000,
            runs: arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20)
    case "figures":
        try FiguresBench.run(rounds: arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20)
    case "networks":
        let options = arguments.dropFirst().filter { $0.hasPrefix("--") }, values = arguments.dropFirst().filter { !$0.hasPrefix("--") }
        NetworkBench.run(seconds: values.first.flatMap(Double.init) ?? 2, python: !options.contains("--no-python"))
    case "ensemble":
        let options = arguments.dropFirst().filter { $0.hasPrefix("--") }, values = arguments.dropFirst().filter { !$0.hasPrefix("--") }
        EnsembleBench.run(replicas: values.first.flatMap { Int($0) } ?? 4, epochs: values.dropFirst().first.flatMap { Int($0) } ?? 2,
                          python: !options.contains("--no-python"))
    case let mode? where BPSBench.modes.contains(mode):
        try BPSBench(arguments: arguments).run(mode)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
    exit(1)
}
