import ScriptLexer
import ScriptSyntax

/// `stateless-opt-in` for fastmcp across a package: every `start(…)` whose receiver is a
/// `new FastMCP(…)` (however it gets there: a variable, a factory, an export of another module, a
/// class property, a ternary), every value its options may have, and every construction with no
/// start found (a `review`, never silence).
struct FastMCPServers {
    let resolver: ValueResolver
    /// `session-state` findings (stores on the session and other stateful uses), for safe flips.
    var sessionFindings: [Finding] = []
    /// The package folder of a path.
    var packageOf: (String) -> String = { _ in "" }
    let stack = "fastmcp-ts"

    /// A `new FastMCP(…)`.
    struct Construction: Hashable {
        var path: String
        var token: Int
    }

    /// Sites for the start calls in `packages` (modules grouped by package, each group with its own
    /// time budget) and for constructions tied to no start: for those, the package's modules that
    /// import the constructing module are read and searched too.
    func scan(
        _ packages: [(folder: String, modules: [Module])], loader: ModuleLoader, isTest: (String) -> Bool, findings: inout [Finding]
    ) -> [Site] {
        var sites: [Site] = []
        var served: Set<Construction> = []
        var constructions: [Construction: Module] = [:]
        var tied: Set<Construction> = []
        for package in packages {
            for module in package.modules {
                for construction in Self.constructions(in: module, resolver: resolver) { constructions[construction] = module }
            }
        }
        var scanned: Set<String> = []
        for package in packages {
            loader.startBudget()
            sites += startSites(in: package.modules, constructions: constructions, tied: &tied, served: &served)
            scanned.formUnion(package.modules.map(\.path))
        }
        // Constructions with no start yet: look at the modules of their package that import them.
        for package in packages {
            loader.startBudget()
            let inPackage = { (path: String) in package.folder.isEmpty || path.hasPrefix(package.folder + "/") }
            var frontier = constructions.filter { !tied.contains($0.key) && !isTest($0.key.path) && inPackage($0.value.path) }.map(\.value.path)
            var rounds = 0
            while !frontier.isEmpty, rounds < ResolverBounds.depth {
                rounds += 1
                var next: [String] = []
                for path in Set(frontier).sorted() {
                    let importers = loader.importers(of: path, within: package.folder).filter { !scanned.contains($0.path) }
                    scanned.formUnion(importers.map(\.path))
                    sites += startSites(in: importers, constructions: constructions, tied: &tied, served: &served)
                    next += importers.map(\.path)
                }
                frontier = next
            }
        }
        // HTTP servers that check no token.
        for construction in served.sorted(by: { ($0.path, $0.token) < ($1.path, $1.token) }) where !isTest(construction.path) {
            guard let module = constructions[construction] else { continue }
            if AuthMissing.check(Self.options(of: construction, in: module), in: module, keys: AuthMissing.fastmcpKeys, resolver: resolver) == .missing {
                findings.append(Finding(file: module.path, line: module.line(construction.token), kind: "auth-missing", advice: AuthMissing.advice(
                    "this FastMCP server serves HTTP without `authenticate` (or `oauth`)",
                    fix: "add `authenticate` to `new FastMCP({ … })` to verify the bearer token on every request (MIGRATION.md, \"fastmcp\")")))
            }
        }
        for (construction, module) in constructions.sorted(by: { ($0.key.path, $0.key.token) < ($1.key.path, $1.key.token) })
        where !tied.contains(construction) && !isTest(construction.path) {
            sites.append(site(module, at: construction.token, Judgement(
                outcome: .review,
                reason: "no `start(…)` of this FastMCP server was found in its package (it may be started through a path migrate cannot follow); make sure it is started with `httpStream: { stateless: true }`",
                unresolved: true), usesAuthenticate: false))
        }
        return sites
    }

