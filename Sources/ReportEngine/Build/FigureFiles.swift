import Dispatch
import Figures
import Foundation

/// Renders figures to every format, several at once; the bytes do not depend on the order.
enum FigureFiles {
    static func render(_ figures: [FigureRequest], jobs: Int) -> [Result<[FigureFormat: [UInt8]], Error>] {
        let lock = NSLock()
        var results = [Result<[FigureFormat: [UInt8]], Error>](repeating: .success([:]), count: figures.count)
        let semaphore = DispatchSemaphore(value: max(1, jobs))
        DispatchQueue.concurrentPerform(iterations: figures.count) { index in
            semaphore.wait()
            defer { semaphore.signal() }
            let result = Result {
                try Dictionary(uniqueKeysWithValues: FigureFormat.allCases.map { ($0, try figures[index].figure.render(as: $0)) })
            }
            lock.withLock { results[index] = result }
        }
        return results
    }
}
