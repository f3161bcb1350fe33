import Foundation
import PackagePlugin

/// Generates `SourceDigests.swift` in the target it is applied to (ReportEngine): SHA-256 digests
/// of the sources that can change a cached result, so that cache keys follow the code that
/// computes a result and not the build of the executable.
///
/// - `computeCore`: every source of `Landscape`; the engine's code that shapes a stored result
///   (`Model/Value*.swift`, `Model/CanonicalJSON.swift`, `Cache/`), declares, reads and checks
///   a directive's parameters and results (`Directives/Declarations/`), or is shared by several
///   directives (`Directives/Shared/`: a directive file uses no other directive file's code, which
///   a test checks); and `Package.resolved`, which pins the dependencies' versions. Not in it:
///   `Package.swift` (adding a test resource recomputes nothing), the schema types and their
///   documentation (`Plan/DirectiveSchema.swift`), and the figure library and the directives'
///   figure code, which draw from results at render time.
/// - `directives`: each file directly in the engine's `Directives/` on its own, under the file's
///   name, which is the name of the directive's type.
/// - `figures`: every source of `Figures`, for rendered figures.
///
/// A Swift file is digested without its comment lines (`digest-sources`), so editing a doc
/// comment changes no key. Every digested file is an input of the command, so it runs again only
/// when one changes.
@main struct SourceDigestsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.standardizedFileURL.path + "/"
        func relative(_ url: URL) -> String {
            let path = url.standardizedFileURL.path
            precondition(path.hasPrefix(root), "\(path) lies outside the package")
            return String(path.dropFirst(root.count))
        }
        /// The target's folder (relative, with a trailing slash) and its Swift sources.
        func module(_ name: String) throws -> (folder: String, files: [String]) {
            guard let module = try context.package.targets(named: [name]).first as? SwiftSourceModuleTarget else {
                throw PluginError(description: "no source module named \(name)")
            }
            return (relative(module.directoryURL) + "/", module.sourceFiles(withSuffix: ".swift").map { relative($0.url) })
        }

        let engine = try module(target.name), figures = try module("Figures")
        let resultShaping = ["Value.swift", "ValueCoding.swift", "ValueType.swift", "ValueJSON.swift", "ValueCSV.swift", "CanonicalJSON.swift"].map { engine.folder + "Model/" + $0 }
        let shapingFolders = ["Cache/", "Directives/Declarations/", "Directives/Shared/"].map { engine.folder + $0 }
        let core = try module("Landscape").files + ["Package.resolved"]
            + engine.files.filter { file in resultShaping.contains(file) || shapingFolders.contains(where: file.hasPrefix) }
        // One file per directive, directly in Directives/ (its figures and the declarations live in subfolders).
        let directives = engine.files.filter { file in
            file.hasPrefix(engine.folder + "Directives/") && !file.dropFirst((engine.folder + "Directives/").count).contains("/")
        }

        let output = context.pluginWorkDirectoryURL.appendingPathComponent("SourceDigests.swift")
        var arguments = [root, output.path, "--digest", "computeCore"] + core + ["--digest", "figures"] + figures.files
        for file in directives {
            arguments += ["--directive", URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, file]
        }
        return [.buildCommand(
            displayName: "Digesting the sources that can change a result",
            executable: try context.tool(named: "digest-sources").url,
            arguments: arguments,
            inputFiles: Set(core + figures.files + directives).sorted().map { URL(fileURLWithPath: root + $0) },
            outputFiles: [output])]
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
}
