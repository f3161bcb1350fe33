/// Pandoc's citation syntax, read out of prose: `[@kumar2023]`, `[see @jules2023; @liao2024, sec. 3]`,
/// `[-@kumar2023]` (the year only) in brackets, and `@kumar2023` in running text. A key starts with
/// a letter, digit or `_` and goes on with letters, digits and `_`, and with any of `:.#$%&-+?<>~/`
/// followed by one of those (so the full stop after `@kumar2023.` ends the sentence, not the key).
/// Only the syntax is read here; Pandoc's citeproc formats the citation (see `Citeproc`).
enum CitationSyntax {
    /// The key of a citation `@key` whose `@` is at `at`, or nil.
    static func key(in scalars: [Unicode.Scalar], at: Int) -> String? {
        guard at < scalars.count, scalars[at] == "@" else { return nil }
        if at > 0, isKeyCharacter(scalars[at - 1]) { return nil }
        var key = String.UnicodeScalarView()
        var i = at + 1
        while i < scalars.count {
            let c = scalars[i]
            if isKeyCharacter(c) {
                key.append(c)
            } else if !key.isEmpty, internalPunctuation.contains(c), i + 1 < scalars.count, isKeyCharacter(scalars[i + 1]) {
                key.append(c)
            } else {
                break
            }
            i += 1
        }
        return key.isEmpty ? nil : String(key)
    }

    /// The key of an in-text citation `@key` at `at`, or nil; an `@` just inside brackets that are
    /// no citation (a link's text, a link reference definition) is none either.
    static func inTextKey(in scalars: [Unicode.Scalar], at: Int) -> String? {
        at > 0 && scalars[at - 1] == "[" ? nil : key(in: scalars, at: at)
    }

    /// A bracketed citation opening at `at` (`[`): its length in scalars and each key with its
    /// offset from `at`; nil when the brackets are not a citation (a link, an image, text, or only
    /// cross-references such as `[@fig-x]`).
    static func bracketed(in scalars: [Unicode.Scalar], at: Int) -> (length: Int, keys: [(key: String, offset: Int)])? {
        guard scalars[at] == "[", at == 0 || scalars[at - 1] != "!" else { return nil }
        var close = at + 1
        while close < scalars.count, scalars[close] != "]" {
            if scalars[close] == "[" || (scalars[close] == "{" && close + 1 < scalars.count && scalars[close + 1] == "{") { return nil }
            if scalars[close] == "\n", close + 1 < scalars.count, scalars[close + 1] == "\n" { return nil }
            close += 1
        }
        guard close < scalars.count else { return nil }
        // A link `[text](url)` or `[text][ref]`, or a link reference definition `[ref]: url` at a line's start.
        if close + 1 < scalars.count, ["(", "["].contains(scalars[close + 1]) { return nil }
        if close + 1 < scalars.count, scalars[close + 1] == ":", startsLine(scalars, at) { return nil }
        var keys: [(String, Int)] = []
        var partStart = at + 1
        for end in (at + 1)...close where end == close || scalars[end] == ";" {
            // Each part holds one key, after an optional prefix and '-'.
            var found: (String, Int)?
            for i in partStart..<end where scalars[i] == "@" {
                let before = i == partStart ? " " : scalars[i - 1]
                guard before == " " || before == "-" || before == "\n" || i == partStart, let key = key(in: scalars, at: i) else { continue }
                found = (key, i - at)
                break
            }
            guard let found else { return nil }
            keys.append(found)
            partStart = end + 1
        }
        if keys.allSatisfy({ key in InlineScanner.referencePrefixes.contains { key.0.hasPrefix($0) } }) { return nil }
        return (close + 1 - at, keys)
    }

    /// Whether only up to three spaces stand between the line's start and `at`.
    private static func startsLine(_ scalars: [Unicode.Scalar], _ at: Int) -> Bool {
        var i = at
        while i > 0, at - i < 3, scalars[i - 1] == " " { i -= 1 }
        return i == 0 || scalars[i - 1] == "\n"
    }

    private static let internalPunctuation: Set<Unicode.Scalar> = [":", ".", "#", "$", "%", "&", "-", "+", "?", "<", ">", "~", "/"]

    private static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_"
    }
}
