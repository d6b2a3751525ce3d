import ScriptLexer

/// `cors-headers` for TypeScript/JavaScript: where the server sets CORS itself (fastmcp's and
/// mcp-proxy's `cors` option, express `cors({…})`, hand-written `Access-Control-*` headers), make
/// browsers allowed to send `Authorization` and the MCP headers and to read the session id and the
/// auth challenge.
enum CORSHeaders {
    static func scan(_ context: ScriptContext) -> [Site] {
        frameworkOptions(context) + expressCORS(context) + honoCORS(context) + handWritten(context)
    }

    /// The option names of a CORS middleware.
    struct OptionNames {
        var allowed: String
        var exposed: String
        static let express = OptionNames(allowed: "allowedHeaders", exposed: "exposedHeaders")
        static let hono = OptionNames(allowed: "allowHeaders", exposed: "exposeHeaders")
    }

    // MARK: fastmcp / mcp-proxy `cors` option

    private static func frameworkOptions(_ context: ScriptContext) -> [Site] {
        var targets: [(object: ObjectLiteral, stack: String, fact: VersionFact.Key)] = []
        for call in StatelessOptIn.fastmcpStarts(context) {
            guard let argument = call.arguments.first, case .object(let options, _) = context.options(start: argument.start, end: argument.end)
            else { continue }
            targets.append((options, "fastmcp-ts", .fastmcpCORSOption))
            if let stream = options.property("httpStream"), case .object(let streamOptions) = ScriptValue(context.file, stream) {
                targets.append((streamOptions, "fastmcp-ts", .fastmcpCORSOption))
            }
        }
        for call in context.index.calls(to: context.index.names(for: "startHTTPServer", from: "mcp-proxy")) {
            guard let argument = call.arguments.first, case .object(let options, _) = context.options(start: argument.start, end: argument.end)
            else { continue }
            targets.append((options, "mcp-proxy-ts", .proxyCORSOption))
        }
        return targets.compactMap { target in
            guard let cors = target.object.property("cors") else { return nil }
            let at = cors.first
            switch ScriptValue(context.file, cors) {
            case .bool(false):
                return context.site(at: at, stack: target.stack, recipe: .corsHeaders, .review,
                                    "CORS is turned off (`cors: false`): browser clients cannot call this server; turn it on if they should")
            case .bool(true):
                return context.site(at: at, stack: target.stack, recipe: .corsHeaders, .already,
                                    "`cors: true` uses the defaults, which allow `Authorization` and the MCP headers")
            case .object(let options):
                return corsObject(options, at: at, stack: target.stack, context, requires: [target.fact], name: "`cors` option")
            case .identifier(let name):
                guard case .object(let options, _) = context.follow(name) else {
                    return context.site(at: at, stack: target.stack, recipe: .corsHeaders, .review,
                                        "the `cors` option comes from `\(name)`, which cannot be followed to one object literal")
                }
                return corsObject(options, at: at, stack: target.stack, context, requires: [target.fact], name: "`cors` option in `\(name)`")
            default:
                return context.site(at: at, stack: target.stack, recipe: .corsHeaders, .review, "the `cors` option is computed")
            }
        }
    }

    // MARK: express `cors(…)`

    private static func expressCORS(_ context: ScriptContext) -> [Site] {
        var names: Set<String> = []
        for binding in context.index.bindings where binding.module == "cors" {
            if binding.imported == .defaultExport || binding.imported == .namespace { names.insert(binding.local) }
        }
        return context.index.calls(to: names).map { call in
            guard let argument = call.arguments.first else {
                return context.site(at: call.first, stack: "express-ts", recipe: .corsHeaders, .already,
                                    "`cors()` without `allowedHeaders` reflects the headers each request asks for")
            }
            switch context.options(start: argument.start, end: argument.end) {
            case .unresolved(let why):
                return context.site(at: call.first, stack: "express-ts", recipe: .corsHeaders, .review, why)
            case .object(let options, let via):
                return corsObject(options, at: call.first, stack: "express-ts", context, requires: [],
                                  name: via.map { "`cors` options in `\($0)`" } ?? "`cors` options", reflectsWhenMissing: true)
            }
        }
    }

    // MARK: Hono `cors(…)` from `hono/cors`

