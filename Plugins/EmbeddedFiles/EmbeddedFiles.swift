import Foundation
import PackagePlugin

/// Generates `EmbeddedFiles.swift` in the target it is applied to (`report`): the text of the files
/// the installed tool needs wherever it runs, as Swift string literals, so that one binary works
/// from any directory without files installed beside it.
///
/// - `pageTemplate`, `stylesheet`: `templates/paper.mustache` and `templates/paper.css`, the
///   default page of the HTML paper (a project's own `templates/` overrides them).
/// - `scaffold`: every file under the target's `Scaffold/` folder (hidden ones included), by its
///   path relative to that folder: the project `report init` writes.
///
/// Every embedded file is an input of the command, so it runs again only when one changes.
@main struct EmbeddedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SwiftSourceModuleTarget else { return [] }
        let root = context.package.directoryURL
        let page = root.appendingPathComponent("templates/paper.mustache")
        let stylesheet = root.appendingPathComponent("templates/paper.css")
        let scaffold = module.directoryURL.appendingPathComponent("Scaffold")
        let scaffoldFiles = try regularFiles(under: scaffold)

        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        let arguments = [output.path, "--text", "pageTemplate", page.path, "--text", "stylesheet", stylesheet.path,
                         "--folder", "scaffold", scaffold.path] + scaffoldFiles.map(\.path)
        return [.buildCommand(
            displayName: "Embedding the default page and the scaffold of report init",
            executable: try context.tool(named: "embed-files").url,
            arguments: arguments,
            inputFiles: [page, stylesheet] + scaffoldFiles,
            outputFiles: [output])]
    }

    /// The regular files under `folder`, hidden ones included, sorted by path.
    private func regularFiles(under folder: URL) throws -> [URL] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw PluginError(description: "cannot list \(folder.path)")
        }
        return try walk.compactMap { $0 as? URL }
            .filter { try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true }
            .sorted { $0.path < $1.path }
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
}
