import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers the MCP endpoint inside a host application, for any request context: the same
/// endpoint (order of checks, authentication, both eras) and CORS as the standalone server.
/// What it knows about the connection depends on the context (``MCPConnectionContext``,
/// `RemoteAddressRequestContext`, or nothing): see `ConnectionFacts.init(mounted:)`.
struct MountedMCPResponder<Context: RequestContext>: HTTPResponder {
    let endpoint: MCPEndpoint
    let cors: CORSDecorator
    /// The path clients use, as configured (``MCPProxyConfiguration/endpoint``).
    let expectedPath: String
    let service: MCPEndpointService
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        service.warnIfNotRunning(logger: logger)
        var path = Substring(request.uri.path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        var response: Response
        if path != expectedPath {
            // The resource URL, the token audience and the metadata route all follow the
            // configured path: serving under another one would check tokens against the wrong URL.
            logger.error(
                "the MCP endpoint is mounted at \(path) but configured as \(expectedPath): set MCPProxyConfiguration.endpoint to the full path clients use")
            response = Refusal.transport(
                .internalServerError, "Internal Server Error: the MCP endpoint is mounted at a path its configuration does not name"
            ).response
        } else {
            response = await endpoint.respond(request, context: ConnectionFacts(mounted: context))
        }
        cors.decorate(&response, request: request)
        return response
    }
}

/// Answers a route beside the endpoint (RFC 9728 metadata, health) inside a host application.
struct MountedRouteResponder<Context: RequestContext>: HTTPResponder {
    let cors: CORSDecorator?
    let answer: @Sendable (Request, ConnectionFacts) async -> Response?

    func respond(to request: Request, context: Context) async throws -> Response {
        var response = await answer(request, ConnectionFacts(mounted: context))
            ?? ResponseFactory.json(["error": "not found", "path": .string(request.uri.path)], status: .notFound)
        cors?.decorate(&response, request: request)
        return response
    }
}

extension ConnectionFacts {
    /// What a host application's context tells about the connection: everything from an
    /// ``MCPConnectionContext``, the peer from a `RemoteAddressRequestContext`, else nothing.
    init(mounted context: some RequestContext) {
        if let connected = context as? any MCPConnectionContext {
            let channel = connected.channel
            self.init(
                remote: channel.remoteAddress, localPort: channel.localAddress?.port,
                closeOutput: { try? await channel.close(mode: .output) })
        } else {
            self.init(remote: (context as? any RemoteAddressRequestContext)?.remoteAddress, localPort: nil, closeOutput: nil)
        }
    }
}