    /// Hono's middleware: `cors({ origin, allowHeaders, exposeHeaders, credentials })`; without
    /// `allowHeaders` it reflects the request's `Access-Control-Request-Headers`.
    private static func honoCORS(_ context: ScriptContext) -> [Site] {
        let names = context.index.names(for: "cors", from: "hono/cors")
        return context.index.calls(to: names).map { call in
            guard let argument = call.arguments.first else {
                return context.site(at: call.first, stack: "hono-ts", recipe: .corsHeaders, .already,
                                    "`cors()` without `allowHeaders` reflects the headers each request asks for")
            }
            switch context.options(start: argument.start, end: argument.end) {
            case .unresolved(let why):
                return context.site(at: call.first, stack: "hono-ts", recipe: .corsHeaders, .review, why)
            case .object(let options, let via):
                return corsObject(options, at: call.first, stack: "hono-ts", context, requires: [],
                                  name: via.map { "`cors` options in `\($0)`" } ?? "`cors` options", reflectsWhenMissing: true, keys: .hono)
            }
        }
    }

    /// One CORS options object: the allowed and exposed header lists (`keys` names them) and
    /// `credentials`.
    private static func corsObject(
        _ options: ObjectLiteral, at token: Int, stack: String, _ context: ScriptContext, requires: [VersionFact.Key], name: String,
        reflectsWhenMissing: Bool = false, keys: OptionNames = .express
    ) -> Site {
        let file = context.file
        var credentials = false
        if let c = options.property("credentials"), case .bool(true) = ScriptValue(file, c) { credentials = true }
        var edits: [TextEdit] = []
        var summaries: [String] = []
        var notes: [String] = []
        for (key, wanted, label) in [(keys.allowed, HeaderLists.allowed, "allowed"), (keys.exposed, HeaderLists.exposed, "exposed")] {
            guard let property = options.property(key) else {
                if key == keys.allowed {
                    notes.append(reflectsWhenMissing ? "no `\(key)`: the request's headers are reflected" : "no `\(key)`: the defaults apply")
                    continue
                }
                if reflectsWhenMissing {
                    let list = wanted.map { "\(file.preferredQuote)\($0)\(file.preferredQuote)" }.joined(separator: ", ")
                    edits += context.editor.insert(key, "[\(list)]", into: options)
                    summaries.append("add `\(key)` with \(wanted.joined(separator: ", "))")
                }
                continue
            }
            guard property.kind == .value else {
                return context.site(at: token, stack: stack, recipe: .corsHeaders, .review, "`\(key)` in the \(name) is not a literal")
            }
            switch HeaderLists.complete(file, start: property.valueStart, end: property.valueEnd, wanted: wanted, credentials: credentials, name: label) {
            case .none: break
            case .edits(let e, let summary):
                edits += e
                summaries.append(summary)
            case .review(let why):
                return context.site(at: token, stack: stack, recipe: .corsHeaders, .review, why)
            }
        }
        if edits.isEmpty {
            let extra = notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
            return context.site(at: token, stack: stack, recipe: .corsHeaders, .already,
                                "the \(name) already allow `Authorization` and the MCP headers\(extra)")
        }
        return context.site(at: token, stack: stack, recipe: .corsHeaders, .apply, "\(name): " + summaries.joined(separator: "; "),
                            edits: edits, summary: summaries.joined(separator: "; "), requires: requires)
    }

    // MARK: hand-written headers

    private static let allowHeaders = "access-control-allow-headers"
    private static let exposeHeaders = "access-control-expose-headers"

