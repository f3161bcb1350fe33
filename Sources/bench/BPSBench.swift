import ChildProcess
import Foundation
import Landscape
import ReportEngine

/// Release benchmarks of the BPS compute core (`swift run -c release bench <mode> [N ...] [options]`):
///   bps       the minima census: descents/s and time to the complete set at N = 1, 2, 3
///             options: --threads T  --runs R  --optimizer newton|momentum|adam
///                      --record FILE (append one CSV row of counts and seconds per N)  --solutions DIR (census-N<n>.csv)
///                      --completion none|images|deflation|monodromy  --blind (no expected count)  --attempts A (per track)
///                      --misses S (then a census of seed S told the exact count; for every minimum it has and
///                      the first lacks, the tracks that should have reached it)  --boxes 2,4.1,8  --seed S  --max-completion-runs C  --loops L (the monodromy family's first loops)  --slices K (first K of the 24)
///                      --probe K (the first K tracks that failed at their first attempt, followed again)
///   bps-phc   the homotopy count: phc -b on the square system of the authors' slice
///   bps-paths pairwise barriers between the minima, straight lines and nudged elastic bands
///   bps-numpy the same Levenberg-Marquardt descent in NumPy (bench/bps_numpy.py), for the speed ratio
///   bps-certify the census certificate on a complete set: |W2|, paths, deviation, seconds (CertificateBench.swift)
struct BPSBench {
    static let modes = ["bps", "bps-phc", "bps-paths", "bps-numpy", "bps-certify"]
    static let exact = [1: 12, 2: 56, 3: 208, 4: 684, 5: 2032, 6: 5616]
    static let defaultRuns = [1: 48, 2: 192, 3: 1200, 4: 4800, 5: 4800]

    let arguments: [String]
    /// The threads every census and path computation may use, the calling thread among them.
    let budget: ThreadBudget
    let threads: Int

    init(arguments: [String]) {
        self.arguments = arguments
        threads = arguments.firstIndex(of: "--threads").map { Int(arguments[$0 + 1])! } ?? 2
        budget = ThreadBudget(threads: threads, heldByCaller: 1)
        // As `report` does: the census's threads are its budget, and a BLAS pool inside each would
        // oversubscribe the cores (and a threaded QR rounds differently from a serial one).
        BLASLibrary.runOnCallingThread()
    }

    func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
    /// The charges N named on the command line (numbers not following an option).
    var sizes: [Int] { arguments.indices.filter { $0 > 0 && !arguments[$0 - 1].hasPrefix("--") }.compactMap { Int(arguments[$0]) } }

    func run(_ mode: String) throws {
        switch mode {
        case "bps": for n in sizes.isEmpty ? [1, 2, 3] : sizes { census(n) }
        case "bps-phc": for n in sizes.isEmpty ? [1] : sizes { try homotopy(n) }
        case "bps-paths": for n in sizes.isEmpty ? [1] : sizes { paths(n) }
        case "bps-certify": for n in sizes.isEmpty ? [1, 2] : sizes { certificate(n) }
        default: for n in sizes.isEmpty ? [1, 2] : sizes { try numpyRatio(n) }
        }
    }

