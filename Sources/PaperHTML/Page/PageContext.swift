import Foundation

/// The values a page template sees. Names are the template's vocabulary:
/// `{{title}}`, `{{#authors}}{{.}}{{/authors}}`, `{{date}}`, `{{{abstract}}}`, `{{keywords}}` (joined
/// by commas), `{{#contents}}{{id}} {{number}} {{{title}}} {{depth}}{{/contents}}`, `{{{body}}}`, `{{{stylesheet}}}`,
/// `{{paperSize}}` (`a4` or `letter`), `{{contentSecurityPolicy}}` and
/// `{{#math}}{{{stylesheet}}} {{{script}}}{{/math}}`.
/// Triple braces mark values that are already HTML.
struct PageContext {
    struct ContentsEntry {
        var id: String
        var number: String?
        var title: String
        var depth: Int
    }

    struct Math {
        var stylesheet: String
        var script: String
    }

    var title: String
    var authors: [String]
    var date: String?
    var abstract: String?
    var keywords: String?
    var contents: [ContentsEntry]
    var body: String
    var stylesheet: String
    var paperSize: String
    var contentSecurityPolicy: String
    var math: Math?

    /// Forbids every network fetch: images and fonts only from `data:`, styles and (with math)
    /// scripts only inline, no base URL or form target.
    static func contentSecurityPolicy(allowingScripts: Bool) -> String {
        let scripts = allowingScripts ? " script-src 'unsafe-inline';" : ""
        return "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline';"
            + scripts + " base-uri 'none'; form-action 'none'"
    }
}

extension PageContext.Math {
    /// KaTeX's script made safe to inline: a `</script` inside it would end the element.
    init(_ assets: MathAssets) {
        stylesheet = assets.stylesheet
        script = assets.script.replacingOccurrences(of: "</script", with: "<\\/script")
    }
}
