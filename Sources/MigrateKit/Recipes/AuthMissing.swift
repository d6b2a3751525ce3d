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
}
