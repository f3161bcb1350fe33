import ChildProcess
import Foundation
import Testing

/// `report watch` as a researcher uses it: the paper open in a browser (headless Chromium, driven
/// over the DevTools protocol), the template and its data edited on disk, and the page changing by
/// itself: the test never navigates, so every change it sees was brought by the page's own
/// reload script. Waits poll with generous timeouts; nothing is timed.
@Suite(.serialized, .enabled(if: ChildProcess.find("chromium") != nil, "headless Chromium is not installed (apt-get install chromium)"))
struct WatchTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let template = """
        ---
        title: Watched
        seed: 1
        ---
        ```{data #obs file=obs.csv}
        ```
        ```{data #other file=other.csv}
        ```
        ```{stats #s of=obs.columns.loss}
        ```
        Rows: {{ obs.rows }}; other rows: {{ other.rows }}; mean loss: {{ s.mean }}. Marker: MARK.

        """

    @Test func editsReachTheOpenPageAndErrorsShowAboveTheLastGoodPaper() throws {
        let directory = try CommandLineTests().workspace(Self.template.replacingOccurrences(of: "MARK", with: "first"))
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        func save(_ text: String, _ path: String) throws {
            try text.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try save("loss\n1\n2\n3\n", "reports/obs.csv")
        try save("name\na\nb\n", "reports/other.csv")

        let watch = try Watched(in: directory)
        defer { watch.stop() }
        let port = try poll("the server's address") { watch.servingPort }
        let first = try poll("the first build") { watch.builds.first }
        #expect(first.contains("3 computed, 0 cached"), "\(watch.log)")
        // A page elsewhere whose host name resolves to 127.0.0.1 cannot read the paper.
        let rebound = try DevToolsPage.httpGet("/", port: port, host: "rebound.example:\(port)")
        #expect(String(decoding: rebound, as: UTF8.self) == "open the paper at http://127.0.0.1:\(port)/\n")

        let browser = try Browser(opening: "http://127.0.0.1:\(port)/")
        defer { browser.stop() }
        let page = try poll("the browser's DevTools") { browser.devToolsPort().flatMap { try? DevToolsPage(port: $0) } }
        func text() throws -> String? { try page.evaluate("document.body ? document.body.innerText : null") as? String }
        func banner() throws -> String? {
            try page.evaluate("(function () { var b = document.getElementById('report-watch-errors'); return b ? b.innerText : ''; })()") as? String
        }
        _ = try poll("the first paper in the browser") { try text().flatMap { $0.contains("Marker: first.") ? $0 : nil } }
        #expect(try text()?.contains("Rows: 3; other rows: 2") == true)

        // An edit of the prose: the page reloads itself; every directive comes from the cache.
        var built = watch.builds.count
        let saved = Date()
        try save(Self.template.replacingOccurrences(of: "MARK", with: "second"), "reports/p.md")
        _ = try poll("the edited paper in the browser") { try text().flatMap { $0.contains("Marker: second.") ? $0 : nil } }
        print("report watch: a save reached the open page in \(String(format: "%.2f", Date().timeIntervalSince(saved))) s")
        #expect(try poll("the second build") { watch.builds.count > built ? watch.builds.last : nil }.contains("0 computed, 3 cached"))

        // A broken edit: the errors show above the last good paper, which stays.
        built = watch.failures.count
        try save(Self.template.replacingOccurrences(of: "MARK", with: "{{ s.nope }}"), "reports/p.md")
        let errors = try poll("the error banner") { try banner().flatMap { $0.isEmpty ? nil : $0 } }
        #expect(errors.contains("The last build failed"))
        #expect(errors.contains("stale against the source"))
        #expect(errors.contains("reports/p.md:11:"), "\(errors)")
        #expect(try text()?.contains("Marker: second.") == true)
        #expect(try poll("the failure in the terminal") { watch.failures.count > built ? true : nil })

        // Fixed: the banner goes and the new paper shows.
        try save(Self.template.replacingOccurrences(of: "MARK", with: "third"), "reports/p.md")
        _ = try poll("the fixed paper in the browser") { try text().flatMap { $0.contains("Marker: third.") ? $0 : nil } }
        #expect(try banner() == "")

        // A data file's edit recomputes the directives that read it, and only those.
        built = watch.builds.count
        try save("loss\n1\n2\n3\n6\n", "reports/obs.csv")
        let text4 = try poll("the new data in the browser") { try text().flatMap { $0.contains("Rows: 4;") ? $0 : nil } }
        #expect(text4.contains("mean loss: 3"), "\(text4)")
        let rebuilt = try poll("the data's build") { watch.builds.count > built ? watch.builds.last : nil }
        #expect(rebuilt.contains("2 computed, 1 cached"), "\(watch.log)")

        // The page template's stylesheet is watched too; restyling recomputes nothing.
        built = watch.builds.count
        let stylesheet = directory.appendingPathComponent("templates/paper.css")
        try save(try String(contentsOf: stylesheet, encoding: .utf8) + ":root { --watched: 7; }\n", "templates/paper.css")
        _ = try poll("the new stylesheet in the browser") {
            try page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--watched').trim()") as? String == "7" ? true : nil
        }
        #expect(try poll("the stylesheet's build") { watch.builds.count > built ? watch.builds.last : nil }.contains("0 computed, 3 cached"))

        // The paper on disk is the built one, without the preview's script; Ctrl-C stops.
        let onDisk = try String(contentsOf: directory.appendingPathComponent("build/p.html"), encoding: .utf8)
        #expect(onDisk.contains("Rows: 4;") && !onDisk.contains("EventSource") && !onDisk.contains("connect-src"))
        #expect(watch.interrupt() == 130, "\(watch.log)")
    }

    /// A project without page templates of its own (as `report init` makes) is served with the
    /// built-in page, and a page template saved later is taken up.
    @Test func aProjectWithoutTemplatesIsServedWithTheBuiltInPage() throws {
        let directory = try CommandLineTests().workspace("---\ntitle: Plain\n---\nTwo is {{ 1 + 1 }}.\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("templates"))
        let watch = try Watched(in: directory)
        defer { watch.stop() }
        let port = try poll("the server's address") { watch.servingPort }
        _ = try poll("the first build") { watch.builds.first }
        let served = String(decoding: try DevToolsPage.httpGet("/", port: port), as: UTF8.self)
        #expect(served.contains("<p>Two is 2.</p>"), "\(watch.log)")
        #expect(served.contains("<h1 class=\"title\">Plain</h1>"))

        try FileManager.default.createDirectory(at: directory.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "<html><body data-page=\"own\">{{{body}}}</body></html>"
            .write(to: directory.appendingPathComponent("templates/paper.mustache"), atomically: true, encoding: .utf8)
        _ = try poll("the build with the project's page") { watch.builds.count > 1 ? true : nil }
        let own = String(decoding: try DevToolsPage.httpGet("/", port: port), as: UTF8.self)
        #expect(own.contains("<body data-page=\"own\"><p>Two is 2.</p>"), "\(watch.log)")
        #expect(watch.interrupt() == 130, "\(watch.log)")
    }

    /// `probe`'s first non-nil value, polled every 0.1 s for up to `timeout` seconds.
    private func poll<T>(_ what: String, timeout: Double = 180, _ probe: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = try probe() { return value }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "gave up waiting for \(what)")
    }

    /// `report watch reports/p.md --port 0` running in `directory`, its stderr in a file.
    private final class Watched {
        let process = Process()
        let logFile: URL

        init(in directory: URL) throws {
            logFile = directory.appendingPathComponent("watch.log")
            FileManager.default.createFile(atPath: logFile.path, contents: nil)
            process.executableURL = CommandLineTests.executable
            process.arguments = ["watch", "reports/p.md", "--port", "0", "--jobs", "1"]
            process.currentDirectoryURL = directory
            process.standardError = try FileHandle(forWritingTo: logFile)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
        var lines: [Substring] { log.split(separator: "\n") }
        var builds: [String] { lines.filter { $0.hasPrefix("report: wrote ") }.map(String.init) }
        var failures: [Substring] { lines.filter { $0.contains("nothing written") } }

        var servingPort: Int? {
            guard let line = lines.first(where: { $0.contains("http://127.0.0.1:") }),
                  let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) else { return nil }
            return Int(address.dropFirst("http://127.0.0.1:".count).prefix { $0.isNumber })
        }

        /// Sends SIGINT, as Ctrl-C does, and returns the exit status.
        func interrupt() -> Int32 {
            process.interrupt()
            process.waitUntilExit()
            return process.terminationStatus
        }

        func stop() {
            if process.isRunning { _ = interrupt() }
        }
    }

    /// Headless Chromium showing one page, with its DevTools on a port of its choosing and the
    /// network cut off except for 127.0.0.1.
    private final class Browser {
        let process = Process()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("watch-chromium-\(UUID().uuidString)")

        init(opening url: String) throws {
            process.executableURL = URL(fileURLWithPath: ChildProcess.find("chromium")!)
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=\(profile.path)", "--remote-debugging-port=0",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=127.0.0.1:9", url,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// The DevTools port, from the file Chromium writes once it listens; nil until then.
        func devToolsPort() -> Int? {
            let file = profile.appendingPathComponent("DevToolsActivePort")
            return (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n").first.flatMap { Int($0) }
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: profile)
        }
    }
}
