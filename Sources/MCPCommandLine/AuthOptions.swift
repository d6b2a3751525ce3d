import ArgumentParser
import Foundation
import MCPProxy

/// The authentication flags every server command shares: JWT verification, a static
/// development token, or none — exactly one of them.
public struct AuthOptions: ParsableArguments {
    /// The defaults; ArgumentParser fills in the flags.
    public init() {}

    /// `--no-auth`: serve without authentication (loopback addresses only).
    @Flag(name: .customLong("no-auth"), help: "Serve without authentication (loopback addresses only, logged as a warning).")
    public var noAuth = false

    /// `--allow-unauthenticated-remote`: with `--no-auth`, also on a non-loopback host.
    @Flag(
        name: .customLong("allow-unauthenticated-remote"),
        help: "With --no-auth: also allow a non-loopback --host (anyone who can reach the port can call every tool).")
    public var allowUnauthenticatedRemote = false

    /// `--dev-token`: the one static bearer token accepted (development).
    @Option(name: .customLong("dev-token"), help: "Accept exactly this static bearer token (development; or MCP_DEV_TOKEN).")
    public var devToken: String?

    /// The JWT verification flags.
    @OptionGroup public var jwt: JWTOptions

    /// `--required-scope`: scopes every token must carry.
    @Option(name: .customLong("required-scope"), help: "Scope every token must carry (repeatable).")
    public var requiredScopes: [String] = []

    /// `--resource`: the resource URL clients address, and the default token audience.
    @Option(help: "The resource URL clients address (RFC 8707/9728), and the default token audience. Default: http://<host>:<port><endpoint>.")
    public var resource: String?

    /// `--resource-from-host`: advertise a resource URL derived from each request's `Host`.
    @Flag(
        name: .customLong("resource-from-host"),
        help: "Advertise a resource URL derived from each request's Host (metadata, challenges). The token audience never follows Host.")
    public var resourceFromHost = false

    /// `--authorization-server`: issuers the protected-resource metadata names.
    @Option(name: .customLong("authorization-server"), help: "Issuer URL of an authorization server, for the metadata document (repeatable).")
    public var authorizationServers: [String] = []

    /// What the flags chose.
    public struct Selection: Sendable {
        /// The authentication for ``MCPProxyConfiguration/authentication``.
        public var authentication: Authentication
        /// RFC 9728 metadata (`nil` without authentication).
        public var metadata: ProtectedResourceMetadata?
        /// Whether the advertised resource URL follows `Host` (``MCPProxyConfiguration/resourceFromHost``).
        public var resourceFromHost: Bool
        /// A short description for logs ("JWT bearer auth", "no auth", …).
        public var mode: String
    }

    /// Resolves the flags (and `MCP_DEV_TOKEN`, `MCP_JWT_HS256_SECRET`) for a server that
    /// will bind `host`. A token from `MCP_DEV_TOKEN` alone never enables a non-loopback bind.
    public func resolve(
        resourceName: String, host: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Selection {
        let environmentToken = environment["MCP_DEV_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let token = devToken ?? environmentToken
        let authentication: Authentication
        let mode: String
        if allowUnauthenticatedRemote, !noAuth {
            throw ValidationError("--allow-unauthenticated-remote only makes sense with --no-auth")
        }
        if noAuth {
            guard devToken == nil, !jwt.configured else { throw ValidationError("--no-auth cannot be combined with token options") }
            authentication = .disabled(allowRemote: allowUnauthenticatedRemote)
            mode = "no auth"
        } else if jwt.configured {
            guard devToken == nil else { throw ValidationError("--dev-token cannot be combined with JWT verification") }
            let verifier = JWTVerifier(keys: try jwt.keySource(), issuer: jwt.issuer, audience: jwt.audience, requiredScopes: requiredScopes)
            authentication = .jwt(verifier)
            mode = "JWT bearer auth"
        } else if let token {
            if devToken == nil, !LoopbackHost.contains(host) {
                throw ValidationError(
                    "MCP_DEV_TOKEN alone never enables a non-loopback bind (\(host)): pass --dev-token explicitly, or use JWT verification")
            }
            authentication = .required(DevTokenAuthenticator(token: token).authenticate)
            mode = "static dev token"
        } else {
            throw ValidationError("choose authentication: --jwks-url, --jwt-public-key, --jwt-hs256-secret[-file], --dev-token, or --no-auth")
        }
        let metadata = !authentication.isRequired ? nil : ProtectedResourceMetadata(
            resource: resource, authorizationServers: authorizationServers.isEmpty ? (jwt.issuer.map { [$0] } ?? []) : authorizationServers,
            scopesSupported: requiredScopes, resourceName: resourceName)
        return Selection(authentication: authentication, metadata: metadata, resourceFromHost: resourceFromHost, mode: mode)
    }
}
