import MCPProxy

/// How ``FastMCPServer/run(_:)`` serves.
public enum Transport: Sendable {
    /// Newline-delimited JSON-RPC on standard input/output; diagnostics on standard error.
    case stdio
    /// Streamable HTTP through MCPProxy. `port` 0 picks a free port.
    case httpStream(
        host: String = "127.0.0.1", port: Int, endpoint: String = "/mcp", stateless: Bool = false, auth: HTTPAuth? = nil,
        cors: CORSOptions = .default)
}

/// Authentication for ``Transport/httpStream(host:port:endpoint:stateless:auth:cors:)``.
public struct HTTPAuth: Sendable {
    let authenticate: Authenticator
    let metadata: ProtectedResourceMetadata?

    /// Verify JWTs with `verifier`; `metadata` is served per RFC 9728 and named in challenges.
    public static func jwt(_ verifier: JWTVerifier, metadata: ProtectedResourceMetadata? = ProtectedResourceMetadata()) -> HTTPAuth {
        HTTPAuth(authenticate: verifier.authenticate, metadata: metadata)
    }

    /// Any `authenticate` callback.
    public static func custom(_ metadata: ProtectedResourceMetadata? = nil, _ authenticate: @escaping Authenticator) -> HTTPAuth {
        HTTPAuth(authenticate: authenticate, metadata: metadata)
    }
}
