import HTTPTypes
import NIOCore

/// What `authenticate` may look at: the request head, never the body.
public struct RequestHead: Sendable {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The request path without the query.
    public var path: String
    /// The header fields.
    public var headers: HTTPFields
    /// The peer address (`ip:port`, `[ip]:port`), when known.
    public var remoteAddress: String? {
        get {
            switch peer {
            case .text(let text): return text
            case .socket(let address): return ConnectionFacts.text(of: address)
            }
        }
        set { peer = .text(newValue) }
    }
    /// The peer as given, or as the socket address, written out only when someone reads it
    /// (most `authenticate` callbacks never do, and formatting costs every request).
    private var peer: Peer

    private enum Peer: Sendable {
        case text(String?)
        case socket(SocketAddress)
    }
    /// The scheme the client used: `http`, or what a trusted proxy said in `X-Forwarded-Proto`.
    public var scheme: String
    /// The host the client used: the `Host` authority, or a trusted proxy's `X-Forwarded-Host`.
    public var host: String?
    /// The protected resource's URL as this request is told it (RFC 9728 metadata,
    /// challenges): the configured one, else derived from the bind address and bound
    /// port; from `Host` only with ``MCPProxyConfiguration/resourceFromHost``.
    public var resourceURL: String?
    /// The audience a token must carry unless the verifier names its own: the configured
    /// resource URL, else the one derived from the bind address and bound port. It never
    /// comes from the request (RFC 8707: a token for another resource must not be accepted
    /// by sending that resource's `Host`).
    public var tokenAudience: String?

    /// Creates a request head; `tokenAudience` defaults to `resourceURL`.
    public init(
        method: HTTPRequest.Method, path: String, headers: HTTPFields, remoteAddress: String? = nil,
        scheme: String = "http", host: String? = nil, resourceURL: String? = nil, tokenAudience: String? = nil
    ) {
        self.resourceURL = resourceURL
        self.tokenAudience = tokenAudience ?? resourceURL
        self.method = method
        self.path = path
        self.headers = headers
        self.peer = .text(remoteAddress)
        self.scheme = scheme
        self.host = host
    }

    /// A request head whose peer is a socket address, written out only if read.
    init(
        method: HTTPRequest.Method, path: String, headers: HTTPFields, peer: SocketAddress?, scheme: String, host: String?,
        resourceURL: String?, tokenAudience: String?
    ) {
        self.init(
            method: method, path: path, headers: headers, scheme: scheme, host: host, resourceURL: resourceURL,
            tokenAudience: tokenAudience)
        if let peer { self.peer = .socket(peer) }
    }

    /// `scheme://host` as the client addressed the server, when the host is known.
    public var origin: String? { host.map { "\(scheme)://\($0)" } }
}
