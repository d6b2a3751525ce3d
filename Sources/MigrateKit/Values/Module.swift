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

extension Module {
    /// The module and export a callee names, however it was imported: `X` from `import { X }`,
    /// `import X` (export `default`), `const { X } = require("m")` or `const X = require("m").X`;
    /// `ns.X` with `import * as ns`, a default import or `const ns = require("m")`. A name bound to
    /// a whole module gives export `*`. Nil for anything not imported.
    func importedName(_ callee: ScriptSyntax.Expression) -> (module: String, export: String)? {
        let e = callee.unwrapped
        switch e.kind {
        case .identifier(let name):
            return binding(of: name, at: e.range.lowerBound)
        case .member(let object, let export, _):
            guard case .identifier(let ns) = object.unwrapped.kind, let whole = binding(of: ns, at: object.range.lowerBound),
                whole.export == "*" || whole.export == "default"
            else { return nil }
            return (whole.module, export)
        default:
            return nil
        }
    }

    private func binding(of name: String, at token: Int) -> (module: String, export: String)? {
        guard let d = scopes.declaration(of: name, at: token) else { return nil }
        switch d.kind {
        case .import(let module, let imported): return (module, imported ?? "*")
        case .variable:
            guard var value = d.initializer?.unwrapped else { return nil }
            var path = d.path
            if case .member(let object, let export, _) = value.kind {
                value = object.unwrapped
                path.insert(export, at: 0)
            }
            guard case .call(let call) = value.kind, case .identifier("require") = call.callee.kind,
                let module = call.arguments?.first?.stringValue, path.count <= 1
            else { return nil }
            return (module, path.first ?? "*")
        default:
            return nil
        }
    }
}
