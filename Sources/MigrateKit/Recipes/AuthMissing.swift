import ScriptLexer
import ScriptSyntax

/// `auth-missing`: an HTTP server that checks no token. Stateless mode exists so that every request
/// carries `Authorization: Bearer …` and is checked; a server with nothing to check it serves
/// everyone. A finding (never an edit): `verify` passes it, `verify --strict` fails on it.
enum AuthMissing {
    /// The finding's text: what was seen and what to do.
    static func advice(_ what: String, fix: String) -> String {
        "\(what): nothing checks a token, so in stateless mode every request is served to anyone who can reach it; \(fix)"
    }

    /// Options properties that authenticate a fastmcp server.
    static let fastmcpKeys: Set<String> = ["authenticate", "oauth"]
    /// Options properties that authenticate an mcp-proxy server.
    static let proxyKeys: Set<String> = ["authenticate", "apiKey"]

    enum Verdict {
        /// The options provably have none of the keys.
        case missing
        /// One is there, or the options cannot be followed (then nothing is claimed).
        case presentOrUnknown
    }

    /// Whether every value `options` may have is an object literal with none of `keys` (spreads
    /// that could bring one count as unknown).
    static func check(_ options: ScriptSyntax.Expression?, in module: Module, keys: Set<String>, resolver: ValueResolver) -> Verdict {
        guard let options else { return .missing }
        let values = resolver.values(of: options, in: module)
        for value in values {
            if value.isAbsent { continue }
            guard let (object, home) = value.object else { return .presentOrUnknown }
            for key in keys {
                let found = resolver.property(key, of: .expression(ScriptSyntax.Expression(.object(object), object.open..<(object.close + 1)), home), depth: 0)
                if !found.allSatisfy(\.isAbsent) { return .presentOrUnknown }
            }
        }
        return .missing
    }

    /// Words that, in a name, suggest a token is checked (lowercase): the SDK's
    /// `requireBearerAuth`, `authorization`, `authenticate`, OAuth, JWT, Passport, API keys.
    static let authWords = ["auth", "bearer", "token", "jwt", "passport", "apikey", "api_key"].map { Array($0.utf8) }

    /// HTTP frameworks whose app, created in a module, shows that module routes the requests.
    static let httpFrameworks: Set<String> = ["express", "hono", "fastify", "koa", "http", "node:http", "@hono/node-server"]

    /// Whether a module shows any sign of checking a token: a name (variable, function, member,
    /// import) with one of ``authWords`` in it (`requireBearerAuth`, `req.headers.authorization`,
    /// `verifyToken`), or the string `"Authorization"` where a header is looked up (a call
    /// argument or an index: `c.req.header("Authorization")`). An `Authorization` in a CORS list
    /// is not a check (migrate's own CORS edit writes one), and comments do not count.
    static func mentionsTokenCheck(_ module: Module) -> Bool {
        let file = module.file
        for token in file.tokens where token.kind == .identifier {
            let name = file.bytes[token.start..<token.end].map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
            if FileClassifier.mentions(name, authWords) { return true }
        }
        var found = false
        SyntaxWalker(expression: { e in
            guard !found else { return }
            func isAuthorization(_ e: ScriptSyntax.Expression?) -> Bool { e?.stringValue?.lowercased() == "authorization" }
            switch e.kind {
            case .call(let call): found = call.arguments?.contains(where: isAuthorization) ?? false
            case .index(_, let key, _): found = isAuthorization(key)
            default: break
            }
        }).walk(file.tree)
        return found
    }

    /// An official-SDK server's module: `.missing` only when the module routes HTTP itself (it
    /// imports an HTTP framework), and neither it nor any local module it imports shows a token
    /// check (``mentionsTokenCheck(_:)``). A local import that cannot be read, or an app set up
    /// elsewhere (where middleware may sit ahead of the route), claims nothing.
    static func sdkVerdict(_ module: Module, loader: ModuleLoader) -> Verdict {
        let specifiers = Set(module.context.index.bindings.map(\.module))
        guard specifiers.contains(where: httpFrameworks.contains), !mentionsTokenCheck(module) else { return .presentOrUnknown }
        for specifier in specifiers where specifier.hasPrefix(".") {
            guard let path = loader.resolve(specifier, from: module.path), let imported = loader.module(path),
                !mentionsTokenCheck(imported)
            else { return .presentOrUnknown }
        }
        return .missing
    }
}
