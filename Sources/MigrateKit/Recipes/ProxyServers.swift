import ScriptSyntax

/// `stateless-opt-in` for mcp-proxy's `startHTTPServer({ …, stateless: true })`: every call whose
/// callee is mcp-proxy's export (named, namespace or `require` import), with every value its
/// options may have judged as fastmcp's are.
struct ProxyServers {
    let resolver: ValueResolver
    let stack = "mcp-proxy-ts"

    /// The sites of one module.
    func scan(_ module: Module, findings: inout [Finding]) -> [Site] {
        var sites: [Site] = []
        var missing: [Finding] = []
        SyntaxWalker(expression: { e in
            guard case .call(let call) = e.kind, Self.isStartHTTPServer(call.callee, in: module) else { return }
            resolver.startSite()
            let judgement: Judgement
            if let argument = call.arguments?.first {
                let values = resolver.values(of: argument, in: module)
                judgement = Judgement.combine(values.map { judge($0, site: module, multiple: values.count > 1) })
            } else {
                judgement = Judgement(outcome: .review, reason: "`startHTTPServer()` without options")
            }
            let edits = judgement.siteEdits(at: module.path)
            var site = module.context.site(
                at: e.range.lowerBound, stack: stack, recipe: .statelessOptIn, judgement.outcome, judgement.reason, edits: edits,
                summary: edits.contains { $0.replacement == "true" } ? "set `stateless` to true" : "insert `stateless: true`",
                requires: judgement.outcome == .apply || judgement.outcome == .already ? [.proxyStateless] : [])
            if judgement.unresolved { site.unresolved = true }
            sites.append(site)
            if AuthMissing.check(call.arguments?.first, in: module, keys: AuthMissing.proxyKeys, resolver: resolver) == .missing {
                missing.append(Finding(file: module.path, line: module.line(e.range.lowerBound), kind: "auth-missing", advice: AuthMissing.advice(
                    "this `startHTTPServer` has neither `authenticate` nor `apiKey`",
                    fix: "pass `authenticate` to verify the bearer token on every request, or put the server behind `mcp-stateless-proxy` (MIGRATION.md, \"mcp-proxy\")")))
            }
        }).walk(module.file.tree)
        findings += missing
        return sites
    }

    /// Whether `callee` is mcp-proxy's `startHTTPServer`, however it was imported.
    static func isStartHTTPServer(_ callee: ScriptSyntax.Expression, in module: Module) -> Bool {
        guard let (from, export) = module.importedName(callee) else { return false }
        return from == "mcp-proxy" && export == "startHTTPServer"
    }

    private func judge(_ value: ResolvedValue, site: Module, multiple: Bool) -> Judgement {
        guard case .expression(let e, let module) = value, case .object(let object) = e.unwrapped.kind,
            let options = ObjectLiteral(module.file, open: object.open)
        else {
            if case .unresolved(let why, let place) = value {
                return Judgement(outcome: .review, reason: "the options could not be followed: \(why) (\(place)); set `stateless: true` by hand", unresolved: true)
            }
            return Judgement(outcome: .review, reason: "the options are computed; set `stateless: true` by hand", unresolved: true)
        }
        let whereText = multiple || module.path != site.path ? " (options at \(module.place(object.open)))" : ""
        let stateless = resolver.property("stateless", of: value, depth: 0)
        if stateless.count == 1, stateless[0].isAbsent, case .expression(let absent, _) = stateless[0], absent.range == e.range {
            let edits = module.context.editor.insert("stateless", "true", into: options).map { edit -> TextEdit in
                var edit = edit
                edit.file = module.path
                return edit
            }
            return Judgement(outcome: .apply, reason: "the options\(whereText) have no `stateless`; insert `stateless: true`", edits: edits)
        }
        if stateless.count == 1, case .unresolved(let why, let place) = stateless[0] {
            return Judgement(outcome: .review, reason: "`stateless` is decided elsewhere: \(why) (\(place)); make sure it is true in production", unresolved: true)
        }
        guard let property = options.property("stateless") else {
            return Judgement(outcome: .review, reason: "`stateless`\(whereText) may have several values; make sure it is true in production", unresolved: true)
        }
        switch ScriptValue(module.file, property) {
        case .bool(true): return Judgement(outcome: .already, reason: "`stateless` is true\(whereText)")
        case .bool(false):
            var edit = module.context.editor.replaceValue(of: property, with: "true")
            edit.file = module.path
            return Judgement(outcome: .apply, reason: "`stateless: false` flipped to true\(whereText)", edits: [edit])
        default:
            return Judgement(outcome: .review, reason: "`stateless` is computed (\(module.file.text(from: property.valueStart, through: property.valueEnd)))\(whereText); make sure it is true in production")
        }
    }
}
