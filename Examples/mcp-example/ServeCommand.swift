import ArgumentParser
import ExampleServers
import FastMCP
import Foundation
import Logging
import MCPCommandLine
import MCPPostgresOptions

/// `mcp-example serve` (the default): runs the example server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the example MCP server (the default command).",
        discussion: """
            Authentication is required unless --no-auth is given: JWTs (--jwks-url, --jwt-public-key, \
            or an HS256 secret) or a static --dev-token. --no-auth serves on loopback addresses only \
            (add --allow-unauthenticated-remote to bind another address) and logs a warning.

            Example: mcp-example --stateless --jwks-url https://auth.example.com/jwks.json --issuer https://auth.example.com/ \
            --allow-origin https://app.example.com

            Environment variables, read only when the flag is absent: MCP_HOST (bind address), \
            MCP_PORT (port), MCP_STATELESS (1/true/yes turns stateless mode on; it never turns it off), \
            MCP_TRANSPORT=stdio (serve over stdio), MCP_DEV_TOKEN (a static token; never enough on its own \
            to bind a non-loopback address), MCP_JWT_HS256_SECRET (the HS256 secret).
            """)

    @OptionGroup var server: ServerOptions

    @Flag(help: "Serve over standard input/output instead of HTTP (no authentication: the parent process is trusted).")
    var stdio = false

    @Flag(
        name: .customLong("trust-forwarded-identity"),
        help: "With --stdio: take each request's caller from _meta[\"mcp-stateless/caller\"], as mcp-stateless-proxy --forward-identity writes it. Only for a child of that proxy.")
    var trustForwardedIdentity = false

    @OptionGroup var auth: AuthOptions

    @Option(name: .customLong("log-level"), help: "trace, debug, info (default: the access log), notice, warning, error.")
    var logLevel = "info"

    @OptionGroup var limits: ServerLimitOptions

    @OptionGroup var postgres: PostgresOptions

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = server.host ?? environment["MCP_HOST"] ?? "127.0.0.1"
        let port = try server.port ?? environment["MCP_PORT"].map { value in
            guard let parsed = Int(value) else { throw ValidationError("MCP_PORT must be a number, got \(value)") }
            return parsed
        } ?? 8080
        let stateless = server.stateless || ["1", "true", "yes"].contains(environment["MCP_STATELESS"]?.lowercased() ?? "")
        if stdio || environment["MCP_TRANSPORT"]?.lowercased() == "stdio" {
            try await ExampleServer.make().run(.stdio(trustForwardedIdentity: trustForwardedIdentity))
            return
        }

        if trustForwardedIdentity { throw ValidationError("--trust-forwarded-identity only applies with --stdio") }
        let selection = try auth.resolve(resourceName: "mcp-example", host: host, environment: environment)
        let mode = selection.mode

        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown --log-level \(logLevel)") }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let metadata = selection.metadata
        var configuration = MCPProxyConfiguration(
            host: host, port: port, authentication: selection.authentication, protectedResource: metadata,
            resourceFromHost: selection.resourceFromHost, accessLog: level <= .info)
        server.apply(to: &configuration)
        configuration.stateless = stateless
        limits.apply(to: &configuration)
        let logger = Logger(label: "mcp-example")
        try postgres.apply(to: &configuration, logger: logger)
        let proxyServer = MCPProxyServer(configuration: configuration, handler: ExampleServer.make().handler(stateless: stateless))
        Task {
            if let bound = await proxyServer.waitUntilListening() {
                var logger = logger
                logger.logLevel = .info
                let shown = host.contains(":") ? "[\(host)]" : host
                logger.info("mcp-example listening on http://\(shown):\(bound)\(configuration.normalizedEndpoint) (\(stateless ? "stateless" : "stateful"), \(mode))")
            }
        }
        try await proxyServer.runUntilSignalled()
    }
}
