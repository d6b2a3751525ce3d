import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The whole HTTP surface: routing, CORS on every reply, request ids, access log, metrics.
struct MCPResponder: HTTPResponder {
    typealias Context = ProxyRequestContext

    let endpointPath: String
    let endpoint: MCPEndpoint
    let health: HealthRoutes
    let metadata: (any ProtectedResourceMetadataRoute)?
    let cors: CORSDecorator
    let metrics = ServerMetrics()
    let logger: Logger
    let accessLog: Bool

    func respond(to request: Request, context: ProxyRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = Self.newRequestID()
        let path = request.uri.path
        let connection = context.connection
        var response: Response
        if path == endpointPath || (path.hasSuffix("/") && path.dropLast() == endpointPath) {
            response = await endpoint.respond(request, context: connection)
        } else if let reply = health.respond(path: path, method: request.method) {
            response = reply
        } else if let metadata, let reply = await metadata.respond(request, context: connection) {
            response = reply
        } else {
            response = ResponseFactory.json(["error": "not found", "path": .string(path)], status: .notFound)
        }
        cors.decorate(&response, request: request)
        response.headers[.xRequestID] = requestID
        let elapsed = ContinuousClock.now - started
        metrics.record(route: ServerMetrics.route(for: path, endpoint: endpointPath), status: response.status.code, duration: elapsed)
        if accessLog {
            logger.info(
                "\(request.method.rawValue) \(path) \(response.status.code)",
                metadata: [
                    "request_id": .string(requestID), "remote": .string(connection.remoteAddress ?? "-"),
                    "duration_ms": .string(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
                ])
        }
        return response
    }

    static func newRequestID() -> String {
        RequestIDs.shared.next()
    }
}

/// The RFC 9728 metadata route, provided by the OAuth layer.
protocol ProtectedResourceMetadataRoute: Sendable {
    func respond(_ request: Request, context: ConnectionFacts) async -> Response?
}
