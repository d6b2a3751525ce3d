import HTTPTypes

/// What `authenticate` may look at: the request head, never the body.
public struct RequestHead: Sendable {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The request path without the query.
    public var path: String
    /// The header fields.
    public var headers: HTTPFields
    /// The peer address (`ip:port`, `[ip]:port`), when known.
    public var remoteAddress: String?
    /// The scheme the client used: `http`, or what a trusted proxy said in `X-Forwarded-Proto`.
    public var scheme: String
    /// The host the client used: the `Host` authority, or a trusted proxy's `X-Forwarded-Host`.
    public var host: String?
    /// The protected resource's URL (RFC 8707/9728): the configured one, or
    /// `scheme://host` plus the endpoint path. The default token audience.
    public var resourceURL: String?

    public init(
        method: HTTPRequest.Method, path: String, headers: HTTPFields, remoteAddress: String? = nil,
        scheme: String = "http", host: String? = nil, resourceURL: String? = nil
    ) {
        self.resourceURL = resourceURL
        self.method = method
        self.path = path
        self.headers = headers
        self.remoteAddress = remoteAddress
        self.scheme = scheme
        self.host = host
    }

    /// `scheme://host` as the client addressed the server, when the host is known.
    public var origin: String? { host.map { "\(scheme)://\($0)" } }
}