    /// `res.setHeader("Access-Control-Allow-Headers", "…")`, `res.header(…)`, `res.set(…)`, and
    /// header objects `{ "Access-Control-Allow-Headers": "…" }`.
    private static func handWritten(_ context: ScriptContext) -> [Site] {
        let file = context.file
        let stack = context.index.imports("express") ? "express-ts" : "node-http-ts"
        var credentials = false
        var allowTokens: [(name: Int, value: Int?)] = []
        var exposeTokens: [(name: Int, value: Int?)] = []
        for i in file.tokens.indices {
            guard let text = file.stringValue(i)?.lowercased(), file.tokens[i].kind == .string else { continue }
            let separated = file.isPunctuator(i + 1, ":") || (file.isPunctuator(i + 1, ",") && file.isPunctuator(i - 1, "("))
            guard separated else { continue }
            let valueStart = i + 2
            let valueEnd = file.expressionEnd(from: valueStart, limit: file.tokens.count) - 1
            let single = valueEnd == valueStart ? valueStart : nil
            switch text {
            case allowHeaders: allowTokens.append((i, single))
            case exposeHeaders: exposeTokens.append((i, single))
            case "access-control-allow-credentials":
                if let single, file.stringValue(single) == "true" || file.text(single) == "true" { credentials = true }
            default: break
            }
        }
        var sites: [Site] = []
        for (name, value) in allowTokens {
            guard let value else {
                sites.append(context.site(at: name, stack: stack, recipe: .corsHeaders, .review,
                                          "`Access-Control-Allow-Headers` is computed; make sure it lists \(HeaderLists.allowed.joined(separator: ", "))"))
                continue
            }
            var edits: [TextEdit] = []
            var summaries: [String] = []
            switch HeaderLists.complete(file, start: value, end: value, wanted: HeaderLists.allowed, credentials: credentials, name: "allowed") {
            case .none: break
            case .edits(let e, let summary):
                edits += e
                summaries.append(summary)
            case .review(let why):
                sites.append(context.site(at: name, stack: stack, recipe: .corsHeaders, .review, why))
                continue
            }
            if exposeTokens.isEmpty, let statement = exposeStatement(after: name, context) {
                edits.append(statement)
                summaries.append("add `Access-Control-Expose-Headers: \(HeaderLists.exposed.joined(separator: ", "))`")
            }
            sites.append(edits.isEmpty
                ? context.site(at: name, stack: stack, recipe: .corsHeaders, .already, "`Access-Control-Allow-Headers` already lists what MCP clients send")
                : context.site(at: name, stack: stack, recipe: .corsHeaders, .apply, summaries.joined(separator: "; "),
                               edits: edits, summary: summaries.joined(separator: "; ")))
        }
        for (name, value) in exposeTokens {
            guard let value else {
                sites.append(context.site(at: name, stack: stack, recipe: .corsHeaders, .review, "`Access-Control-Expose-Headers` is computed"))
                continue
            }
            switch HeaderLists.complete(file, start: value, end: value, wanted: HeaderLists.exposed, credentials: credentials, name: "exposed") {
            case .none:
                sites.append(context.site(at: name, stack: stack, recipe: .corsHeaders, .already, "`Access-Control-Expose-Headers` already lists the session id and the challenge"))
            case .edits(let e, let summary):
                sites.append(context.site(at: name, stack: stack, recipe: .corsHeaders, .apply, summary, edits: e, summary: summary))
            case .review(let why):
                sites.append(context.site(at: name, stack: stack, recipe: .corsHeaders, .review, why))
            }
        }
        return sites
    }

    /// A new `x.setHeader("Access-Control-Expose-Headers", "…");` after the statement that sets
    /// the allowed headers, when that statement is a call; nil for header objects.
    private static func exposeStatement(after name: Int, _ context: ScriptContext) -> TextEdit? {
        let file = context.file
        guard file.isPunctuator(name - 1, "("), let close = file.matching(name - 1), file.isIdentifier(name - 2) else { return nil }
        var first = name - 2
        while first >= 2, file.isPunctuator(first - 1, "."), file.isIdentifier(first - 2) { first -= 2 }
        guard context.editor.startsLine(first) else { return nil }
        let callee = file.text(from: first, through: name - 2)
        let quote = Character(Unicode.Scalar(file.bytes[file.tokens[name].start]))
        let semicolon = file.isPunctuator(close + 1, ";")
        let end = file.tokens[semicolon ? close + 1 : close].end
        let indent = context.editor.indentation(at: file.tokens[first].start)
        let list = HeaderLists.exposed.joined(separator: ", ")
        return TextEdit(start: end, end: end,
                        replacement: context.editor.newline + indent + "\(callee)(\(quote)Access-Control-Expose-Headers\(quote), \(quote)\(list)\(quote))" + (semicolon ? ";" : ""))
    }
}