    func log(_ s: String) { FileHandle.standardError.write(s.data(using: .utf8)!) }
    func fixed(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

    func census(_ n: Int) {
        var census = MinimaCensus(n: n, runs: option("--runs").map { Int($0)! } ?? Self.defaultRuns[n] ?? 1000,
                                  seed: option("--seed").map { UInt64($0)! } ?? 2023)
        census.threads = budget
        census.expected = arguments.contains("--blind") ? nil : Self.exact[n]
        census.optimizer = option("--optimizer").map { Optimizer(rawValue: $0)! } ?? .newton
        census.completion = option("--completion").map { MinimaCensus.Completion(rawValue: $0)! } ?? .monodromy
        if let k = option("--slices").map({ Int($0)! }) { census.slices = Array(GaugeSlice.all.prefix(k)) }
        if let cap = option("--max-completion-runs").map({ Int($0)! }) { census.maximumCompletionRuns = cap }
        if let loops = option("--loops").map({ Int($0)! }) { census.monodromyLoops = loops }
        if let attempts = option("--attempts").map({ Int($0)! }) { census.trackAttempts = attempts }
        if let boxes = option("--boxes") { census.boxes = boxes.split(separator: ",").map { Double($0)! } }
        var descentSeconds = 0.0
        let start = Date(), cpuStart = cpuSeconds(), loadBefore = loadAverage()
        let result = census.run { p in
            if p.runsDone == census.runs { descentSeconds = p.elapsedSeconds }
            log("\r  N=\(n): \(p.runsDone) runs, \(p.distinct) distinct, \(fixed(p.elapsedSeconds, 1)) s   ")
        }
        let seconds = Date().timeIntervalSince(start)
        log("\n")
        let steps = result.stepsPerRun.reduce(0, +), sortedSteps = result.stepsPerRun.sorted()
        print("N=\(n) \(census.optimizer), \(threads) threads, seed \(census.seed), load \(loadBefore) -> \(loadAverage()), CPU \(fixed(cpuSeconds() - cpuStart)) s: \(result.runs) descents (\(result.runsAccepted) accepted, "
              + "mean \(steps / max(1, result.runs)), median \(sortedSteps[sortedSteps.count / 2]) steps) in \(fixed(descentSeconds)) s = \(fixed(Double(result.runs) / descentSeconds, 0)) descents/s; "
              + "descent found \(result.descentDistinct); images +\(result.addedByImages), \(census.completion) +\(result.addedByCompletion) "
              + "in \(result.completionRuns) runs -> \(result.minima.count) of \(Self.exact[n].map(String.init) ?? "?") in \(fixed(seconds)) s; "
              + "authors' 9 invariants tell \(result.authorsDistinct) apart; closed \(result.closedUnderSymmetries), max residual \(String(format: "%.1e", result.minima.map(\.residual).max() ?? 0)); "
              + "runs needed: equal-basin \(fixed(result.equalBasinRuns, 0)), unequal-basin \(fixed(result.unequalBasinRuns, 0)); "
              + "digest \(String(digest(result), radix: 16))")
        reportTracks(result)
        if let k = option("--probe").map({ Int($0)! }) { reportProbes(result, census: census, count: k) }
        if let seed = option("--misses").map({ UInt64($0)! }) {
            var reference = census
            reference.seed = seed
            reference.expected = Self.exact[n]
            reference.trackAttempts = max(census.trackAttempts, 6)
            let start = Date()
            let other = reference.run()
            log("  reference census (seed \(seed)): \(other.minima.count) minima in \(fixed(Date().timeIntervalSince(start))) s\n")
            reportMisses(result, reference: other.minima, census: census)
        }
        if let file = option("--record") { record(result, n: n, descentSeconds: descentSeconds, seconds: seconds, cpuSeconds: cpuSeconds() - cpuStart, to: file) }
        if let directory = option("--solutions") {
            let path = directory + "/census-N\(n).csv"
            try? SolutionsCSV.text(result.minima, system: BPSSystem(n: n)).write(toFile: path, atomically: true, encoding: .utf8)
            log("  wrote \(path)\n")
        }
    }

    /// Appends the census's counts and times to the CSV `file` (header first if it is new).
    func record(_ result: MinimaCensus.Result, n: Int, descentSeconds: Double, seconds: Double, cpuSeconds: Double, to file: String) {
        let header = "N,expected,minima,runs,descent_distinct,completion_runs,descent_seconds,seconds,cpu_seconds,"
            + "minima_per_second,cpu_seconds_per_minimum,threads\n"
        let minima = result.minima.count
        let row = [String(n), Self.exact[n].map(String.init) ?? "", String(minima), String(result.runs),
                   String(result.descentDistinct), String(result.completionRuns), fixed(descentSeconds), fixed(seconds),
                   fixed(cpuSeconds), fixed(Double(minima) / seconds), fixed(cpuSeconds / Double(minima), 4), String(threads)]
            .joined(separator: ",") + "\n"
        if !FileManager.default.fileExists(atPath: file) { FileManager.default.createFile(atPath: file, contents: Data(header.utf8)) }
        guard let handle = FileHandle(forWritingAtPath: file) else { log("bench: cannot write \(file)\n"); return }
        handle.seekToEndOfFile()
        handle.write(Data(row.utf8))
        handle.closeFile()
    }

    /// The one-minute load average of the machine (/proc/loadavg).
    func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    }

