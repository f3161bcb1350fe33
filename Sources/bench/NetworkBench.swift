import Foundation
import Landscape

/// Training, Langevin and Hessian-vector-product speed of 2-hidden-layer tanh networks on random
/// labels, full batch, one thread (`OPENBLAS_NUM_THREADS=1 bench networks`), per CPU second and
/// per wall-clock second. The goal at
/// (N, d, width) = (100, 10, 32) is 4× NumPy with hand-written backprop (~3,400 Langevin steps/s).
enum NetworkBench {
    static func run(seconds: Double) {
        for (n, d, width) in [(100, 10, 32), (200, 20, 64), (1000, 20, 128)] {
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
