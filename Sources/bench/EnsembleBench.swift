import ChildProcess
import Foundation
import Landscape

/// Ensemble training speed (issue 11): replicas of a 784-32-10 ReLU net trained by SGD with
/// mini-batches on 4,000 examples, in Float64 and then Float32 (`NetworkEnsemble.precision`), one replica at a time on one BLAS thread
/// (`OPENBLAS_NUM_THREADS=1 bench ensemble`), reported as CPU milliseconds per net and epoch
/// (the final full-batch evaluation included). Each replica runs its own `dgemm`s (`sgemm`s): replicas
/// are not batched into one computation. The goal: PyTorch's 13–34 ms per net and epoch (32
/// replicas batched in one float32 computation, batch 256 down to 16, one thread). Afterwards,
/// when `bench/.venv` exists, `bench/ensemble_torch.py` measures that reference (32 replicas) on
/// this machine, or says that PyTorch is not installed; `--no-python` skips it.
enum EnsembleBench {
    static func run(replicas: Int, epochs: Int, python: Bool, batchSizes: [Int] = [16, 64, 256]) {
        // MNIST-sized synthetic data: the cost does not depend on the pixel values.
        let data = Dataset.gaussianMixture(count: 4000, dimension: 784, classes: 10, separation: 3, seed: 1)
        let network = MultilayerPerceptron(inputs: 784, hidden: [32], outputs: 10, activation: .relu)
        for precision in Precision.allCases { for batch in batchSizes {
            let ensemble = NetworkEnsemble(network: network, train: data, test: data.rows(Array(0..<100)),
                                           batchSize: batch, learningRate: 0.01, momentum: 0.9, epochs: epochs, precision: precision)
            let (cpu0, wall0) = (NetworkBench.threadTime(), DispatchTime.now().uptimeNanoseconds)
            let trained = ensemble.train(replicas: replicas, seed: 2)
            let cpu = NetworkBench.threadTime() - cpu0, wall = Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9
            let nets = Double(replicas * epochs)
            let loss = trained.map(\.trainLoss).reduce(0, +) / Double(replicas)
            print(String(format: "ensemble: 784-32-10, N=4000, \(precision.rawValue), batch %3d: %.1f ms per net and epoch (CPU; wall %.1f), "
                         + "%d replicas × %d epochs, mean final training loss %.4f", batch, 1000 * cpu / nets,
                         1000 * wall / nets, replicas, epochs, loss))
        } }
        guard python, let (bench, interpreter) = NetworkBench.pythonEnvironment else { return }
        let threads = ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"]
        do {
            let output = try ChildProcess(interpreter, [bench.appendingPathComponent("ensemble_torch.py").path, "32", String(epochs)],
                                          environment: threads).run()
            FileHandle.standardError.write(output.standardError)
            print(String(decoding: output.standardOutput, as: UTF8.self), terminator: "")
        } catch {
            print("ensemble: ensemble_torch.py failed: \(error)")
        }
    }
}
