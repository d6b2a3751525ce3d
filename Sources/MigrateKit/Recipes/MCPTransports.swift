import ScriptSyntax

/// The MCP HTTP transports migrate recognises, and whether an app serves one.
///
/// | package | what serves MCP over HTTP |
/// |---|---|
/// | `fastmcp` | `FastMCP#start({ transportType: "httpStream" })` |
/// | `mcp-proxy` | `startHTTPServer` |
/// | `@modelcontextprotocol/sdk` (v1; checked against 1.25.1) | `StreamableHTTPServerTransport` (`server/streamableHttp.js`), `WebStandardStreamableHTTPServerTransport` (`server/webStandardStreamableHttp.js`) |
/// | `@modelcontextprotocol/server`, `@modelcontextprotocol/node` (v2 split packages; checked against `@modelcontextprotocol/node` 2.1.0's source: `NodeStreamableHTTPServerTransport`, the alias `StreamableHTTPServerTransport`, and the server package's `WebStandardStreamableHTTPServerTransport`) | any import of them |
/// | `@hono/mcp` (checked against its README) | `StreamableHTTPTransport` |
enum MCPTransports {
    /// Whether a module imports one of the transports' packages or names the SDK transport.
    static func servesDirectly(_ module: Module) -> Bool {
        for binding in module.context.index.bindings {
            let m = binding.module
            if m == "fastmcp" || m == "mcp-proxy" || m == "@hono/mcp" || m.hasPrefix("@modelcontextprotocol/server")
                || m.hasPrefix("@modelcontextprotocol/node")
                || (m.hasPrefix("@modelcontextprotocol/sdk") && m.lowercased().contains("streamablehttp"))
            {
                return true
            }
        }
        return false
    }

    /// What is known about whether `module`'s app serves MCP.
    enum Verdict: Equatable {
        case serves
        case doesNot
        /// It may: an import that could decide it could not be read.
        case unknown(String)
    }

    /// Whether `module`, a module it imports, or a module of its package that imports it serves
    /// MCP. A relative or workspace import that cannot be read makes the answer unknown.
    static func verdict(for module: Module, loader: ModuleLoader, packageFolder: String) -> Verdict {
        if servesDirectly(module) { return .serves }
        var unknown: String?
        let specifiers = Set(module.context.index.bindings.map(\.module))
        for specifier in specifiers.sorted() {
            let local = specifier.hasPrefix(".")
            guard let path = loader.resolve(specifier, from: module.path) else {
                if local { unknown = unknown ?? "`\(specifier)` (imported by \(module.path)) could not be found" }
                continue
            }
            guard let imported = loader.module(path) else {
                unknown = unknown ?? "`\(path)` could not be read whole"
                continue
            }
            if servesDirectly(imported) { return .serves }
        }
        for importer in loader.importers(of: module.path, within: packageFolder) where servesDirectly(importer) { return .serves }
        return unknown.map { .unknown($0) } ?? .doesNot
    }
}
