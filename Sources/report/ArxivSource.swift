import ChildProcess
import Foundation
import PaperHTML
import ReportEngine

/// The arXiv source of a paper: `<name>.tex`, written by Pandoc's LaTeX writer from the paper's
/// Pandoc Markdown, and the figures it includes as PDF; nothing else (the references are typeset
/// into the text by citeproc, so there is no `.bbl` to ship). `pdflatex` compiles it offline.
///
/// Pandoc rather than a writer of our own: its LaTeX writer already turns every construct the
/// papers use (math, pipe tables as longtables, links, floats with labels, escaping) into LaTeX
/// that arXiv's TeX Live compiles, and the document model only has to say what the numbers are.
enum ArxivSource {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The source's files under `build/<name>-arxiv/` and its tarball `build/<name>-arxiv.tar.gz`.
    static func outputs(of latex: LaTeXSource, _ request: BuildRequest) throws -> [OutputFile] {
        let directory = ReportBuild.arxivDirectory(request)
        let files = try files(of: latex, name: request.name)
        let archive = try ScratchDirectory.with("arxiv") { scratch in
            for file in files { try AtomicFile.write(file.contents, to: scratch.appendingPathComponent(file.path)) }
            return try tarball(of: scratch.path)
        }
        return files.map { OutputFile(path: "\(directory)/\($0.path)", contents: $0.contents) }
            + [OutputFile(path: directory + ".tar.gz", contents: archive)]
    }

