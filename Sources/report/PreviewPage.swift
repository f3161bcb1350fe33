import Foundation
import PaperHTML

/// The page `report watch` serves: the last good HTML paper with, above it, the errors of the
/// last build when it failed, and a script that reloads the page when another build lands. Only
/// the served copy changes; the paper written to disk stays self-contained and script-free.
enum PreviewPage {
    /// Where the page listens for builds: Server-Sent Events, one `data:` message per build.
    static let eventsPath = "/__events"
    /// The id of the error banner.
    static let bannerID = "report-watch-errors"

    /// The page for `paper` (nil before the first good build) and the failed build's `errors`
    /// (printed lines, empty when the last build succeeded). `build` names the build shown: the
    /// script asks for events since it, so a build that lands while the page loads still reloads it.
    static func html(paper: String?, errors: [String], build: String) -> String {
        let banner = errors.isEmpty ? "" : "\n" + errorBanner(errors, keptPaper: paper != nil)
        let script = reloadScript(build: build)
        guard let paper else {
            return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>report watch</title></head><body>\n"
                + banner + "<p>No paper has been built yet.</p>\n" + script + "</body></html>\n"
        }
        var page = allowingPreview(paper)
        if let body = page.range(of: "<body"), let end = page[body.upperBound...].firstIndex(of: ">") {
            page.insert(contentsOf: banner, at: page.index(after: end))
        } else {
            page = banner + page
        }
        if let close = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: script, at: close.lowerBound)
        } else {
            page += script
        }
        return page
    }

    /// `paper` with its Content-Security-Policy widened just enough for the preview: inline
    /// scripts and styles, and requests to this server (`connect-src 'self'`) for the events.
    static func allowingPreview(_ paper: String) -> String {
        guard let marker = paper.range(of: "http-equiv=\"Content-Security-Policy\""),
              let tagStart = paper[..<marker.lowerBound].range(of: "<meta", options: .backwards),
              let tagEnd = paper[marker.upperBound...].firstIndex(of: ">"),
              let content = paper[tagStart.lowerBound..<tagEnd].range(of: "content=\""),
              let contentEnd = paper[content.upperBound..<tagEnd].firstIndex(of: "\"")
        else { return paper }
        let policy = unescaped(String(paper[content.upperBound..<contentEnd]))
        return paper.replacingCharacters(in: content.upperBound..<contentEnd, with: widened(policy).htmlEscaped)
    }

    /// `policy` with `'unsafe-inline'` among the script and style sources and `'self'` as the one
    /// connect source.
    static func widened(_ policy: String) -> String {
        var directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in ["script-src", "style-src"] {
            if let index = directives.firstIndex(where: { $0.split(separator: " ").first.map(String.init) == name }) {
                let sources = directives[index].split(separator: " ").dropFirst().filter { $0 != "'none'" }
                if !sources.contains("'unsafe-inline'") {
                    directives[index] = ([name] + sources.map(String.init) + ["'unsafe-inline'"]).joined(separator: " ")
                }
            } else {
                directives.append(name + " 'unsafe-inline'")
            }
        }
        directives.removeAll { $0.hasPrefix("connect-src") }
        directives.append("connect-src 'self'")
        return directives.joined(separator: "; ")
    }

    private static func unescaped(_ attribute: String) -> String {
        [("&#39;", "'"), ("&#x27;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
            .reduce(attribute) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    private static func errorBanner(_ errors: [String], keptPaper: Bool) -> String {
        let heading = keptPaper
            ? "The last build failed; below is the last good paper, stale against the source until a build succeeds."
            : "The build failed."
        return """
            <div id="\(bannerID)" role="alert" style="position: sticky; top: 0; z-index: 2147483647; margin: 0; \
            padding: 0.75em 1em; background: #fff0f0; color: #5c0000; border-bottom: 2px solid #c00000; \
            font: 14px/1.4 ui-monospace, monospace; max-height: 50vh; overflow: auto;">\
            <strong>\(heading)</strong>\
            <pre style="margin: 0.5em 0 0; white-space: pre-wrap;">\(errors.joined(separator: "\n").htmlEscaped)</pre></div>

            """
    }

    /// Reloads the page on the next build, keeping the scroll position across the reload.
    private static func reloadScript(build: String) -> String {
        """
        <script>
        (function () {
          var key = "report-watch-scroll";
          var scroll = sessionStorage.getItem(key);
          if (scroll !== null) {
            sessionStorage.removeItem(key);
            window.addEventListener("load", function () { window.scrollTo(0, Number(scroll)); });
          }
          var events = new EventSource("\(eventsPath)?since=\(build)");
          events.onmessage = function () {
            events.close();
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          };
        })();
        </script>

        """
    }
}
