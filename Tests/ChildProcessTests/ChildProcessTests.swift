import ChildProcess
import Foundation
import Testing

/// Runs small shell commands and checks what comes back: both output streams, statuses, signals,
/// input, timeouts of whole process groups, and failures that say what went wrong.
@Suite struct ChildProcessTests {
    private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func capturesStandardOutputAndErrorApart() throws {
        let output = try ChildProcess("sh", ["-c", "echo out; echo err >&2"]).run()
        #expect(output.termination == .exited(0) && output.succeeded)
        #expect(text(output.standardOutput) == "out\n")
        #expect(text(output.standardError) == "err\n")
        #expect(output.seconds > 0 && output.seconds.isFinite)
    }

    /// Both pipes fill at once: a parent reading one stream to its end before the other would
    /// wait forever on a child blocked writing the other.
    @Test func drainsMegabytesWrittenToBothStreamsAtOnce() throws {
        let size = 3_000_000
        let output = try ChildProcess("sh", ["-c", """
            head -c \(size) /dev/zero | tr '\\0' o & head -c \(size) /dev/zero | tr '\\0' e >&2; wait
            """], timeout: 60).run()
        #expect(output.standardOutput.count == size && output.standardOutput.allSatisfy { $0 == UInt8(ascii: "o") })
        #expect(output.standardError.count == size && output.standardError.allSatisfy { $0 == UInt8(ascii: "e") })
    }

    @Test func pipesStandardInputThroughCat() throws {
        let bytes = Data((0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        let output = try ChildProcess("cat", input: bytes, timeout: 60).run()
        #expect(output.standardOutput == bytes)
    }

    /// A child that exits without reading its input ends the feeding, not this process (SIGPIPE).
    @Test func childThatIgnoresItsInputStillEnds() throws {
        let output = try ChildProcess("true", input: Data(count: 4_000_000), timeout: 60).run()
        #expect(output.termination == .exited(0))
    }

    @Test func runsInTheDirectoryWithTheAddedEnvironment() throws {
        let output = try ChildProcess("sh", ["-c", "pwd; echo $GREETING; test -n \"$PATH\" && echo path"],
                                      directory: "/tmp", environment: ["GREETING": "hello"]).run()
        #expect(text(output.standardOutput) == "/tmp\nhello\npath\n")
    }

    @Test func returnsTheStatusWhenFailureIsAccepted() throws {
        var command = ChildProcess("sh", ["-c", "echo why >&2; exit 3"])
        command.requiresSuccess = false
        let output = try command.run()
        #expect(output.termination == .exited(3) && !output.succeeded)
        #expect(text(output.standardError) == "why\n")
    }

    @Test func failureNamesTheCommandItsStatusAndTheEndOfItsStandardError() {
        let command = ChildProcess("sh", ["-c", "for i in $(seq 1 30); do echo line $i >&2; done; echo >&2; exit 4"])
        let failure = #expect(throws: ChildProcess.Failure.self) { try command.run() }
        #expect(failure?.reason == .terminated(.exited(4)))
        #expect(failure?.standardErrorTail == (11...30).map { "line \($0)" }.joined(separator: "\n"))
        let description = failure?.description ?? ""
        #expect(description.hasPrefix("sh -c 'for i in $(seq 1 30); do echo line $i >&2; done; echo >&2; exit 4' exited with status 4"))
        #expect(description.hasSuffix("\n    line 29\n    line 30"))
    }

    /// Blank lines around the tail are left out.
    @Test func standardErrorTailLeavesOutBlankLines() {
        let failure = #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess("sh", ["-c", "printf '\\n\\nraised END_ERROR\\n\\n' >&2; exit 1"]).run()
        }
        #expect(failure?.standardErrorTail == "raised END_ERROR")
    }

    @Test func reportsTheSignalThatEndedTheCommand() {
        let failure = #expect(throws: ChildProcess.Failure.self) { try ChildProcess("sh", ["-c", "kill -KILL $$"]).run() }
        #expect(failure?.reason == .terminated(.signalled(SIGKILL)))
        #expect(failure?.description.contains("was ended by signal 9") == true)
    }

    @Test func missingExecutableIsNotFound() {
        #expect(ChildProcess.find("sh")?.hasPrefix("/") == true)
        #expect(ChildProcess.find("/bin/sh") == "/bin/sh")
        #expect(ChildProcess.find("no-such-tool-7f3a") == nil)
        #expect(ChildProcess.find("/tmp") == nil)
        let failure = #expect(throws: ChildProcess.Failure.self) { try ChildProcess("no-such-tool-7f3a", ["x"]).run() }
        #expect(failure?.reason == .notFound)
        #expect(failure?.description == "no-such-tool-7f3a x: executable not found")
    }

    @Test func missingDirectoryCannotStart() {
        let failure = #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess("true", directory: "/no/such/directory-7f3a").run()
        }
        #expect(failure?.reason == .cannotStart(errno: ENOENT))
    }

    /// On timeout the whole group ends, the background `sleep` as well as the shell: once init
    /// has reaped the orphaned `sleep` (in its own time), no process of the group is left.
    @Test func timeoutEndsTheWholeProcessGroup() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("child-process-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let command = ChildProcess("sh", ["-c", "echo $$ > \(file.path); sleep 100 & sleep 100"], timeout: 1)
        let failure = #expect(throws: ChildProcess.Failure.self) { try command.run() }
        #expect(failure?.reason == .timedOut(after: 1))
        #expect(failure?.description.contains("did not finish within 1 s") == true)
        let group = try #require(pid_t(String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let deadline = Date(timeIntervalSinceNow: 30)
        while kill(-group, 0) == 0 && Date() < deadline { usleep(50_000) }
        #expect(kill(-group, 0) == -1 && errno == ESRCH)
    }

    /// A group that ignores SIGTERM gets SIGKILL `grace` seconds later.
    @Test func ignoredTerminationIsFollowedByKill() throws {
        var command = ChildProcess("sh", ["-c", "trap '' TERM; sleep 100"], timeout: 0.3)
        command.grace = 0.3
        let failure = #expect(throws: ChildProcess.Failure.self) { try command.run() }
        #expect(failure?.reason == .timedOut(after: 0.3))
    }

    /// No child holds this process's end of a pipe, its own or another run's: were the `sleep`
    /// (or `cat` itself) to hold the write end of the `cat`'s input, `cat` would wait for its end.
    @Test func runsDoNotInheritEachOthersPipes() throws {
        let sleepEnded = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            usleep(300_000)
            _ = try? ChildProcess("sleep", ["8"]).run()
            sleepEnded.signal()
        }
        let output = try ChildProcess("sh", ["-c", "sleep 1; cat"], input: Data(count: 1_000_000), timeout: 20).run()
        #expect(output.standardOutput.count == 1_000_000)
        // Order, not speed: had the `sleep` held the write end of `cat`'s input, `cat` could only
        // have ended after the `sleep` did, whose run then returns within moments.
        #expect(sleepEnded.wait(timeout: .now() + 0.5) == .timedOut, "cat ended only after the concurrent sleep")
        sleepEnded.wait()
    }

    @Test func reportsProgressWhileTheCommandRuns() throws {
        var reports: [Double] = []
        try ChildProcess("sleep", ["1.1"]).run(progressEvery: 0.25) { reports.append($0) }
        #expect((3...5).contains(reports.count))
        #expect(reports == reports.sorted() && reports.allSatisfy { $0 >= 0.25 && $0 < 1.5 })
    }
}