    /// The files of the source, by path relative to its directory.
    static func files(of source: LaTeXSource, name: String) throws -> [OutputFile] {
        let metadata = source.metadata
        var fields: [String: Any] = ["title": metadata.title, "author": metadata.authors]
        if let abstract = metadata.abstract { fields["abstract"] = abstract }
        if let date = metadata.date { fields["date"] = date }
        if !metadata.keywords.isEmpty { fields["keywords"] = metadata.keywords }
        let header = try unicodeDeclarations(for: source.markdown + metadata.title + metadata.authors.joined() + (metadata.abstract ?? ""))
        let tex: Data
        do {
            tex = try ScratchDirectory.with("latex") { directory in
                try Data(source.markdown.utf8).write(to: directory.appendingPathComponent("paper.md"))
                try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]).write(to: directory.appendingPathComponent("metadata.json"))
                try Data(header.utf8).write(to: directory.appendingPathComponent("header.tex"))
                return try ChildProcess("pandoc", [
                    "paper.md", "--from=markdown", "--to=latex", "--standalone", "--wrap=preserve",
                    "--metadata-file=metadata.json", "--include-in-header=header.tex",
                    "--variable=papersize:\(metadata.paperSize == .letter ? "letter" : "a4")", "--variable=geometry:margin=2.5cm",
                    "--variable=colorlinks:true",
                ], directory: directory.path, timeout: 120).run().standardOutput
            }
        } catch let failure as ChildProcess.Failure where failure.reason == .notFound {
            throw Failure(description: "the LaTeX paper is written by Pandoc, which is not installed (apt-get install -y pandoc)")
        }
        return [OutputFile(path: "\(name).tex", contents: tex)] + source.figures
    }

    /// The source as a gzipped tar file, the same bytes for the same files: names sorted, times,
    /// owners and modes fixed, no name or time in the gzip header.
    static func tarball(of directory: String) throws -> Data {
        let tar = try ChildProcess("tar", [
            "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "--mode=go-w,u+rw,a+r",
            "--format=ustar", "-cf", "-", ".",
        ], directory: directory, timeout: 120).run().standardOutput
        return try ChildProcess("gzip", ["-n", "-9", "-c"], input: tar, timeout: 120).run().standardOutput
    }

    /// `\DeclareUnicodeCharacter` for every character beyond Latin-1 in `text` (pdflatex reads
    /// UTF-8 but knows only what it is told), from `latexCommands`; a character it lacks is an error.
    static func unicodeDeclarations(for text: String) throws -> String {
        let used = Set(text.unicodeScalars.filter { $0.value > 0x7F })
        let unknown = used.filter { latexCommands[$0] == nil && $0.value > 0xFF }.sorted { $0.value < $1.value }
        guard unknown.isEmpty else {
            throw Failure(description: "the LaTeX paper cannot typeset " + unknown.map { "'\(Character($0))' (U+\(String(format: "%04X", $0.value)))" }.joined(separator: ", ")
                + "; write it in math ($...$) or as plain text")
        }
        return used.compactMap { scalar in
            latexCommands[scalar].map { (scalar.value, "\\DeclareUnicodeCharacter{\(String(format: "%04X", scalar.value))}{\($0)}") }
        }.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: "\n") + "\n"
    }

    /// What each character is in LaTeX (text mode; `\ensuremath` where it is a math symbol).
    static let latexCommands: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let math: [(String, String)] = [
            ("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("ε", "varepsilon"), ("ϵ", "epsilon"),
            ("ζ", "zeta"), ("η", "eta"), ("θ", "theta"), ("ϑ", "vartheta"), ("ι", "iota"), ("κ", "kappa"),
            ("λ", "lambda"), ("μ", "mu"), ("ν", "nu"), ("ξ", "xi"), ("π", "pi"), ("ρ", "rho"), ("σ", "sigma"),
            ("τ", "tau"), ("υ", "upsilon"), ("φ", "varphi"), ("ϕ", "phi"), ("χ", "chi"), ("ψ", "psi"), ("ω", "omega"),
            ("Γ", "Gamma"), ("Δ", "Delta"), ("Θ", "Theta"), ("Λ", "Lambda"), ("Ξ", "Xi"), ("Π", "Pi"), ("Σ", "Sigma"),
            ("Υ", "Upsilon"), ("Φ", "Phi"), ("Ψ", "Psi"), ("Ω", "Omega"),
            ("×", "times"), ("±", "pm"), ("∓", "mp"), ("·", "cdot"), ("⋅", "cdot"), ("÷", "div"), ("−", "-"),
            ("→", "to"), ("←", "leftarrow"), ("↔", "leftrightarrow"), ("⇒", "Rightarrow"), ("⇔", "Leftrightarrow"), ("↦", "mapsto"),
            ("∈", "in"), ("∉", "notin"), ("⊂", "subset"), ("⊆", "subseteq"), ("∪", "cup"), ("∩", "cap"), ("∅", "emptyset"),
            ("∀", "forall"), ("∃", "exists"), ("¬", "neg"), ("∧", "wedge"), ("∨", "vee"),
            ("√", "surd"), ("∝", "propto"), ("≈", "approx"), ("≃", "simeq"), ("≅", "cong"), ("≡", "equiv"), ("≠", "neq"),
            ("≤", "leq"), ("≥", "geq"), ("≪", "ll"), ("≫", "gg"), ("∼", "sim"), ("∞", "infty"),
            ("∑", "sum"), ("∏", "prod"), ("∫", "int"), ("∂", "partial"), ("∇", "nabla"), ("∘", "circ"),
            ("⊗", "otimes"), ("⊕", "oplus"), ("⟨", "langle"), ("⟩", "rangle"), ("′", "prime"), ("″", "prime\\prime"),
            ("ℓ", "ell"), ("ħ", "hbar"), ("‖", "|"), ("∣", "mid"), ("⋯", "cdots"), ("⌊", "lfloor"), ("⌋", "rfloor"),
            ("⌈", "lceil"), ("⌉", "rceil"), ("ℝ", "mathbb{R}"), ("ℂ", "mathbb{C}"), ("ℤ", "mathbb{Z}"), ("ℕ", "mathbb{N}"),
            ("ℚ", "mathbb{Q}"),
        ]
        for (character, command) in math {
            table[character.unicodeScalars.first!] = command == "-" ? "\\ensuremath{-}" : "\\ensuremath{\\\(command)}"
        }
        let superscripts = Array("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˡᵏᵀ").map { $0.unicodeScalars.first! }
        for (scalar, plain) in zip(superscripts, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "\\textminus{}", "=", "(", ")", "n", "i", "l", "k", "T"]) {
            table[scalar] = "\\textsuperscript{\(plain)}"
        }
        let subscripts = Array("₀₁₂₃₄₅₆₇₈₉₊₋ₙₖᵢⱼₐₓ").map { $0.unicodeScalars.first! }
        for (scalar, plain) in zip(subscripts, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "\\textminus{}", "n", "k", "i", "j", "a", "x"]) {
            table[scalar] = "\\textsubscript{\(plain)}"
        }
        let text: [(String, String)] = [
            ("–", "\\textendash{}"), ("—", "\\textemdash{}"), ("…", "\\ldots{}"), ("\u{00A0}", "~"), ("\u{2009}", "\\,"),
            ("\u{202F}", "\\,"), ("\u{2011}", "-"), ("•", "\\textbullet{}"), ("†", "\\dag{}"), ("‡", "\\ddag{}"),
            ("‘", "`"), ("’", "'"), ("“", "``"), ("”", "''"), ("✓", "\\ensuremath{\\checkmark}"), ("✗", "\\ensuremath{\\times}"),
        ]
        for (character, command) in text { table[character.unicodeScalars.first!] = command }
        return table
    }()
}
