import ChildProcess
import Foundation

/// SIGINT and SIGTERM first end the process groups of running tools (such as phc), which a
/// terminal's Ctrl-C does not reach as each runs in a group of its own, then exit with 128 + the
/// signal's number, as shells report it.
enum Interruption {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var underWay = false
        var sources: [DispatchSourceSignal] = []
    }

    private static let state = State()

    static func install() {
        state.sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                state.lock.withLock { state.underWay = true }
                ChildProcess.terminateAll()
                printError("report: interrupted")
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Parks the calling thread for good when an interruption is under way, so that a build that
    /// failed because its tools were ended neither reports that failure nor removes the previous
    /// outputs before the interruption exits.
    static func yieldIfUnderWay() {
        if state.lock.withLock({ state.underWay }) { dispatchMain() }
    }
}
