import ScriptSyntax

/// `stateless-opt-in` for the official TypeScript SDK: every `new StreamableHTTPServerTransport`
/// or `WebStandardStreamableHTTPServerTransport` (v1, `@modelcontextprotocol/sdk`), and v2's
/// `NodeStreamableHTTPServerTransport` (`@modelcontextprotocol/node` 2.1.0, which still exports
/// the old name as an alias) and `WebStandardStreamableHTTPServerTransport`
/// (`@modelcontextprotocol/server`) is a site; all take the same `sessionIdGenerator` option.
/// `sessionIdGenerator: undefined` is stateless (`already`); a generator makes the transport
/// stateful, and going stateless changes the code around it, so the site is `review` with the
/// steps. Never an edit.
struct SDKServers {
    let resolver: ValueResolver
    static let transports: Set<String> = ["StreamableHTTPServerTransport", "WebStandardStreamableHTTPServerTransport", "NodeStreamableHTTPServerTransport"]

    /// The sites and findings of one module.
    func scan(_ module: Module, findings: inout [Finding]) -> [Site] {
        var sites: [Site] = []
        var found: [Finding] = []
        SyntaxWalker(expression: { e in
            guard case .new(let call) = e.kind, Self.isTransport(call.callee, in: module) else { return }
            resolver.startSite()
            var judgements: [Judgement] = []
            let options = call.arguments?.first
            let values = options.map { resolver.values(of: $0, in: module) } ?? []
            if options == nil {
                judgements.append(Self.stateless)  // no options at all: no generator
            } else if values.isEmpty {
                judgements.append(Judgement(outcome: .review, reason: "the transport options lead to no value migrate can read; make sure `sessionIdGenerator` is `undefined`", unresolved: true))
            }
            for value in values {
                guard let (object, home) = value.object else {
                    if case .unresolved(let why, let place) = value {
                        judgements.append(Judgement(outcome: .review, reason: "the transport options could not be followed: \(why) (\(place))", unresolved: true))
                    } else {
                        judgements.append(Judgement(outcome: .review, reason: "the transport options are computed; make sure `sessionIdGenerator` is `undefined`", unresolved: true))
                    }
                    continue
                }
                let expression = ScriptSyntax.Expression(.object(object), object.open..<(object.close + 1))
                let generator = resolver.property("sessionIdGenerator", of: .expression(expression, home), depth: 0)
                if generator.allSatisfy(\.isAbsent) {
                    judgements.append(Self.stateless)
                } else if generator.contains(where: { if case .unresolved = $0 { true } else { false } }) {
                    judgements.append(Judgement(outcome: .review, reason: "`sessionIdGenerator` cannot be followed; make sure it is `undefined`", unresolved: true))
                } else {
                    judgements.append(Judgement(outcome: .review, reason: Self.steps))
                }
                for p in object.properties where p.name == "onsessioninitialized" || p.name == "onsessionclosed" {
                    found.append(Finding(file: home.path, line: home.line(p.range.lowerBound), kind: "session-state", advice:
                        "`\(p.name ?? "")` runs once per session; a stateless transport has no session, so it never runs: move what it does to the request handler"))
                }
            }
            let judgement = Judgement.combine(judgements)
            var site = module.context.site(at: e.range.lowerBound, stack: "sdk-ts", recipe: .statelessOptIn, judgement.outcome, judgement.reason)
            if judgement.unresolved { site.unresolved = true }
            sites.append(site)
        }).walk(module.file.tree)
        if let first = sites.first, AuthMissing.sdkVerdict(module, loader: resolver.loader) == .missing {
            found.append(Finding(file: module.path, line: first.line, kind: "auth-missing", advice: AuthMissing.advice(
                "this module serves the SDK's streamable HTTP transport and neither it nor the modules it imports mention a token check (`requireBearerAuth`, an `Authorization` header)",
                fix: "put `requireBearerAuth({ verifier })` from `@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js` ahead of the MCP route, or the server behind `mcp-stateless-proxy` (MIGRATION.md, \"The official TypeScript SDK\")")))
        }
        findings += found
        return sites
    }

    static let stateless = Judgement(outcome: .already, reason: "`sessionIdGenerator` is `undefined`: the transport keeps no session")

    /// What going stateless takes with the SDK: migrate does not rewrite it.
    static let steps = """
        `sessionIdGenerator` makes this transport stateful. For stateless mode: set `sessionIdGenerator: undefined`; create a new \
        server and transport for every POST and close them when the response ends; drop the map of transports by session id; \
        answer GET and DELETE on the endpoint with 405 (MIGRATION.md, "The official TypeScript SDK")
        """

    /// Whether `callee` is one of the SDK's streamable HTTP server transports, imported or required
    /// from the SDK.
    static func isTransport(_ callee: ScriptSyntax.Expression, in module: Module) -> Bool {
        guard let (from, export) = module.importedName(callee) else { return false }
        return from.hasPrefix("@modelcontextprotocol/") && transports.contains(export)
    }
}
