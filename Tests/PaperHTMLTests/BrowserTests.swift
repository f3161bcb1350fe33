import ChildProcess
import Foundation
import Testing
@testable import PaperHTML

/// Opens the fixture paper in headless Chromium with no network and checks, from the rendered DOM,
/// that the math was typeset, every image decoded, and nothing was fetched or blocked. Leaves the
/// page, a screenshot and a printed PDF in `build/PaperHTMLTests/` for people to look at.
@Suite(.serialized, .enabled(if: HeadlessChromium.installed != nil, "headless Chromium is not installed (apt-get install chromium)"))
struct BrowserTests {
    static let output = Fixtures.repository.appendingPathComponent("build/PaperHTMLTests")

    /// What the probe script saw, read back from the DOM.
    struct Probe: Decodable {
        var violations: [String]
        var errors: [String]
        var resources: [String]
        var math: Int
        var typeset: Int
        var katexErrors: Int
        var images: [Int]
        var fonts: [String]
    }

    /// Recorded into the page after its fonts are ready, as JSON in `<script id="probe-result">`.
    static let probeScript = """
        <script>
        (function () {
          var probe = {violations: [], errors: []};
          document.addEventListener("securitypolicyviolation", function (event) {
            probe.violations.push(event.violatedDirective + " " + event.blockedURI);
          });
          window.addEventListener("error", function (event) {
            var target = event.target;
            probe.errors.push(target && target.src !== undefined ? "failed to load " + String(target.src).slice(0, 80)
                                                                  : String(event.message));
          }, true);
          window.addEventListener("load", function () {
            document.fonts.ready.then(function () {
              probe.resources = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
              probe.math = document.querySelectorAll(".math").length;
              probe.typeset = document.querySelectorAll(".math > .katex, .math > .katex-display").length;
              probe.katexErrors = document.querySelectorAll(".katex-error").length;
              probe.images = Array.prototype.map.call(document.images, function (image) { return image.naturalWidth; });
              probe.fonts = [];
              document.fonts.forEach(function (face) {
                if (face.status === "loaded") probe.fonts.push(face.family.replace(/"/g, ""));
              });
              var result = document.createElement("script");
              result.type = "application/json";
              result.id = "probe-result";
              result.textContent = JSON.stringify(probe);
              document.body.appendChild(result);
            });
          });
        })();
        </script>
        """

    /// `html` with the probe inserted right after the CSP meta, opened; returns the DOM.
    static func probedDOM(_ html: String, name: String) throws -> String {
        let marker = try #require(html.range(of: "<meta name=\"viewport\""))
        var probed = html
        probed.insert(contentsOf: probeScript + "\n", at: marker.lowerBound)
        return try HeadlessChromium().dumpDOM(of: write(probed, to: "\(name).probe.html"))
    }

    static let probeResult = "<script type=\"application/json\" id=\"probe-result\">"

    /// What the probe saw in `html`.
    static func probe(_ html: String, name: String) throws -> Probe {
        let dom = try probedDOM(html, name: name)
        let start = try #require(dom.range(of: probeResult))
        let end = try #require(dom.range(of: "</script>", range: start.upperBound..<dom.endIndex))
        return try JSONDecoder().decode(Probe.self, from: Data(dom[start.upperBound..<end.lowerBound].utf8))
    }

    static func write(_ text: String, to name: String) throws -> URL {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let url = output.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func paper() throws -> String { try Fixtures.render(math: MathAssets.load()) }

    @Test func paperRendersOfflineWithTypesetMathAndImages() throws {
        let probe = try Self.probe(Self.paper(), name: "paper")
        #expect(probe.violations == [])
        #expect(probe.errors == [])
        #expect(probe.resources.filter { !$0.hasPrefix("data:") } == [])
        #expect(probe.math == 6)
        #expect(probe.typeset == probe.math)
        #expect(probe.katexErrors == 0)
        #expect(probe.images == [480, 96])
        #expect(probe.fonts.contains("KaTeX_Main"))
        #expect(probe.fonts.contains("KaTeX_Math"))
    }

    /// The probe itself must notice a blocked request, or its silence above proves nothing.
    /// (It needs a page with math: without, the page's policy forbids the probe's own script.)
    @Test func probeSeesABlockedRequest() throws {
        let html = try Self.paper()
            .replacingOccurrences(of: "<main>", with: "<main><img src=\"https://example.com/x.png\">")
        let probe = try Self.probe(html, name: "blocked")
        #expect(probe.violations.contains { $0.contains("https://example.com/x.png") })
        #expect(probe.images.first == 0)
    }

    /// Without math the policy allows no script at all: not even the probe runs.
    @Test func pageWithoutMathRunsNoScript() throws {
        let html = try Fixtures.render("No math, one figure:\n\n![Figure 1](f.svg)", metadata: PaperMetadata(title: "T"),
                                       images: ["f.svg": Fixtures.discoverySVG], math: MathAssets.load())
        let dom = try Self.probedDOM(html, name: "no-math")
        #expect(dom.contains("No math, one figure"))
        #expect(!dom.contains(Self.probeResult))
    }

    @Test func screenshotAndPrint() throws {
        let page = try Self.write(Self.paper(), to: "paper.html")
        let png = Self.output.appendingPathComponent("paper.png")
        let pdf = Self.output.appendingPathComponent("paper.pdf")
        try? FileManager.default.removeItem(at: png)
        try? FileManager.default.removeItem(at: pdf)
        try HeadlessChromium().screenshot(of: page, to: png)
        try HeadlessChromium().printToPDF(page, to: pdf)
        #expect(try Data(contentsOf: png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF".utf8)))
    }
}
