import HTTPTypes
import Hummingbird

/// Adds CORS headers to every reply for an allowed origin — errors included — so
/// browsers can read `Mcp-Session-Id` and `WWW-Authenticate` on any response.
struct CORSDecorator: Sendable {
    let options: CORSOptions
    let policy: OriginPolicy
    private let allowHeaders: String
    private let exposeHeaders: String
    private let allowMethods: String
    private let maxAge: String?

    init(options: CORSOptions, policy: OriginPolicy) {
        self.options = options
        self.policy = policy
        allowHeaders = options.allowHeadersValue
        exposeHeaders = options.exposeHeadersValue
        allowMethods = options.allowedMethods.joined(separator: ", ")
        maxAge = options.maxAge.map(String.init)
    }

    func decorate(_ response: inout Response, request: Request) {
        guard options.enabled else { return }
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        guard let origin = request.headers.value(.origin), policy.allows(origin) else { return }
        response.headers[.accessControlAllowOrigin] = origin
        if options.allowCredentials {
            response.headers[.accessControlAllowCredentials] = "true"
        }
        if !exposeHeaders.isEmpty {
            response.headers[.accessControlExposeHeaders] = exposeHeaders
        }
        if request.method == .options {
            response.headers[.accessControlAllowMethods] = allowMethods
            response.headers[.accessControlAllowHeaders] = allowHeaders
            if let maxAge {
                response.headers[.accessControlMaxAge] = maxAge
            }
        }
    }
}
