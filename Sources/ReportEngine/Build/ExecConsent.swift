extension ReportBuild {
    /// An error at each `exec` directive of `template`. A paper is often someone else's, and `exec`
    /// runs the command it names with the reader's rights, so a build runs none unless the reader
    /// allowed it (`BuildRequest.allowExec`, `--allow-exec` on the command line); the built-in
    /// directives need no such consent.
    static func execRefusals(_ template: Template) -> [Diagnostic] {
        template.blocks.compactMap { block in
            guard case .directive(let call) = block, call.kind == ExecDirective.name else { return nil }
            return .error(at: call.location, "this paper runs commands (exec); rebuild with --allow-exec if you trust it")
        }
    }
}