    /// CPU time of the whole process (every thread), user and system.
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// FNV-1a over the bits of every minimum's field values, in discovery order: equal digests mean
    /// the same minima, found in the same order, to the last bit (to compare builds of the census).
    func digest(_ result: MinimaCensus.Result) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for m in result.minima { for z in m.configuration { for bits in [z.re.bitPattern, z.im.bitPattern] {
            h = (h ^ bits) &* 0x100_0000_01b3
        } } }
        return h
    }

    func homotopy(_ n: Int) throws {
        let h = HomotopySystem(chart: SliceChart(system: BPSSystem(n: n), slice: .authors))
        let (text, seconds) = try PHCpack.blackbox(h.text)
        let minima = h.minima(inOutput: text)
        print("N=\(n) phc -b (authors' slice, \(h.variables.count) unknowns): mixed volume \(HomotopySystem.reported("mixed volume", inOutput: text).map(String.init) ?? "?"), "
              + "\(h.solutions(inOutput: text).count) solutions, \(minima.count) distinct minima (exact \(Self.exact[n] ?? 0)) in \(fixed(seconds)) s")
    }

    /// Single-thread plain Newton descents in the authors' slice, in Swift and in NumPy on the same system.
    func numpyRatio(_ n: Int) throws {
        let runs = option("--runs").map { Int($0)! } ?? 200
        let chart = SliceChart(system: BPSSystem(n: n), slice: .authors)
        var census = MinimaCensus(n: n, runs: runs, seed: 2023)
        census.slices = [.authors]; census.completion = .none; census.threads = .serial
        let start = Date()
        let result = census.run()
        let swiftRate = Double(runs) / Date().timeIntervalSince(start)
        let monomials = chart.system.monomials
        let spec: [String: Any] = [
            "fieldCount": chart.system.fieldCount, "equation": monomials.map(\.equation), "left": monomials.map(\.left),
            "right": monomials.map(\.right), "coefficient": monomials.map(\.coefficient), "constants": chart.system.constants,
            "free": chart.free, "fixed": chart.slice.fixedEntries(in: chart.system).map { [$0.index, $0.value.re] },
            "seed": 2023, "box": 4.1, "runs": runs,
        ]
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/bps_numpy.py")
        let reply = try ChildProcess("python3", [script.path], input: try JSONSerialization.data(withJSONObject: spec)).run().standardOutput
        let numpy = try JSONSerialization.jsonObject(with: reply) as! [String: Any]
        let numpyRate = numpy["descents_per_second"] as! Double
        print("N=\(n) one thread, authors' slice, \(runs) Newton descents: Swift \(fixed(swiftRate, 0)) descents/s "
              + "(\(result.runsAccepted) converged), NumPy \(fixed(numpyRate, 1)) descents/s (\(numpy["converged"]!) converged): ratio \(fixed(swiftRate / numpyRate, 0))x")
    }

    /// Pairwise barriers between the N = 1 minima in the authors' slice: straight lines and relaxed bands.
    func paths(_ n: Int) {
        var census = MinimaCensus(n: n, runs: Self.defaultRuns[n] ?? 100, seed: 2023)
        census.threads = budget
        let minima = census.run().minima
        for band in [nil, NudgedElasticBand()] {
            let start = Date()
            let matrix = BPSPaths.barriers(between: minima, in: .authors, band: band, threads: budget)
            let pairs = minima.indices.flatMap { i in minima.indices.filter { $0 > i }.map { matrix[i][$0] } }.filter { !$0.isNaN }.sorted()
            print("N=\(n) \(band == nil ? "straight lines" : "elastic bands") between \(pairs.count) pairs: barrier min \(fixed(pairs.first!, 4)), "
                  + "median \(fixed(pairs[pairs.count / 2], 3)), max \(fixed(pairs.last!, 1)) in \(fixed(Date().timeIntervalSince(start))) s")
        }
    }
}