    /// The start sites of `modules`, recording which constructions they start.
    private func startSites(
        in modules: [Module], constructions: [Construction: Module], tied: inout Set<Construction>, served: inout Set<Construction>
    ) -> [Site] {
        var sites: [Site] = []
        for module in modules {
            for (call, receiver) in Self.startCalls(in: module) {
                resolver.startSite()
                let receivers = resolver.values(of: receiver, in: module)
                var found: [Construction] = []
                var unknown: [String] = []
                for value in receivers {
                    switch value {
                    case .expression(let e, let home):
                        if case .new(let c) = e.kind, Self.isFastMCPClass(c.callee, in: home) {
                            found.append(Construction(path: home.path, token: e.range.lowerBound))
                        }
                    case .unresolved(let why, let place): unknown.append("\(why) (\(place))")
                    default: break
                    }
                }
                let importsFastMCP = module.file.tree.statements.contains { s in
                    if case .import(let i) = s.kind { return i.module == "fastmcp" }
                    return false
                }
                if found.isEmpty {
                    // Not provably a FastMCP instance; in a file that uses fastmcp, say so.
                    guard importsFastMCP, !unknown.isEmpty else { continue }
                    sites.append(site(module, at: call.range.lowerBound, Judgement(
                        outcome: .review, reason: "`\(module.file.tree.text(receiver.range)).start(…)` may start a FastMCP server, but its receiver could not be followed: \(unknown.joined(separator: "; "))",
                        unresolved: true), usesAuthenticate: false))
                    continue
                }
                tied.formUnion(found)
                var judgement = judgeStart(call, in: module)
                if !unknown.isEmpty {
                    judgement = Judgement.combine([judgement, Judgement(outcome: .review, reason: "the receiver may also be something else: \(unknown.joined(separator: "; "))", unresolved: true)])
                }
                if [.apply, .already, .blocked].contains(judgement.outcome) { served.formUnion(found) }
                let usesAuthenticate = found.contains { c in constructions[c].map { Self.hasAuthenticate(c, in: $0) } ?? false }
                sites.append(site(module, at: call.range.lowerBound, judgement, usesAuthenticate: usesAuthenticate))
            }
        }
        return sites
    }

    private func site(_ module: Module, at token: Int, _ judgement: Judgement, usesAuthenticate: Bool) -> Site {
        let requires: [VersionFact.Key] = usesAuthenticate ? [.fastmcpStateless, .fastmcpPassesAuthenticate] : [.fastmcpStateless]
        let outcome = judgement.outcome
        let edits = judgement.siteEdits(at: module.path)
        var site = module.context.site(
            at: token, stack: stack, recipe: .statelessOptIn, outcome, judgement.reason, edits: edits,
            summary: judgement.edits.contains { $0.replacement.isEmpty } ? "move `stateless: true` into `httpStream`" : "set `httpStream.stateless` to true",
            requires: outcome == .apply || outcome == .already ? requires : [])
        if judgement.unresolved { site.unresolved = true }
        return site
    }

    // MARK: - Finding servers

    /// Whether `callee` is fastmcp's `FastMCP` class, however it was imported.
    static func isFastMCPClass(_ callee: ScriptSyntax.Expression, in module: Module) -> Bool {
        guard let (from, export) = module.importedName(callee) else { return false }
        return from == "fastmcp" && (export == "FastMCP" || export == "default")
    }

    /// Every `new FastMCP(…)` of a module.
    static func constructions(in module: Module, resolver: ValueResolver) -> [Construction] {
        var found: [Construction] = []
        // Cheap first: a module that neither imports fastmcp nor names `FastMCP` constructs none
        // (and needs no scope index).
        guard module.context.index.imports("fastmcp")
            || module.file.tokens.indices.contains(where: { module.file.tokens[$0].kind == .identifier && module.file.text($0) == "FastMCP" })
        else { return [] }
        SyntaxWalker(expression: { e in
            if case .new(let c) = e.kind, isFastMCPClass(c.callee, in: module) {
                found.append(Construction(path: module.path, token: e.range.lowerBound))
            }
        }).walk(module.file.tree)
        return found
    }

    /// Every `x.start(…)` call of a module, with its receiver.
    static func startCalls(in module: Module) -> [(ScriptSyntax.Expression, ScriptSyntax.Expression)] {
        var found: [(ScriptSyntax.Expression, ScriptSyntax.Expression)] = []
        SyntaxWalker(expression: { e in
            if case .call(let c) = e.kind, case .member(let receiver, "start", _) = c.callee.kind { found.append((e, receiver)) }
        }).walk(module.file.tree)
        return found
    }

    /// The first argument of the construction `new FastMCP(options)`.
    static func options(of construction: Construction, in module: Module) -> ScriptSyntax.Expression? {
        var result: ScriptSyntax.Expression?
        SyntaxWalker(expression: { e in
            guard e.range.lowerBound == construction.token, case .new(let c) = e.kind, result == nil else { return }
            result = c.arguments?.first
        }).walk(module.file.tree)
        return result
    }

