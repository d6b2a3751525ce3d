import HTTPTypes
import Hummingbird

/// Adds CORS headers to every reply for an allowed origin — errors included — so
/// browsers can read `Mcp-Session-Id` and `WWW-Authenticate` on any response.
struct CORSDecorator: Sendable {
    let options: CORSOptions
    let policy: OriginPolicy

    func decorate(_ response: inout Response, request: Request) {
        guard options.enabled else { return }
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        guard let origin = request.headers[.origin], policy.allows(origin) else { return }
        response.headers[.accessControlAllowOrigin] = origin
        if options.allowCredentials {
            response.headers[.accessControlAllowCredentials] = "true"
        }
        let exposed = options.exposeHeadersValue
        if !exposed.isEmpty {
            response.headers[.accessControlExposeHeaders] = exposed
        }
        if request.method == .options {
            response.headers[.accessControlAllowMethods] = options.allowedMethods.joined(separator: ", ")
            response.headers[.accessControlAllowHeaders] = options.allowHeadersValue
            if let maxAge = options.maxAge {
                response.headers[.accessControlMaxAge] = String(maxAge)
            }
        }
    }
}
