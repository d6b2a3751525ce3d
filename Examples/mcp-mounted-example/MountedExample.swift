import ArgumentParser
import ExampleServers
import FastMCP
import Hummingbird
import Logging
import MCPCommandLine
import MCPCore
import ServiceLifecycle
import UnixSignals

/// `mcp-mounted-example`: an existing Hummingbird application (``NotesApp``) serving MCP on
/// its own port beside its own routes, JWT-verified on every request.
@main
struct MountedExample: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-mounted-example",
        abstract: "A Hummingbird app with its own routes that also serves MCP at /mcp, on its own port.",
        discussion: "Example: mcp-mounted-example --port 8080 --jwt-hs256-secret-file secret.txt --audience http://127.0.0.1:8080/mcp",
        version: PackageVersion.current)

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind (the MCP endpoint's resource URL is built from it).")
    var port = 8080

    @Flag(help: "Serve MCP stateless (no sessions).")
    var stateless = false

    @OptionGroup var jwt: JWTOptions

    mutating func run() async throws {
        guard jwt.configured else { throw ValidationError("give a token verification key: --jwks-url, --jwt-public-key or an HS256 secret") }
        var logger = Logger(label: "notes-app")
        logger.logLevel = .info
        let verifier = JWTVerifier(keys: try jwt.keySource(), issuer: jwt.issuer, audience: jwt.audience)
        let configuration = MCPProxyConfiguration(
            host: host, port: port, endpoint: "/mcp", stateless: stateless, authentication: .jwt(verifier),
            protectedResource: ProtectedResourceMetadata(authorizationServers: jwt.issuer.map { [$0] } ?? []))
        let (router, mcp) = try NotesApp.router(configuration: configuration, logger: logger)
        // The connection defences MCPProxy's own server has, for every route of the application.
        let (announcer, host) = (logger, host)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: configuration.connectionHandlers(), idleTimeout: .seconds(120))),
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                announcer.info("notes app on http://\(host):\(bound)/ with MCP at http://\(host):\(bound)/mcp")
            },
            logger: logger)
        do {
            try await ServiceGroup(
                configuration: .init(services: [app, mcp], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            ).run()
        } catch {
            // A taken port is one line naming it, as MCPProxyServer says it.
            if let refusal = MCPProxyServer.StartupRefusal(bindError: error, host: host, port: port) { throw refusal }
            throw error
        }
    }
}
