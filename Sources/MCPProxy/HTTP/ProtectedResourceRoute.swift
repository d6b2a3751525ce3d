import HTTPTypes
import Hummingbird

/// Serves RFC 9728 metadata at `/.well-known/oauth-protected-resource` and at the
/// path-suffixed form for the endpoint; unauthenticated, CORS-enabled.
struct ProtectedResourceRoute: ProtectedResourceMetadataRoute {
    static let prefix = "/.well-known/oauth-protected-resource"
    let metadata: ProtectedResourceMetadata
    let configuration: MCPProxyConfiguration
    let addressing: ClientAddressing
    let resource: BoundResource

    func respond(_ request: Request, context: ConnectionFacts) async -> Response? {
        let path = request.uri.path
        guard path == Self.prefix || path == Self.prefix + "/" || path == Self.prefix + configuration.normalizedEndpoint else {
            return nil
        }
        switch request.method {
        case .options:
            return ResponseFactory.empty(.noContent)
        case .get, .head:
            let (scheme, host) = addressing.resolve(request, remoteIP: context.remoteIP)
            let url = resource.advertised(scheme: scheme, host: host, localPort: context.localPort)
            return ResponseFactory.json(metadata.document(resourceURL: url), headers: [.cacheControl: "max-age=300"])
        default:
            return ResponseFactory.json(["error": "method not allowed"], status: .methodNotAllowed, headers: [.allow: "GET, HEAD, OPTIONS"])
        }
    }
}