    /// Whether the construction's options literal has an `authenticate` property (it raises the
    /// fastmcp floor to the version that passes it on).
    static func hasAuthenticate(_ construction: Construction, in module: Module) -> Bool {
        guard case .object(let o)? = options(of: construction, in: module)?.unwrapped.kind else { return false }
        return o.properties.contains { $0.name == "authenticate" }
    }

    // MARK: - Judging the options

    private func judgeStart(_ call: ScriptSyntax.Expression, in module: Module) -> Judgement {
        guard case .call(let c) = call.kind, let argument = c.arguments?.first else {
            return Judgement(outcome: .notApplicable, reason: "`start()` without options serves stdio only")
        }
        let values = resolver.values(of: argument, in: module)
        return Judgement.combine(values.map { judgeOptions($0, site: module, multiple: values.count > 1) })
    }

    /// ` (what at path:line)` when the place is worth naming: another module, or one of several values.
    private func place(_ what: String, _ token: Int, in module: Module, site: Module, multiple: Bool) -> String {
        multiple || module.path != site.path ? " (\(what) at \(module.place(token)))" : ""
    }

    private func judgeOptions(_ value: ResolvedValue, site: Module, multiple: Bool) -> Judgement {
        switch value {
        case .unresolved(let why, let place):
            return Judgement(outcome: .review, reason: "the start options could not be followed: \(why) (\(place)); set `httpStream: { stateless: true }` by hand", unresolved: true)
        case .expression(let e, let module):
            if value.isAbsent { return Judgement(outcome: .notApplicable, reason: "no options (\(module.place(e.range.lowerBound))): fastmcp serves stdio") }
            guard case .object(let object) = e.unwrapped.kind else {
                return Judgement(outcome: .review, reason: "the start options are computed (`\(module.file.tree.text(e.range).prefix(80))` at \(module.place(e.range.lowerBound))); set `httpStream: { stateless: true }` by hand", unresolved: true)
            }
            return judgeObject(object, e, in: module, site: site, multiple: multiple)
        default:
            return Judgement(outcome: .review, reason: "the start options are not an object literal", unresolved: true)
        }
    }

    private func judgeObject(_ object: ScriptSyntax.ObjectLiteral, _ e: ScriptSyntax.Expression, in module: Module, site: Module, multiple: Bool) -> Judgement {
        let file = module.file
        let whereText = place("options", object.open, in: module, site: site, multiple: multiple)
        let options = ResolvedValue.expression(e, module)
        // The transport.
        var runtimeTransport = false
        let transports = resolver.property("transportType", of: options, depth: 0)
        var strings: [String] = []
        for t in transports {
            if let s = t.string { strings.append(s) } else if !t.isAbsent { runtimeTransport = true }
        }
        let hasTransport = !(transports.count == 1 && transports[0].isAbsent)
        if hasTransport, !runtimeTransport, !strings.isEmpty, strings.allSatisfy({ $0 == "stdio" }) {
            return Judgement(outcome: .notApplicable, reason: "stdio transport only\(whereText)")
        }
        if strings.contains("sse") {
            return Judgement(outcome: .blocked, reason: "`transportType: \"sse\"` was removed in fastmcp 2.0.0; switch to `httpStream` by hand (a manual upgrade), then run migrate again")
        }
        if let other = strings.first(where: { $0 != "stdio" && $0 != "httpStream" }) {
            return Judgement(outcome: .review, reason: "unknown transportType \"\(other)\"\(whereText)")
        }
        let streamValues = resolver.property("httpStream", of: options, depth: 0)
        let streamAbsent = streamValues.allSatisfy(\.isAbsent)
        if !hasTransport && streamAbsent {
            return Judgement(outcome: .notApplicable, reason: "no `transportType`: fastmcp serves stdio\(whereText)")
        }
        if strings.contains("stdio") || (runtimeTransport && !strings.contains("httpStream")) { runtimeTransport = true }
        let note = runtimeTransport ? " (the transport is chosen at run time; `stateless` only affects httpStream)" : ""
        // `stateless` written at the top level is ignored by fastmcp.
        let literal = ObjectLiteral(file, open: object.open)
        let misplaced = literal?.properties.first { $0.key == "stateless" && $0.kind == .value }
        guard !streamAbsent else {
            return Judgement(outcome: .review, reason: "no `httpStream` options object\(whereText): add `httpStream: { port: …, stateless: true }`\(note)")
        }
        var judgements: [Judgement] = []
        for stream in streamValues where !stream.isAbsent {
            judgements.append(judgeStream(stream, misplaced: misplaced.flatMap { m in literal.map { (m, $0, module) } }, note: note,
                                          site: site, multiple: multiple || streamValues.count > 1))
        }
        return Judgement.combine(judgements)
    }

