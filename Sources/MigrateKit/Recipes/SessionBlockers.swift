import ScriptSyntax

/// `session-blockers`: code that behaves differently once there are no sessions. Findings only.
///
/// In fastmcp, `context.session` is what `authenticate` returned; in stateless mode that runs on
/// every request, so reading it is fine. Storing into it is not: the next request gets a fresh one.
/// Stores are assignments to a member reached through `session` (`session.cart = …`, `??=`, `++`),
/// `Object.assign(session…, …)`, mutating calls on a value read from it (`.push`, `.set`, …), and
/// collections keyed by a session id; template literals and destructured `{ session }` included.
/// In a module on the official SDK, state kept per session id (the map of transports) is one.
enum SessionBlockers {
    /// Methods that change the collection they are called on.
    static let mutatingMethods: Set<String> = [
        "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "set", "add", "delete", "clear",
    ]

    static func scan(_ module: Module) -> [Finding] {
        let file = module.file
        var findings: [Finding] = []
        func add(_ token: Int, _ advice: String) {
            findings.append(Finding(file: file.path, line: module.line(token), kind: "session-state", advice: advice))
        }
        let context = module.context
        if context.index.imports("fastmcp") {
            let instances = Set(StatelessOptIn.fastmcpInstances(context).map(\.name))
            SyntaxWalker(expression: { e in
                switch e.kind {
                case .assignment(_, let target, _), .postfix(_, let target), .unary("++", let target), .unary("--", let target):
                    if let path = sessionPath(target, in: module), path.count > 1 || isMember(target) {
                        add(e.range.lowerBound, "`\(file.tree.text(target.range))` stores state on the session: in stateless mode each request gets a fresh session, so it is gone by the next request; key such state by the token's subject in a shared store")
                    } else if case .index(_, let key, _) = target.unwrapped.kind, mentionsSessionID(key) {
                        add(e.range.lowerBound, "state keyed by a session id (`\(file.tree.text(target.range))`): without sessions the id changes on every request, so nothing is found again; key it by the token's subject")
                    }
                case .call(let call):
                    guard case .member(let receiver, let method, _) = call.callee.unwrapped.kind else { return }
                    let chain = receiver.memberChain.map { $0.joined(separator: ".") } ?? ""
                    if chain == "Object", method == "assign", let first = call.arguments?.first, sessionPath(first, in: module) != nil {
                        add(e.range.lowerBound, "`Object.assign(\(file.tree.text(first.range)), …)` stores state on the session, which stateless mode renews on every request; key such state by the token's subject in a shared store")
                    } else if mutatingMethods.contains(method), sessionPath(receiver, in: module) != nil {
                        add(e.range.lowerBound, "`\(file.tree.text(receiver.range)).\(method)(…)` changes state kept on the session, which stateless mode renews on every request; key such state by the token's subject in a shared store")
                    } else if method == "set", let key = call.arguments?.first, mentionsSessionID(key) {
                        add(e.range.lowerBound, "state keyed by a session id (`\(file.tree.text(receiver.range)).set(\(file.tree.text(key.range)), …)`): without sessions the id changes on every request; key it by the token's subject")
                    } else if instances.contains(chain), method == "on", let event = call.arguments?.first?.stringValue, event == "connect" || event == "disconnect" {
                        add(e.range.lowerBound, "`\(chain).on(\"\(event)\")` fires for every request in stateless mode, not once per client; move per-client set-up elsewhere")
                    } else if method == "requestSampling" {
                        add(e.range.lowerBound, "`requestSampling` sends a request to the client over the session's stream; without a session there is no stream to send it on")
                    } else if method == "listRoots" || method == "rootsChanged" {
                        add(e.range.lowerBound, "client roots are per-session state; a stateless server cannot keep them between requests")
                    }
                case .member(let object, "sessions", _):
                    if let chain = object.memberChain?.joined(separator: "."), instances.contains(chain) {
                        add(e.range.lowerBound, "`\(chain).sessions` lists live sessions; a stateless server keeps none, so it stays empty")
                    }
                case .member(_, "roots", _):
                    if sessionPath(e, in: module) != nil {
                        add(e.range.lowerBound, "client roots are per-session state; a stateless server cannot keep them between requests")
                    }
                default: break
                }
            }).walk(file.tree)
        }
        // The official SDK's transports are sites of their own (``SDKServers``); what is kept per
        // session around them (the map of transports by session id, most often) is a finding.
        if !context.index.imports("fastmcp"), context.index.bindings.contains(where: { $0.module.hasPrefix("@modelcontextprotocol/") }) {
            func keyed(_ token: Int, _ text: String) {
                add(token, "`\(text)` keeps state per session id: a stateless transport (`sessionIdGenerator: undefined`) has no session id, so a map of transports goes away (a new server and transport per request) and other state is keyed by the token's subject (MIGRATION.md, \"The official TypeScript SDK\")")
            }
            SyntaxWalker(expression: { e in
                switch e.kind {
                case .assignment(_, let target, _):
                    if case .index(_, let key, _) = target.unwrapped.kind, mentionsSessionID(key) { keyed(e.range.lowerBound, file.tree.text(target.range)) }
                case .call(let call):
                    if case .member(let receiver, "set", _) = call.callee.unwrapped.kind, let key = call.arguments?.first, mentionsSessionID(key) {
                        keyed(e.range.lowerBound, "\(file.tree.text(receiver.range)).set(\(file.tree.text(key.range)), …)")
                    }
                default: break
                }
            }).walk(file.tree)
        }
        return findings.sorted { $0.line < $1.line }
    }

    /// The member names after `session` when `e` reaches a fastmcp session: `context.session.cart`
    /// → ["session", "cart"]; a `session` destructured from a parameter (`{ session }`) counts.
    static func sessionPath(_ e: ScriptSyntax.Expression, in module: Module) -> [String]? {
        var names: [String] = []
        var current = e.unwrapped
        while true {
            switch current.kind {
            case .member(let object, let name, _):
                names.insert(name, at: 0)
                if name == "session" { return Array(names) }
                current = object.unwrapped
            case .index(let object, _, _):
                names.insert("[]", at: 0)
                current = object.unwrapped
            case .call(let call):
                current = call.callee.unwrapped
            case .identifier(let name):
                guard let d = module.scopes.declaration(of: name, at: current.range.lowerBound) else { return nil }
                if case .parameter = d.kind, d.path.last == "session" { return ["session"] + names }
                // `const s = context.session` or `const { session } = context`
                if case .variable = d.kind, let initializer = d.initializer {
                    if d.path.last == "session" { return ["session"] + names }
                    if d.path.isEmpty, let inner = sessionPath(initializer, in: module) { return inner + names }
                }
                return nil
            default:
                return nil
            }
        }
    }

    private static func isMember(_ e: ScriptSyntax.Expression) -> Bool {
        switch e.unwrapped.kind {
        case .member, .index: return true
        default: return false
        }
    }

    /// Whether an expression names a session id (`sessionId`, `context.sessionId`, `session.id`).
    static func mentionsSessionID(_ e: ScriptSyntax.Expression) -> Bool {
        switch e.unwrapped.kind {
        case .identifier(let name): return name == "sessionId" || name == "sessionID"
        case .member(let object, let name, _):
            if name == "sessionId" || name == "sessionID" { return true }
            if name == "id", case .member(_, "session", _) = object.unwrapped.kind { return true }
            return false
        case .template(let t): return t.substitutions.contains(where: mentionsSessionID)
        default: return false
        }
    }
}
