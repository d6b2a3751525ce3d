import ScriptLexer

/// `stateless-opt-in` for TypeScript/JavaScript: fastmcp's `server.start({ transportType:
/// "httpStream", httpStream: { stateless: true } })` and mcp-proxy's `startHTTPServer({ stateless: true })`.
enum StatelessOptIn {
    /// The mcp-proxy sites of one file (fastmcp servers are found package-wide by ``FastMCPServers``).
    static func scan(_ context: ScriptContext) -> [Site] {
        mcpProxy(context)
    }

    // MARK: fastmcp

    /// Local names of FastMCP instances created in this file: `const server = new FastMCP(…)`.
    static func fastmcpInstances(_ context: ScriptContext) -> [(name: String, call: ScriptIndex.Call)] {
        let constructors = context.index.names(for: "FastMCP", from: "fastmcp")
        return context.index.calls(to: constructors).filter(\.isNew).compactMap { call in
            context.index.assignedName(expressionStart: call.first).map { ($0, call) }
        }
    }

    static func fastmcpStarts(_ context: ScriptContext) -> [ScriptIndex.Call] {
        let instances = Set(fastmcpInstances(context).map { "\($0.name).start" })
        return context.index.calls(to: instances)
    }

    // MARK: mcp-proxy

    private static func mcpProxy(_ context: ScriptContext) -> [Site] {
        let file = context.file
        let names = context.index.names(for: "startHTTPServer", from: "mcp-proxy")
        return context.index.calls(to: names).map { call in
            func site(_ outcome: Outcome, _ reason: String, _ edits: [TextEdit] = [], summary: String? = nil) -> Site {
                context.site(at: call.first, stack: "mcp-proxy-ts", recipe: .statelessOptIn, outcome, reason, edits: edits,
                             summary: summary, requires: outcome == .apply || outcome == .already ? [.proxyStateless] : [])
            }
            guard let argument = call.arguments.first else { return site(.review, "`startHTTPServer()` without options") }
            switch context.options(start: argument.start, end: argument.end) {
            case .unresolved(let why):
                return site(.review, why + "; set `stateless: true` by hand")
            case .object(let options, let via):
                let where_ = via.map { " (options in `\($0)`)" } ?? ""
                guard let stateless = options.property("stateless") else {
                    return site(.apply, "the options\(where_) have no `stateless`; insert `stateless: true`",
                                context.editor.insert("stateless", "true", into: options), summary: "insert `stateless: true`")
                }
                switch ScriptValue(file, stateless) {
                case .bool(true): return site(.already, "`stateless` is true\(where_)")
                case .bool(false):
                    return site(.apply, "`stateless: false` flipped to true\(where_)",
                                [context.editor.replaceValue(of: stateless, with: "true")], summary: "set `stateless` to true")
                default:
                    return site(.review, "`stateless` is computed (\(file.text(from: stateless.valueStart, through: stateless.valueEnd))); make sure it is true in production")
                }
            }
        }
    }
}
