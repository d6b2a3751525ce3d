import HTTPTypes
import Hummingbird
import Logging

/// The pieces of an endpoint mounted in a host application, built once and registered on
/// its router: the endpoint, CORS, the metadata and health answers, and the service.
struct MCPMount: Sendable {
    let server: MCPProxyServer
    let endpoint: MCPEndpoint
    let cors: CORSDecorator
    let service: MCPEndpointService
    let logger: Logger

    /// Methods routed to the endpoint; it answers each (405 with `Allow` where it does not serve one).
    static let endpointMethods: [HTTPRequest.Method] = [.post, .get, .delete, .options, .put, .patch, .head]

    /// Checks the fail-closed rules against the configuration (throws ``MCPProxyServer/StartupRefusal``).
    init(configuration: MCPProxyConfiguration, handler: some MCPHandler, logger: Logger) throws {
        let server = MCPProxyServer(configuration: configuration, handler: handler, logger: logger)
        try StartupChecks(configuration: server.configuration).enforce(logger: logger)
        let configured = server.configuration
        if let verifier = configured.authentication.verifier, verifier.audience == nil,
            configured.protectedResource?.resource == nil, configured.port == 0, !configured.resourceFromHost
        {
            let refusal = MCPProxyServer.StartupRefusal(
                description: """
                    refusing to mount: a mounted MCP endpoint cannot learn the application's port, and JWT \
                    authentication needs the URL clients use to check each token's audience: set \
                    MCPProxyConfiguration.port to the application's port, the resource URL \
                    (protectedResource.resource) or the verifier's audience.
                    """)
            logger.error("\(refusal.description)")
            throw refusal
        }
        StartupChecks(configuration: configured).announce(boundPort: configured.port, logger: logger)
        self.server = server
        self.endpoint = server.makeEndpoint()
        self.cors = server.makeCORS()
        self.service = MCPEndpointService(server: server)
        self.logger = logger
    }

    var endpointPath: String { server.configuration.normalizedEndpoint }

    func registerEndpoint<Methods: RouterMethods>(on router: Methods, at path: RouterPath) {
        if !(Methods.Context.self is any MCPConnectionContext.Type) {
            logger.warning(
                "the request context \(Methods.Context.self) is not an MCPConnectionContext: after refusing a request the endpoint cannot close the connection, and unless the application installs MCPProxyConfiguration.connectionHandlers() its server reads an unfinished request body to its end, however long (docs/http-behaviour.md)"
            )
        }
        let responder = MountedMCPResponder<Methods.Context>(
            endpoint: endpoint, cors: cors, expectedPath: endpointPath, service: service, logger: logger)
        for method in Self.endpointMethods {
            router.on(path, method: method, responder: responder)
        }
    }

    func registerSideRoutes<Methods: RouterMethods>(on root: Methods, healthRoutes: Bool) {
        if let metadata = server.metadataRoute {
            let responder = MountedRouteResponder<Methods.Context>(cors: cors) { request, connection in
                await metadata.respond(request, context: connection)
            }
            for method in [HTTPRequest.Method.get, .head, .options] {
                root.on(RouterPath(ProtectedResourceRoute.prefix + endpointPath), method: method, responder: responder)
            }
        }
        if healthRoutes {
            let health = server.makeHealthRoutes()
            let responder = MountedRouteResponder<Methods.Context>(cors: nil) { request, _ in
                health.respond(path: request.uri.path, method: request.method)
            }
            for path in ["/ping", "/health", "/ready"] {
                for method in [HTTPRequest.Method.get, .head] { root.on(RouterPath(path), method: method, responder: responder) }
            }
        }
    }
}
