import ScriptLexer

/// `session-blockers`: code that behaves differently once there are no sessions. Findings only.
enum SessionBlockers {
    static func scan(_ context: ScriptContext) -> [Finding] {
        let file = context.file
        var findings: [Finding] = []
        func add(_ token: Int, _ advice: String) {
            findings.append(Finding(file: file.path, line: file.tokens[token].line, kind: "session-state", advice: advice))
        }
        if context.index.imports("fastmcp") {
            let instances = Set(StatelessOptIn.fastmcpInstances(context).map(\.name))
            for i in file.tokens.indices where file.tokens[i].kind == .identifier {
                let name = file.text(i)
                let member = file.isPunctuator(i - 1, ".") || file.isPunctuator(i - 1, "?.")
                // `server.x`, or `this.server.x` for an instance kept on a class: named as instances are.
                let owner = member && file.isIdentifier(i - 2) ? file.memberChain(endingAt: i - 2).names.joined(separator: ".") : ""
                switch name {
                case "session" where member:
                    add(i, "`\(owner).session` is per-connection state: in stateless mode each request gets a fresh session, so nothing stored on it survives to the next request; key such state by the token's subject in a shared store")
                case "sessions" where member && instances.contains(owner):
                    add(i, "`\(owner).sessions` lists live sessions; a stateless server keeps none, so it stays empty")
                case "on" where member && instances.contains(owner):
                    if let event = file.stringValue(i + 2), event == "connect" || event == "disconnect" {
                        add(i, "`\(owner).on(\"\(event)\")` fires for every request in stateless mode, not once per client; move per-client set-up elsewhere")
                    }
                case "requestSampling":
                    add(i, "`requestSampling` sends a request to the client over the session's stream; without a session there is no stream to send it on")
                case "roots" where member, "rootsChanged", "listRoots":
                    add(i, "client roots are per-session state; a stateless server cannot keep them between requests")
                default: break
                }
            }
        }
        // The official TypeScript SDK: a session id generator makes the transport stateful.
        for i in file.tokens.indices where file.isIdentifier(i, "sessionIdGenerator") && file.isPunctuator(i + 1, ":") {
            if file.isIdentifier(i + 2, "undefined") { continue }
            add(i, "`sessionIdGenerator` makes `StreamableHTTPServerTransport` stateful; set it to `undefined` (and create a transport per request) for stateless mode")
        }
        return findings
    }
}
