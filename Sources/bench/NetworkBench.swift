import ChildProcess
import Foundation
import Landscape

/// Training, Langevin and Hessian-vector-product speed of 2-hidden-layer tanh networks on random
/// labels, full batch, one thread (`OPENBLAS_NUM_THREADS=1 bench networks`), per CPU second and
/// per wall-clock second. The goal (issue 10): at least 4× NumPy with hand-written backprop at
/// (N, d, width) = (100, 10, 32), and at least NumPy's speed at (1000, 20, 128).
///
/// When the virtual environment `bench/.venv` exists (`bash bench/setup-python.sh [--torch]`), the
/// same network and steps then run in NumPy (`bench/networks_numpy.py`) and, if installed, PyTorch
/// (`bench/networks_torch.py`), one after the other on one thread, and a table of the rates and
/// ratios follows; `--no-python` skips them.
enum NetworkBench {
    static let sizes = [(100, 10, 32), (200, 20, 64), (1000, 20, 128)]

    /// One implementation's rates at one size, per CPU second.
    struct Rates {
        var adam: Double, langevin: Double, hvp: Double
    }

    static func run(seconds: Double, python: Bool = true) {
        var swift: [Rates] = []
        for (n, d, width) in sizes {
            let loss = NetworkLoss(network: MultilayerPerceptron(inputs: d, hidden: [width, width], outputs: 2, activation: .tanh),
                                   data: .randomLabels(count: n, dimension: d, classes: 2, seed: 1), function: .softmaxCrossEntropy)
            let start = loss.network.initialParameters(seed: 2), workspace = loss.makeWorkspace()
            var adam = Adam(learningRate: 1e-3), langevin = OverdampedLangevin(stepSize: 1e-3, temperature: 1e-4, seed: 3)
            let training = rate(seconds) { steps in
                var theta = start
                loss.iterate(&theta, with: &adam, steps: 0..<steps, workspace: workspace)
            }
            let sampling = rate(seconds) { steps in
                var theta = start
                loss.iterate(&theta, with: &langevin, steps: 0..<steps, workspace: workspace)
            }
            var generator = SeededGenerator(seed: 4)
            let v = start.map { _ in generator.normal() }
            var hv = v
            let products = rate(seconds) { count in
                for _ in 0..<count { loss.hessianVectorProduct(at: start, direction: v, into: &hv, workspace: workspace) }
            }
            print("networks: N=\(n) d=\(d) width=\(width) P=\(loss.network.parameterCount): "
                  + "Adam \(format(training)) steps/s, Langevin \(format(sampling)) steps/s, HVP \(format(products))/s")
            swift.append(Rates(adam: training.cpu, langevin: sampling.cpu, hvp: products.cpu))
        }
        guard python else { return }
        guard let (bench, interpreter) = pythonEnvironment else {
            print("networks: no bench/.venv, so no NumPy or PyTorch comparison (bash bench/setup-python.sh [--torch])")
            return
        }
        var others: [(name: String, rates: [Rates])] = []
        for (name, script) in [("NumPy", "networks_numpy.py"), ("PyTorch", "networks_torch.py")] {
            let rates = reference(interpreter, bench.appendingPathComponent(script).path, seconds: seconds)
            if rates.count == sizes.count { others.append((name, rates)) }
        }
        guard !others.isEmpty else { return }
        print("\nnetworks: per CPU second, one thread, float64, full batch (Swift / " + others.map(\.name).joined(separator: " / ")
              + "; ratios Swift ÷ each)")
        for (k, (n, d, width)) in sizes.enumerated() {
            for (what, pick) in [("Adam", \Rates.adam), ("Langevin", \Rates.langevin), ("HVP", \Rates.hvp)] {
                let mine = swift[k][keyPath: pick]
                let values = [String(format: "%.0f", mine)] + others.map { String(format: "%.0f", $0.rates[k][keyPath: pick]) }
                let ratios = others.map { String(format: "%.2fx %@", mine / $0.rates[k][keyPath: pick], $0.name) }
                print("  (\(n), \(d), \(width)) \(what): " + values.joined(separator: " / ") + "  (" + ratios.joined(separator: ", ") + ")")
            }
        }
    }

    /// The repository's `bench` folder and the interpreter of its virtual environment
    /// `bench/.venv`, or nil when there is none.
    static var pythonEnvironment: (bench: URL, interpreter: String)? {
        let bench = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench")
        let interpreter = bench.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: interpreter) ? (bench, interpreter) : nil
    }

    /// The rates printed by a Python script's `--json` lines (one per size, in `sizes` order), or
    /// none when it fails or prints nothing (PyTorch not installed); its checks go to stderr.
    static func reference(_ interpreter: String, _ script: String, seconds: Double) -> [Rates] {
        let list = sizes.map { "\($0.0):\($0.1):\($0.2)" }.joined(separator: ",")
        let threads = ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"]
        let output: ChildProcess.Output
        do {
            output = try ChildProcess(interpreter, [script, String(seconds), "--json", "--sizes", list], environment: threads).run()
        } catch {
            print("networks: \(script) failed: \(error)")
            return []
        }
        FileHandle.standardError.write(output.standardError)
        return String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let adam = (object["adam"] as? [String: Any])?["cpu"] as? Double,
                  let langevin = (object["langevin"] as? [String: Any])?["cpu"] as? Double,
                  let hvp = (object["hvp"] as? [String: Any])?["cpu"] as? Double else { return nil }
            print("networks: \(object["implementation"] ?? "?") N=\(object["N"] ?? "?") d=\(object["d"] ?? "?") "
                  + "width=\(object["width"] ?? "?"): Adam \(Int(adam)), Langevin \(Int(langevin)), HVP \(Int(hvp)) per CPU second")
            return Rates(adam: adam, langevin: langevin, hvp: hvp)
        }
    }

    /// Calls per second of `work(count)`, doubling `count` until it lasts about `seconds`, counted
    /// in this thread's CPU time (the machine is shared with other builds; with
    /// OPENBLAS_NUM_THREADS=1 all the work runs on this thread) and in wall time.
    static func rate(_ seconds: Double, _ work: (Int) -> Void) -> (cpu: Double, wall: Double) {
        var count = 1
        while true {
            let (cpu0, wall0) = (threadTime(), DispatchTime.now().uptimeNanoseconds)
            work(count)
            let cpu = threadTime() - cpu0, wall = Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9
            if cpu >= seconds { return (Double(count) / cpu, Double(count) / wall) }
            count *= cpu < seconds / 8 ? 8 : 2
        }
    }

    static func threadTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func format(_ x: (cpu: Double, wall: Double)) -> String {
        String(format: "%.0f (wall %.0f)", x.cpu, x.wall)
    }
}
