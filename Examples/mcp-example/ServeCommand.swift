import ArgumentParser
import ExampleServers
import FastMCP
import Foundation
import Logging

/// `mcp-example serve` (the default): runs the example server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the example MCP server (the default command).",
        discussion: """
            Authentication is required unless --no-auth is given: JWTs (--jwks-url, --jwt-public-key, \
            or an HS256 secret) or a static --dev-token. Environment variables MCP_HOST, MCP_PORT, \
            MCP_STATELESS (1/true), MCP_DEV_TOKEN and MCP_JWT_HS256_SECRET apply when the flag is absent.
            """)

    @Option(help: "Address to bind (default 127.0.0.1, or MCP_HOST).")
    var host: String?

    @Option(help: "Port to bind (default 8080, or MCP_PORT; 0 picks a free port).")
    var port: Int?

    @Flag(help: "Stateless mode: no sessions, every request authenticated on its own.")
    var stateless = false

    @Flag(help: "Serve over standard input/output instead of HTTP (no authentication: the parent process is trusted).")
    var stdio = false

    @Flag(name: .customLong("no-auth"), help: "Serve without authentication (local trials only).")
    var noAuth = false

    @Option(name: .customLong("dev-token"), help: "Accept exactly this static bearer token (development; or MCP_DEV_TOKEN).")
    var devToken: String?

    @OptionGroup var jwt: JWTOptions

    @Option(name: .customLong("required-scope"), help: "Scope every token must carry (repeatable).")
    var requiredScopes: [String] = []

    @Option(help: "The resource URL clients address (RFC 8707/9728). Default: derived from each request.")
    var resource: String?

    @Option(name: .customLong("authorization-server"), help: "Issuer URL of an authorization server, for the metadata document (repeatable).")
    var authorizationServers: [String] = []

    @Option(name: .customLong("allow-origin"), help: "Allowed browser origin (repeatable; default: loopback origins).")
    var allowOrigins: [String] = []

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = host ?? environment["MCP_HOST"] ?? "127.0.0.1"
        let port = try port ?? environment["MCP_PORT"].map { value in
            guard let parsed = Int(value) else { throw ValidationError("MCP_PORT must be a number, got \(value)") }
            return parsed
        } ?? 8080
        let stateless = stateless || ["1", "true", "yes"].contains(environment["MCP_STATELESS"]?.lowercased() ?? "")
        let token = devToken ?? environment["MCP_DEV_TOKEN"]
        if stdio || environment["MCP_TRANSPORT"]?.lowercased() == "stdio" {
            try await ExampleServer.make().run(.stdio, environment: [:])
            return
        }

        let authenticate: Authenticator?
        let mode: String
        if noAuth {
            guard token == nil, !jwt.configured else { throw ValidationError("--no-auth cannot be combined with token options") }
            authenticate = nil
            mode = "no auth"
        } else if jwt.configured {
            guard token == nil else { throw ValidationError("--dev-token cannot be combined with JWT verification") }
            let verifier = JWTVerifier(keys: try jwt.keySource(), issuer: jwt.issuer, audience: jwt.audience, requiredScopes: requiredScopes)
            authenticate = verifier.authenticate
            mode = "JWT bearer auth"
        } else if let token {
            authenticate = DevTokenAuthenticator(token: token).authenticate
            mode = "static dev token"
        } else {
            throw ValidationError("choose authentication: --jwks-url, --jwt-public-key, --jwt-hs256-secret[-file], --dev-token, or --no-auth")
        }

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let metadata = authenticate == nil ? nil : ProtectedResourceMetadata(
            resource: resource, authorizationServers: authorizationServers.isEmpty ? (jwt.issuer.map { [$0] } ?? []) : authorizationServers,
            scopesSupported: requiredScopes, resourceName: "mcp-example")
        let configuration = MCPProxyConfiguration(
            host: host, port: port, stateless: stateless, authenticate: authenticate, protectedResource: metadata,
            allowedOrigins: allowOrigins.isEmpty ? nil : allowOrigins)
        let server = MCPProxyServer(configuration: configuration, handler: ExampleServer.make().handler(stateless: stateless))
        let logger = Logger(label: "mcp-example")
        Task {
            if let bound = await server.waitUntilListening() {
                let shown = host.contains(":") ? "[\(host)]" : host
                logger.info("mcp-example listening on http://\(shown):\(bound)/mcp (\(stateless ? "stateless" : "stateful"), \(mode))")
            }
        }
        try await server.runUntilSignalled()
    }
}
