import Foundation

/// Full-batch workspaces of one loss kept for reuse, so that a `LossSurface`, whose closures may
/// run on several threads at once, allocates (tens of megabytes at MNIST size) once per thread
/// rather than once per call. A call takes a workspace (or makes one), uses it alone, and returns it.
final class WorkspacePool: @unchecked Sendable {
    private let loss: NetworkLoss
    private let lock = NSLock()
    private var idle: [NetworkWorkspace] = []

    init(_ loss: NetworkLoss) { self.loss = loss }

    func with<R>(_ body: (NetworkWorkspace) -> R) -> R {
        let workspace = lock.withLock { idle.popLast() } ?? loss.makeWorkspace()
        defer { lock.withLock { idle.append(workspace) } }
        return body(workspace)
    }
}