    private func judgeStream(
        _ stream: ResolvedValue, misplaced: (ObjectLiteral.Property, ObjectLiteral, Module)?, note: String, site: Module, multiple: Bool
    ) -> Judgement {
        guard case .expression(let e, let module) = stream, case .object(let object) = e.unwrapped.kind,
            let streamOptions = ObjectLiteral(module.file, open: object.open)
        else {
            if case .unresolved(let why, let place) = stream {
                return Judgement(outcome: .review, reason: "`httpStream` could not be followed: \(why) (\(place))", unresolved: true)
            }
            return Judgement(outcome: .review, reason: "`httpStream` is computed; make sure it has `stateless: true`", unresolved: true)
        }
        let whereText = place("httpStream options", object.open, in: module, site: site, multiple: multiple)
        var edits: [TextEdit] = []
        var reasons: [String] = []
        if let (property, options, home) = misplaced {
            edits.append(file(home.context.editor.remove(property, from: options), home, module))
            reasons.append("misplaced: fastmcp ignores `stateless` at the top level of the start options; moved into `httpStream`")
        }
        let stateless = resolver.property("stateless", of: stream, depth: 0)
        let editor = module.context.editor
        if stateless.count == 1, stateless[0].isAbsent, case .expression(let absent, _) = stateless[0], absent.range == e.range {
            // No `stateless` (and no spread that could bring one): insert it.
            edits += editor.insert("stateless", "true", into: streamOptions).map { file($0, module, module) }
            if reasons.isEmpty { reasons.append("the httpStream options\(whereText) have no `stateless`; insert `stateless: true`") }
            return Judgement(outcome: .apply, reason: reasons.joined(separator: "; ") + note, edits: edits)
        }
        if stateless.count == 1, case .unresolved(let why, let place) = stateless[0] {
            return Judgement(outcome: .review, reason: "`stateless` is decided elsewhere: \(why) (\(place)); make sure it is true in production", unresolved: true)
        }
        guard let property = streamOptions.property("stateless"), stateless.count == 1 else {
            return Judgement(outcome: .review, reason: "`httpStream.stateless`\(whereText) may have several values; make sure it is true in production", unresolved: true)
        }
        switch ScriptValue(module.file, property) {
        case .bool(true):
            if edits.isEmpty { return Judgement(outcome: .already, reason: "`httpStream.stateless` is true\(whereText)") }
        case .bool(false):
            // Someone chose stateful mode; if the package keeps state on the session, flipping it
            // would lose that state on every request.
            let package = packageOf(module.path)
            let stores = sessionFindings.filter { packageOf($0.file) == package }
            if !stores.isEmpty {
                let places = stores.prefix(3).map { "\($0.file):\($0.line)" }.joined(separator: ", ") + (stores.count > 3 ? " and \(stores.count - 3) more" : "")
                return Judgement(outcome: .review, reason: "`stateless: false` is set explicitly\(whereText) and this package keeps per-session state (\(places)); move that state to a store keyed by the token's subject, then set `stateless: true`")
            }
            edits.append(file(editor.replaceValue(of: property, with: "true"), module, module))
            reasons.append("`stateless: false` flipped to true\(whereText)")
        default:
            return Judgement(outcome: .review, reason: "`httpStream.stateless` is computed (\(module.file.text(from: property.valueStart, through: property.valueEnd)))\(whereText); make sure it is true in production")
        }
        return Judgement(outcome: .apply, reason: reasons.joined(separator: "; ") + note, edits: edits)
    }

    /// An edit of `home`'s file, named when it is not the site's module (set later by the site).
    private func file(_ edit: TextEdit, _ home: Module, _ module: Module) -> TextEdit {
        var edit = edit
        edit.file = home.path
        return edit
    }
}
