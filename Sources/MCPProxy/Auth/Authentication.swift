/// Whether the MCP endpoint authenticates requests: always a deliberate choice.
///
/// ```swift
/// MCPProxyConfiguration(stateless: true, authentication: .jwt(verifier))
/// MCPProxyConfiguration(stateless: true, authentication: .required(myAuthenticate))
/// MCPProxyConfiguration(stateless: true, authentication: .disabled())   // loopback only, logged loudly
/// ```
///
/// ``MCPProxyServer`` enforces the rules when it starts: `.disabled()` logs
/// `WITHOUT AUTHENTICATION` at warning level and refuses a non-loopback bind unless
/// `allowRemote` is `true`; `.jwt` on a wildcard bind needs a resource URL or an
/// audience (see ``ProtectedResourceMetadata/resource``).
public struct Authentication: Sendable {
    enum Mode: Sendable {
        case required(Authenticator)
        case disabled(allowRemote: Bool)
    }

    let mode: Mode
    /// The built-in verifier, when ``jwt(_:)`` chose it: its audience and issuer drive start-up checks and metadata.
    let verifier: JWTVerifier?

    /// Every request to the endpoint is passed to `authenticate`; `nil` or a thrown error refuses it.
    public static func required(_ authenticate: @escaping Authenticator) -> Authentication {
        Authentication(mode: .required(authenticate), verifier: nil)
    }

    /// Every request must carry a bearer JWT that `verifier` accepts. The verifier's
    /// issuer is published as the authorization server when the metadata names none.
    public static func jwt(_ verifier: JWTVerifier) -> Authentication {
        Authentication(mode: .required(verifier.authenticate), verifier: verifier)
    }

    /// No authentication. Allowed on loopback addresses only, unless `allowRemote` is
    /// `true` (then anyone who can reach the port can call every tool).
    public static func disabled(allowRemote: Bool = false) -> Authentication {
        Authentication(mode: .disabled(allowRemote: allowRemote), verifier: nil)
    }

    /// The callback, or `nil` when authentication is disabled.
    public var authenticator: Authenticator? {
        if case .required(let authenticate) = mode { return authenticate }
        return nil
    }

    /// Whether requests are authenticated.
    public var isRequired: Bool { authenticator != nil }

    /// Whether a disabled configuration may bind a non-loopback address.
    var allowsRemoteWithoutAuthentication: Bool {
        if case .disabled(let allowRemote) = mode { return allowRemote }
        return false
    }
}
