import Foundation
import Logging
import MCPProxy

extension FastMCPServer {
    /// Serves until stopped: `.stdio` until standard input closes, `.httpStream`
    /// until SIGTERM/SIGINT (then drains). Reads no environment variable: use
    /// ``Transport/fromEnvironment(default:environment:)`` to let a deployment choose.
    ///
    /// Without authentication (stdio, `.unauthenticated`), tools declared with
    /// `requiredScopes` refuse every call; one warning at start lists them.
    public func run(_ transport: Transport, configure: (inout MCPProxyConfiguration) -> Void = { _ in }) async throws {
        switch transport {
        case .stdio(let trustForwardedIdentity):
            if !trustForwardedIdentity { warnAboutScopedTools(transport: "stdio") }
            try await StdioTransport(engine: handler(stateless: false, announcingListChanges: false), trustForwardedIdentity: trustForwardedIdentity).run()
        case .httpStream:
            guard var configuration = transport.proxyConfiguration else { return }
            configure(&configuration)
            if !configuration.authentication.isRequired { warnAboutScopedTools(transport: "HTTP without authentication") }
            let server = MCPProxyServer(configuration: configuration, handler: handler(stateless: configuration.stateless), logger: Self.logger)
            let announce = Task { [configuration] in
                guard let bound = await server.waitUntilListening() else { return }
                Self.logger.info(
                    "listening on \(configuration.listenURL(boundPort: bound)) (\(configuration.stateless ? "stateless" : "stateful"))")
            }
            defer { announce.cancel() }
            try await server.runUntilSignalled()
        }
    }

    /// The one start-up warning about tools that will refuse every call for want of a caller.
    func warnAboutScopedTools(transport: String, logger: Logger = FastMCPServer.logger) {
        let scoped = scopedToolNames
        guard !scoped.isEmpty else { return }
        logger.warning(
            "\(transport): no caller is authenticated, so these tools with requiredScopes will refuse every call: \(scoped.joined(separator: ", "))")
    }

    /// Diagnostics go to standard error: standard output belongs to the stdio transport.
    static var logger: Logger {
        Logger(label: "fastmcp", factory: { StreamLogHandler.standardError(label: $0) })
    }
}
