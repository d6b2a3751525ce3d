import MCPProxy
import TestSupport

/// A stateless server verifying JWTs against a live JWKS server on 127.0.0.1.
struct OAuthFixture {
    let jwks: JWKSTestServer
    let provider: JWKSProvider
    let server: TestServer
    let rsa: TestSigningKey
    let ec: TestSigningKey

    var audience: String { server.url }
    var metadataURL: String { "http://127.0.0.1:\(server.port)/.well-known/oauth-protected-resource/mcp" }

    func token(_ key: TestSigningKey? = nil, claims: [String: JSONValue]? = nil) -> String {
        TestJWT.token(key ?? rsa, claims: claims ?? TestJWT.claims(aud: .string(audience)))
    }

    func call(_ token: String?, body: String = RPC.call(1, "whoami"), extra: [(String, String)] = []) async throws -> HTTPReply {
        try await HTTP.rpc(server.url, body, headers: (token.map { [HTTP.bearer($0)] } ?? []) + extra)
    }

    /// The subject `whoami` reports for a valid token: proof the server still serves.
    func stillServes() async throws -> String? {
        try await call(token()).json?["result"]?["structuredContent"]?["subject"]?.stringValue
    }
}

/// Runs `body` with a JWKS server (RS256 key `rsa-1`, ES256 key `ec-1`) and a verifying MCP server.
func withOAuth(
    requiredScopes: [String] = [], jwksAvailable: Bool = true, handler: some MCPHandler = ExampleServer.make(),
    _ body: (OAuthFixture) async throws -> Void
) async throws {
    let rsa = try TestSigningKey.rsa(kid: "rsa-1")
    let ec = TestSigningKey.p256(kid: "ec-1")
    let jwks = try await JWKSTestServer.start([rsa, ec])
    jwks.setAvailable(jwksAvailable)
    let provider = try JWKSProvider(url: jwks.url, logger: TestServer.quietLogger)
    let verifier = JWTVerifier(keys: .jwks(provider), issuer: TestJWT.issuer, requiredScopes: requiredScopes)
    let metadata = ProtectedResourceMetadata(authorizationServers: [TestJWT.issuer], scopesSupported: ["mcp:read", "mcp:write"], resourceName: "Test MCP")
    let configuration = MCPProxyConfiguration(stateless: true, authentication: .jwt(verifier), protectedResource: metadata)
    do {
        try await withServer(configuration, handler: handler) { server in
            if jwksAvailable { await provider.refresh() }
            try await body(OAuthFixture(jwks: jwks, provider: provider, server: server, rsa: rsa, ec: ec))
        }
    } catch {
        await jwks.stop()
        throw error
    }
    await jwks.stop()
}

extension HTTPReply {
    /// The `WWW-Authenticate` challenge.
    var challenge: String? { header("WWW-Authenticate") }
}
