import ScriptLexer

/// `stateless-opt-in` for TypeScript/JavaScript: fastmcp's `server.start({ transportType:
/// "httpStream", httpStream: { stateless: true } })` and mcp-proxy's `startHTTPServer({ stateless: true })`.
enum StatelessOptIn {
    static func scan(_ context: ScriptContext) -> [Site] {
        fastmcp(context) + mcpProxy(context)
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

    private static func fastmcp(_ context: ScriptContext) -> [Site] {
        let instances = fastmcpInstances(context)
        var sites: [Site] = []
        let usesAuthenticate = instances.contains { instance in
            guard let first = instance.call.arguments.first, case .object(let o) = ScriptValue(context.file, start: first.start, end: first.end)
            else { return false }
            return o.property("authenticate") != nil
        }
        for call in fastmcpStarts(context) {
            sites.append(fastmcpStart(call, context, usesAuthenticate: usesAuthenticate))
        }
        return sites
    }

    private static func fastmcpStart(_ call: ScriptIndex.Call, _ context: ScriptContext, usesAuthenticate: Bool) -> Site {
        let file = context.file
        let stack = "fastmcp-ts"
        let requires: [VersionFact.Key] = usesAuthenticate ? [.fastmcpStateless, .fastmcpPassesAuthenticate] : [.fastmcpStateless]
        func site(_ outcome: Outcome, _ reason: String, _ edits: [TextEdit] = [], summary: String? = nil) -> Site {
            context.site(at: call.first, stack: stack, recipe: .statelessOptIn, outcome, reason, edits: edits, summary: summary,
                         requires: outcome == .apply || outcome == .already ? requires : [])
        }
        guard let argument = call.arguments.first else {
            return site(.notApplicable, "`start()` without options serves stdio only")
        }
        let options: ObjectLiteral
        let via: String?
        switch context.options(start: argument.start, end: argument.end) {
        case .object(let object, let name): (options, via) = (object, name)
        case .unresolved(let why): return site(.review, why + "; set `httpStream: { stateless: true }` by hand")
        }
        let where_ = via.map { " (options in `\($0)`)" } ?? ""
        var runtimeTransport = false
        if let transport = options.property("transportType") {
            switch ScriptValue(file, transport) {
            case .string("stdio"): return site(.notApplicable, "stdio transport only")
            case .string("sse"):
                return site(.blocked, "`transportType: \"sse\"` was removed in fastmcp 2.0.0; switch to `httpStream` by hand (a manual upgrade), then run migrate again")
            case .string("httpStream"): break
            case .string(let other): return site(.review, "unknown transportType \"\(other)\"")
            default: runtimeTransport = true
            }
        } else if options.property("httpStream") == nil {
            return site(.notApplicable, "no `transportType`: fastmcp serves stdio")
        }
        let note = runtimeTransport ? " (the transport is chosen at run time; `stateless` only affects httpStream)" : ""
        let misplaced = options.properties.first { $0.key == "stateless" && $0.kind == .value }

        guard let streamProperty = options.property("httpStream") else {
            return site(.review, "no `httpStream` options object\(where_): add `httpStream: { port: …, stateless: true }`\(note)")
        }
        let streamOptions: ObjectLiteral
        switch ScriptValue(file, streamProperty) {
        case .object(let object): streamOptions = object
        case .identifier(let name):
            guard case .object(let object, _) = context.follow(name) else {
                return site(.review, "`httpStream` comes from `\(name)`, which cannot be followed to one object literal in this file")
            }
            streamOptions = object
        default:
            return site(.review, "`httpStream` is computed (\(file.text(from: streamProperty.valueStart, through: streamProperty.valueEnd)))")
        }
        var edits: [TextEdit] = []
        var reasons: [String] = []
        if let misplaced {
            edits.append(context.editor.remove(misplaced, from: options))
            reasons.append("misplaced: fastmcp ignores `stateless` at the top level of the start options; moved into `httpStream`")
        }
        if let stateless = streamOptions.property("stateless") {
            switch ScriptValue(file, stateless) {
            case .bool(true):
                if edits.isEmpty { return site(.already, "`httpStream.stateless` is true\(where_)") }
            case .bool(false):
                edits.append(context.editor.replaceValue(of: stateless, with: "true"))
                reasons.append("`stateless: false` flipped to true\(where_)")
            default:
                return site(.review, "`httpStream.stateless` is computed (\(file.text(from: stateless.valueStart, through: stateless.valueEnd))); make sure it is true in production")
            }
        } else {
            edits += context.editor.insert("stateless", "true", into: streamOptions)
            if reasons.isEmpty { reasons.append("the httpStream options\(where_) have no `stateless`; insert `stateless: true`") }
        }
        return site(.apply, reasons.joined(separator: "; ") + note, edits,
                    summary: misplaced != nil ? "move `stateless: true` into `httpStream`" : "set `httpStream.stateless` to true")
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
