import MCPProxy

/// How ``FastMCPServer/run(_:configure:)`` serves.
///
/// Code decides; the environment does not, unless the code asks for it with
/// ``fromEnvironment(default:environment:)``.
public enum Transport: Sendable {
    /// Newline-delimited JSON-RPC on standard input/output; diagnostics on standard error.
    ///
    /// With `trustForwardedIdentity: false` (``stdio``) there is no authenticated caller, so
    /// tools with `requiredScopes` refuse every call. With `true`, each request's caller is
    /// read from `_meta["mcp-stateless/caller"]` (MCPProxy's `ForwardedIdentity`), as
    /// `mcp-stateless-proxy --forward-identity` writes it: only for a server that is a child
    /// of that proxy, since whoever writes to its stdin could claim any identity.
    case stdio(trustForwardedIdentity: Bool)
    /// Streamable HTTP through MCPProxy. `port` 0 picks a free port. `auth` has no
    /// default: choose `.jwt(verifier)`, `.custom(…)` or `.unauthenticated`. `allowedOrigins`
    /// lists the web origins whose pages may call the server (`nil`: the bind address's default,
    /// ``MCPProxyConfiguration/allowedOrigins``); a refused origin is logged naming it.
    /// `sharedState` is what replicas share (``MCPProxyConfiguration/sharedState``; `nil`: this
    /// process only).
    case httpStream(
        host: String = "127.0.0.1", port: Int, endpoint: String = "/mcp", stateless: Bool = false, auth: HTTPAuth,
        cors: CORSOptions = .default, allowedOrigins: [String]? = nil, sharedState: MCPSharedState? = nil)
}

extension Transport {
    /// Stdio without a caller identity (see ``stdio(trustForwardedIdentity:)``).
    public static var stdio: Transport { .stdio(trustForwardedIdentity: false) }

    /// What MCPProxy serves for ``httpStream(host:port:endpoint:stateless:auth:cors:allowedOrigins:sharedState:)``
    /// (before `run`'s `configure` closure); `nil` for stdio.
    var proxyConfiguration: MCPProxyConfiguration? {
        guard case .httpStream(let host, let port, let endpoint, let stateless, let auth, let cors, let allowedOrigins, let sharedState) = self
        else { return nil }
        return MCPProxyConfiguration(
            host: host, port: port, endpoint: endpoint, stateless: stateless, authentication: auth.authentication,
            protectedResource: auth.metadata, allowedOrigins: allowedOrigins, cors: cors, sharedState: sharedState)
    }
}

/// Authentication for ``Transport/httpStream(host:port:endpoint:stateless:auth:cors:allowedOrigins:sharedState:)``.
public struct HTTPAuth: Sendable {
    let authentication: Authentication
    let metadata: ProtectedResourceMetadata?

    /// Verify JWTs with `verifier`; `metadata` is served per RFC 9728 and named in
    /// challenges. When it names no authorization server, the verifier's issuer is published.
    public static func jwt(_ verifier: JWTVerifier, metadata: ProtectedResourceMetadata? = ProtectedResourceMetadata()) -> HTTPAuth {
        HTTPAuth(authentication: .jwt(verifier), metadata: metadata)
    }

    /// Any `authenticate` callback.
    public static func custom(_ metadata: ProtectedResourceMetadata? = nil, _ authenticate: @escaping Authenticator) -> HTTPAuth {
        HTTPAuth(authentication: .required(authenticate), metadata: metadata)
    }

    /// Any MCPProxy `Authentication` (e.g. what command-line flags chose), with its metadata.
    public static func authentication(_ authentication: Authentication, metadata: ProtectedResourceMetadata?) -> HTTPAuth {
        HTTPAuth(authentication: authentication, metadata: metadata)
    }

    /// No authentication, on a loopback address only; logged as `WITHOUT AUTHENTICATION`.
    public static let unauthenticated = HTTPAuth(authentication: .disabled(), metadata: nil)

    /// No authentication; `allowRemote: true` also allows a non-loopback bind (anyone who
    /// can reach the port can call every tool).
    public static func unauthenticated(allowRemote: Bool) -> HTTPAuth {
        HTTPAuth(authentication: .disabled(allowRemote: allowRemote), metadata: nil)
    }

    /// Whether requests are authenticated.
    public var isRequired: Bool { authentication.isRequired }
}
