import Foundation
import ReportEngine

/// Progress of long computations on stderr: a redrawn bar on a terminal, plain lines every few
/// seconds otherwise (CI logs). Nothing is shown for computations that finish within a second.
final class ProgressDisplay: @unchecked Sendable {
    private struct Running {
        var kind: String
        var started: Date
        var fraction: Double?
        var message = ""
    }

    private let lock = NSLock()
    private var running: [String: Running] = [:]
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastPlainLine = Date.distantPast
    private var drawn = false
    private let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "report.progress"))
    private let quietPeriod = 1.0
    private let plainInterval = 5.0

    init() {
        timer.schedule(deadline: .now() + 1, repeating: terminal ? 0.25 : 1)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    var observer: ExecutionObserver {
        var observer = ExecutionObserver()
        observer.started = { [self] label, kind in
            lock.withLock { running[label] = Running(kind: kind, started: Date()) }
        }
        observer.progress = { [self] label, fraction, message in
            lock.withLock {
                running[label]?.fraction = fraction
                running[label]?.message = message
            }
        }
        observer.finished = { [self] label, seconds, cached in
            lock.withLock {
                guard let entry = running.removeValue(forKey: label), !cached else { return }
                if seconds >= quietPeriod {
                    write(String(format: "%@ (%@): done in %.1f s", label, entry.kind, seconds), final: true)
                }
            }
        }
        return observer
    }

    func stop() {
        timer.cancel()
        lock.withLock { if drawn { FileHandle.standardError.write(Data("\n".utf8)); drawn = false } }
    }

    private func tick() {
        lock.withLock {
            let now = Date()
            let visible = running.filter { now.timeIntervalSince($0.value.started) >= quietPeriod }.sorted { $0.key < $1.key }
            guard !visible.isEmpty else { return }
            if !terminal {
                guard now.timeIntervalSince(lastPlainLine) >= plainInterval else { return }
                lastPlainLine = now
            }
            let line = visible.map { label, entry in
                let elapsed = Int(now.timeIntervalSince(entry.started))
                let bar = entry.fraction.map { Self.bar($0) + " " } ?? ""
                let message = entry.message.isEmpty ? "" : " " + entry.message
                return "\(label): \(bar)\(elapsed) s\(message)"
            }.joined(separator: " | ")
            write(line, final: false)
        }
    }

    /// Writes a line; on a terminal, progress lines overwrite each other.
    private func write(_ line: String, final: Bool) {
        if terminal {
            let width = 118
            let clipped = line.count > width ? String(line.prefix(width - 1)) + "…" : line
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + clipped + (final ? "\n" : "")).utf8))
            drawn = !final
        } else {
            FileHandle.standardError.write(Data(("report: " + line + "\n").utf8))
        }
    }

    private static func bar(_ fraction: Double) -> String {
        let f = min(max(fraction, 0), 1)
        let filled = Int((f * 20).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "]" + String(format: " %3.0f%%", f * 100)
    }
}
