import Foundation
import PackagePlugin

/// Generates `SourceDigests.swift` in the target it is applied to (ReportEngine): SHA-256 digests
/// of the sources that can change a cached result, so that cache keys follow the code that
/// computes a result and not the build of the executable.
///
/// - `computeCore`: every source of `Landscape`; the engine's code that shapes a stored result
///   (`Model/Value.swift`, `Model/CanonicalJSON.swift`, `Cache/`) or hands a directive its
///   arguments (`Plan/DirectiveSchema.swift`); `Figures/Model/`, since figure values are results
///   too; and `Package.swift`, which pins the dependencies' versions.
/// - `directives`: each file of the engine's `Directives/` on its own, under the file's name,
///   which is the name of the directive's type.
/// - `figures`: every source of `Figures`, for rendered figures.
///
/// Every digested file is an input of the command, so it runs again only when one changes.
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
        let resultShaping = ["Model/Value.swift", "Model/CanonicalJSON.swift", "Plan/DirectiveSchema.swift"].map { engine.folder + $0 }
        let core = try module("Landscape").files + ["Package.swift"]
            + figures.files.filter { $0.hasPrefix(figures.folder + "Model/") }
            + engine.files.filter { resultShaping.contains($0) || $0.hasPrefix(engine.folder + "Cache/") }
        let directives = engine.files.filter { $0.hasPrefix(engine.folder + "Directives/") }

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
