import ScriptSyntax

/// One TS/JS file of the repository as the resolver sees it: its tree, scopes and recipe context.
final class Module {
    /// Relative to the repository root.
    let path: String
    let file: ScriptFile
    /// Built on first use: most files read are only searched for constructions and start calls.
    private(set) lazy var scopes = ScopeIndex(file.tree)
    let context: ScriptContext

    init(_ file: ScriptFile) {
        path = file.path
        self.file = file
        context = ScriptContext(file)
    }

    /// 1-based line of token `token`.
    func line(_ token: Int) -> Int { file.tree.line(token..<(token + 1)) }

    /// `path:line` of token `token`, for reasons.
    func place(_ token: Int) -> String { "\(path):\(line(token))" }
}
