import Crypto
import HTTPTypes
import MCPProxy
import Testing
import TestSupport

/// The configurations docs/auth.md ("Keys and authenticators in code") shows, built the same
/// way and checked to accept and refuse what they should.
@Suite struct AuthSnippetTests {
    @Test func hs256VerifiesItsOwnTokensOnly() async throws {
        let secretString = "a-development-secret-of-32-bytes!"
        let hs256 = JWTVerifier(keys: .keys([try .hs256(secret: Array(secretString.utf8))]), audience: "https://mcp.example.com/mcp")
        let good = TestTokens.hs256(secret: Array(secretString.utf8), claims: ["sub": "alice", "aud": "https://mcp.example.com/mcp"])
        let principal = try await hs256.verify(good, audience: "https://mcp.example.com/mcp")
        #expect(principal.subject == "alice")
        let forged = TestTokens.hs256(secret: Array("another-secret-of-at-least-32-bytes".utf8), claims: ["sub": "alice", "aud": "https://mcp.example.com/mcp"])
        await #expect(throws: AuthenticationError.self) { try await hs256.verify(forged, audience: "https://mcp.example.com/mcp") }
    }

    @Test func aPEMPublicKeyVerifiesTokensOfItsPrivateKey() async throws {
        let key = TestSigningKey.p256(kid: "k1")
        let pem = JWTVerifier(keys: .keys([try .pem(key.publicPEM)]), issuer: TestJWT.issuer)
        let token = TestJWT.token(key, claims: TestJWT.claims(aud: "https://mcp.example.com/mcp"))
        #expect(try await pem.verify(token, audience: "https://mcp.example.com/mcp").subject == "alice")
        let other = TestJWT.token(TestSigningKey.p256(kid: "k1"), claims: TestJWT.claims(aud: "https://mcp.example.com/mcp"))
        await #expect(throws: AuthenticationError.self) { try await pem.verify(other, audience: "https://mcp.example.com/mcp") }
    }

    @Test func aJWKSVerifierIsBuiltFromAURL() throws {
        let provider = try JWKSProvider(url: "https://auth.example.com/.well-known/jwks.json")
        #expect(provider.url == "https://auth.example.com/.well-known/jwks.json")
        #expect(throws: (any Error).self) { try JWKSProvider(url: "http://auth.example.com/jwks.json") }
    }

    @Test func aCustomAuthenticateDecidesEveryRequest() async throws {
        let apiKeys = ["k-123": "build-bot"]
        let custom = Authentication.required { head in
            guard let key = head.headers[HTTPField.Name("X-Api-Key")!], let owner = apiKeys[key] else {
                throw AuthenticationError.missingCredentials("Unauthorized: X-Api-Key required")
            }
            return Principal(subject: owner, scopes: ["mcp:read"])
        }
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: custom)) { server in
            let accepted = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("X-Api-Key", "k-123")])
            let refused = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("X-Api-Key", "wrong")])
            #expect(accepted.status == 200)
            #expect(refused.status == 401)
            #expect(refused.errorMessage == "Unauthorized: X-Api-Key required")
        }
    }
}
