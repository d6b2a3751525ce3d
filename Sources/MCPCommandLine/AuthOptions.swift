import ArgumentParser
import Foundation
import MCPProxy

/// The authentication flags every server command shares: JWT verification, a static
/// development token, or none — exactly one of them.
public struct AuthOptions: ParsableArguments {
    public init() {}

    @Flag(name: .customLong("no-auth"), help: "Serve without authentication (local trials only).")
    public var noAuth = false

    @Option(name: .customLong("dev-token"), help: "Accept exactly this static bearer token (development; or MCP_DEV_TOKEN).")
    public var devToken: String?

    @OptionGroup public var jwt: JWTOptions

    @Option(name: .customLong("required-scope"), help: "Scope every token must carry (repeatable).")
    public var requiredScopes: [String] = []

    @Option(help: "The resource URL clients address (RFC 8707/9728). Default: derived from each request.")
    public var resource: String?

    @Option(name: .customLong("authorization-server"), help: "Issuer URL of an authorization server, for the metadata document (repeatable).")
    public var authorizationServers: [String] = []

    /// What the flags chose.
    public struct Selection: Sendable {
        public var authenticate: Authenticator?
        public var metadata: ProtectedResourceMetadata?
        /// A short description for logs ("JWT bearer auth", "no auth", …).
        public var mode: String
    }

    /// Resolves the flags (and `MCP_DEV_TOKEN`, `MCP_JWT_HS256_SECRET`) into an `authenticate` callback.
    public func resolve(resourceName: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Selection {
        let token = devToken ?? environment["MCP_DEV_TOKEN"]
        let authenticate: Authenticator?
        let mode: String
        if noAuth {
            guard token == nil, !jwt.configured else { throw ValidationError("--no-auth cannot be combined with token options") }
            authenticate = nil
            mode = "no auth"
        } else if jwt.configured {
            guard token == nil else { throw ValidationError("--dev-token cannot be combined with JWT verification") }
            let verifier = JWTVerifier(keys: try jwt.keySource(), issuer: jwt.issuer, audience: jwt.audience, requiredScopes: requiredScopes)
            authenticate = verifier.authenticate
            mode = "JWT bearer auth"
        } else if let token {
            authenticate = DevTokenAuthenticator(token: token).authenticate
            mode = "static dev token"
        } else {
            throw ValidationError("choose authentication: --jwks-url, --jwt-public-key, --jwt-hs256-secret[-file], --dev-token, or --no-auth")
        }
        let metadata = authenticate == nil ? nil : ProtectedResourceMetadata(
            resource: resource, authorizationServers: authorizationServers.isEmpty ? (jwt.issuer.map { [$0] } ?? []) : authorizationServers,
            scopesSupported: requiredScopes, resourceName: resourceName)
        return Selection(authenticate: authenticate, metadata: metadata, mode: mode)
    }
}
