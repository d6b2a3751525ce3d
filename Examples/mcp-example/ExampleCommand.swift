import ArgumentParser
import Foundation
import Logging
import MCPProxy

/// `mcp-example`: the example MCP server over Streamable HTTP.
@main
struct ExampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-example",
        abstract: "An example MCP server (echo, add, whoami) over Streamable HTTP.",
        discussion: """
            Environment variables MCP_HOST, MCP_PORT, MCP_STATELESS (1/true) and MCP_DEV_TOKEN \
            are read when the matching flag is not given; flags win.
            """,
        version: ExampleServer.version)

    @Option(help: "Address to bind (default 127.0.0.1, or MCP_HOST).")
    var host: String?

    @Option(help: "Port to bind (default 8080, or MCP_PORT; 0 picks a free port).")
    var port: Int?

    @Flag(help: "Stateless mode: no sessions, every request authenticated on its own.")
    var stateless = false

    @Flag(name: .customLong("no-auth"), help: "Serve without authentication (local trials only).")
    var noAuth = false

    @Option(name: .customLong("dev-token"), help: "Accept exactly this bearer token (development only; or MCP_DEV_TOKEN).")
    var devToken: String?

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

        let authenticate: Authenticator?
        switch (noAuth, token) {
        case (true, _):
            authenticate = nil
        case (false, let token?):
            authenticate = DevTokenAuthenticator(token: token).authenticate
        case (false, nil):
            throw ValidationError("choose authentication: --dev-token TOKEN, or --no-auth for local trials")
        }

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let configuration = MCPProxyConfiguration(
            host: host, port: port, stateless: stateless, authenticate: authenticate,
            allowedOrigins: allowOrigins.isEmpty ? nil : allowOrigins)
        let server = MCPProxyServer(configuration: configuration, handler: ExampleServer.make())
        let logger = Logger(label: "mcp-example")
        Task {
            if let bound = await server.waitUntilListening() {
                logger.info("mcp-example listening on http://\(host):\(bound)/mcp (\(stateless ? "stateless" : "stateful"), \(authenticate == nil ? "no auth" : "bearer auth"))")
            }
        }
        try await server.runUntilSignalled()
    }
}
