import Foundation
import Logging
import MCPProxy

extension FastMCPServer {
    /// Serves until stopped: `.stdio` until standard input closes, `.httpStream`
    /// until SIGTERM/SIGINT (then drains). `MCP_TRANSPORT`, `MCP_HOST`, `MCP_PORT`,
    /// `MCP_ENDPOINT` and `MCP_STATELESS` override the choice (``EnvironmentOverrides``).
    public func run(
        _ transport: Transport, environment: [String: String] = ProcessInfo.processInfo.environment,
        configure: (inout MCPProxyConfiguration) -> Void = { _ in }
    ) async throws {
        switch try EnvironmentOverrides.apply(to: transport, environment: environment) {
        case .stdio:
            try await StdioTransport(engine: handler(stateless: false)).run()
        case .httpStream(let host, let port, let endpoint, let stateless, let auth, let cors):
            var configuration = MCPProxyConfiguration(
                host: host, port: port, endpoint: endpoint, stateless: stateless, authenticate: auth?.authenticate,
                protectedResource: auth?.metadata, cors: cors)
            configure(&configuration)
            let server = MCPProxyServer(configuration: configuration, handler: handler(stateless: configuration.stateless), logger: Self.logger)
            let announce = Task { [configuration] in
                guard let bound = await server.waitUntilListening() else { return }
                let shown = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                Self.logger.info(
                    "listening on http://\(shown):\(bound)\(configuration.normalizedEndpoint) (\(configuration.stateless ? "stateless" : "stateful"))")
            }
            defer { announce.cancel() }
            try await server.runUntilSignalled()
        }
    }

    /// Diagnostics go to standard error: standard output belongs to the stdio transport.
    static var logger: Logger {
        Logger(label: "fastmcp", factory: { StreamLogHandler.standardError(label: $0) })
    }
}
