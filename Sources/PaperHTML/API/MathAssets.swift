import Foundation

/// KaTeX, to typeset the paper's math in the browser without a network.
public struct MathAssets: Sendable, Equatable {
    /// `katex.min.js`.
    public var script: String
    /// `katex.min.css` with its fonts inlined as woff2 `data:` URIs.
    public var stylesheet: String

    public init(script: String, stylesheet: String) {
        self.script = script
        self.stylesheet = stylesheet
    }

    /// Debian's `libjs-katex` (with `fonts-katex`) installs KaTeX here.
    public static let debianDirectory = "/usr/share/javascript/katex"

    /// Reads `katex.min.js`, `katex.min.css` and the woff2 fonts it names from a KaTeX distribution.
    /// The only file I/O of this module.
    public static func load(fromDirectory directory: String = debianDirectory) throws -> MathAssets {
        let root = URL(fileURLWithPath: directory)
        func read(_ path: String) throws -> Data {
            do { return try Data(contentsOf: root.appendingPathComponent(path)) } catch {
                throw HTMLPaperError.unreadableMathAsset(root.appendingPathComponent(path).path)
            }
        }
        let css = String(decoding: try read("katex.min.css"), as: UTF8.self)
        return MathAssets(
            script: String(decoding: try read("katex.min.js"), as: UTF8.self),
            stylesheet: try inliningFonts(in: css, read: read))
    }

    /// `css` with each `@font-face` source list cut down to its woff2 file, as a `data:` URI
    /// read through `read` (given the `url(...)` path).
    static func inliningFonts(in css: String, read: (String) throws -> Data) rethrows -> String {
        var parts = css.components(separatedBy: "src:")
        for index in parts.indices.dropFirst() {
            let part = parts[index]
            guard let end = part.firstIndex(where: { $0 == ";" || $0 == "}" }) else { continue }
            let sources = part[..<end].split(separator: ",")
            guard let woff2 = sources.first(where: { $0.contains("woff2") }),
                  let open = woff2.range(of: "url("), let close = woff2.range(of: ")", range: open.upperBound..<woff2.endIndex)
            else { continue }
            let path = woff2[open.upperBound..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            let font = try read(path).base64EncodedString()
            parts[index] = "url(data:font/woff2;base64,\(font)) format('woff2')" + part[end...]
        }
        return parts.joined(separator: "src:")
    }
}
