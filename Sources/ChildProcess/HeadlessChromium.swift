import Foundation

/// Debian's headless Chromium, run with the network cut off: every host name resolves to nothing
/// and every request goes to a dead proxy, so a page that tries to fetch anything fails to. Each
/// run has a fresh profile, removed afterwards.
public struct HeadlessChromium: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The installed browser's path; nil when it is not installed.
    public static let installed = ChildProcess.find("chromium") ?? ChildProcess.find("chromium-browser")

    public let executable: String

    public init() throws(Failure) {
        guard let installed = Self.installed else {
            throw Failure(description: "headless Chromium not found: apt-get install -y chromium")
        }
        executable = installed
    }

    /// The DOM of `page` after its scripts ran (for up to `budget` ms of virtual time).
    public func dumpDOM(of page: URL, budget: Int = 10_000) throws -> String {
        String(decoding: try run(["--dump-dom", "--virtual-time-budget=\(budget)", page.absoluteString]), as: UTF8.self)
    }

    /// A PNG of `page` as a `width` x `height` window shows it.
    public func screenshot(of page: URL, to png: URL, width: Int = 1280, height: Int = 2400) throws {
        try run([
            "--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars",
            "--virtual-time-budget=10000", page.absoluteString,
        ])
    }

    /// `page` printed to PDF with its print stylesheet (its `@page` rules set the size, margins
    /// and page numbers; Chromium adds no header or footer of its own), after its scripts ran.
    public func printToPDF(_ page: URL, to pdf: URL) throws {
        try run([
            "--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", "--virtual-time-budget=10000",
            page.absoluteString,
        ])
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> Data {
        try ScratchDirectory.with("chromium-profile") { profile in
            try ChildProcess(executable, [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=\(profile.path)",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            ] + arguments, timeout: 120).run().standardOutput
        }
    }
}
