import Foundation
import MCPProxy
import TestSupport
import Testing

@Suite struct OAuthResourceTests {
    @Test func metadataIsServedAtBothPathsWithoutAuthAndWithCORS() async throws {
        try await withOAuth { fixture in
            for path in ["/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"] {
                let reply = try await HTTP.send(.GET, fixture.server.base + path, headers: [("Origin", "http://localhost:6274")])
                #expect(reply.status == 200)
                #expect(reply.header("Content-Type") == "application/json")
                #expect(reply.header("Access-Control-Allow-Origin") == "http://localhost:6274")
                #expect(reply.json == [
                    "resource": .string(fixture.server.url),
                    "authorization_servers": [.string(TestJWT.issuer)],
                    "scopes_supported": ["mcp:read", "mcp:write"],
                    "bearer_methods_supported": ["header"],
                    "resource_name": "Test MCP",
                ])
            }
            let preflight = try await HTTP.send(
                .OPTIONS, fixture.server.base + "/.well-known/oauth-protected-resource/mcp",
                headers: [("Origin", "http://localhost:6274"), ("Access-Control-Request-Method", "GET")])
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == "http://localhost:6274")
        }
    }

    @Test func noCredentialsGetsTheBareChallengeNamingTheMetadata() async throws {
        try await withOAuth { fixture in
            let reply = try await fixture.call(nil)
            #expect(reply.status == 401)
            #expect(reply.challenge == #"Bearer resource_metadata="\#(fixture.metadataURL)""#)
            let metadata = try await HTTP.send(.GET, fixture.metadataURL)
            #expect(metadata.json?["resource"]?.stringValue == fixture.server.url)
        }
    }

    @Test func serverWideRequiredScope() async throws {
        try await withOAuth(requiredScopes: ["mcp:admin"]) { fixture in
            let reply = try await fixture.call(fixture.token())
            #expect(reply.status == 403)
            #expect(reply.challenge == #"Bearer error="insufficient_scope", error_description="requires scope: mcp:admin", scope="mcp:admin", resource_metadata="\#(fixture.metadataURL)""#)
            let admin = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), scope: "mcp:admin"))
            let allowed = try await fixture.call(admin)
            #expect(allowed.status == 200)
        }
    }

    @Test func perToolScopesStepUp() async throws {
        let handler = NativeMCPServer(
            name: "t", version: "1",
            tools: [
                NativeTool(name: "delete_everything", description: "needs admin", requiredScopes: ["admin", "mcp:write"]) { _, _ in .text("deleted") },
                NativeTool(name: "read", description: "open") { _, _ in .text("read") },
            ])
        try await withOAuth(handler: handler) { fixture in
            let list = try await fixture.call(fixture.token(), body: RPC.toolsList)
            #expect(list.status == 200)
            #expect(list.json?["result"]?["tools"]?.arrayValue?.count == 2)
            let denied = try await fixture.call(fixture.token(), body: RPC.call(3, "delete_everything"))
            #expect(denied.status == 403)
            #expect(denied.challenge == #"Bearer error="insufficient_scope", error_description="requires scope: admin mcp:write", scope="admin mcp:write", resource_metadata="\#(fixture.metadataURL)""#)
            #expect(denied.json?["id"] == 3)
            let admin = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), scope: "admin mcp:write"))
            let allowed = try await fixture.call(admin, body: RPC.call(4, "delete_everything"))
            #expect(allowed.json?["result"]?["content"]?.arrayValue?.first?["text"] == "deleted")
        }
    }

    @Test func scopesFromScpArraysAndStrings() {
        #expect(JWTVerifierProbe.scopes(["scp": ["a", "b"]]) == ["a", "b"])
        #expect(JWTVerifierProbe.scopes(["scope": "a  b", "scp": "c"]) == ["a", "b", "c"])
        #expect(JWTVerifierProbe.scopes([:]) == [])
    }

    @Test func cachedTokensStillExpire() async throws {
        let key = TestSigningKey.p256(kid: "k")
        let clock = TestClock(Date())
        let verifier = JWTVerifier(keys: .keys([try VerificationKey.jwk(key.jwk.objectValue!)]), issuer: TestJWT.issuer, clock: clock.now)
        let expires = Int(clock.current.timeIntervalSince1970) + 100
        let token = TestJWT.token(key, claims: TestJWT.claims(aud: "https://r.example/mcp", exp: expires))
        let principal = try await verifier.verify(token, audience: "https://r.example/mcp")
        #expect(principal.subject == "alice")
        _ = try await verifier.verify(token, audience: "https://r.example/mcp")  // served from the cache
        clock.advance(by: 200)
        await #expect(throws: AuthenticationError.invalidToken("the token has expired")) {
            try await verifier.verify(token, audience: "https://r.example/mcp")
        }
        await #expect(throws: AuthenticationError.invalidToken("the token is not meant for this resource (aud)")) {
            clock.advance(by: -200)
            return try await verifier.verify(token, audience: "https://other.example/mcp")
        }
    }

    @Test func staticKeysFromPEMAndHS256Secret() async throws {
        let rsa = try TestSigningKey.rsa(kid: "r")
        let pemKey = try VerificationKey.pem(rsa.publicPEM)
        #expect(pemKey.algorithm == .rs256)
        let secret = Array("0123456789abcdef0123456789abcdef".utf8)
        let verifier = JWTVerifier(keys: .keys([pemKey, try VerificationKey.hs256(secret: secret)]))
        let viaPEM = TestJWT.token(rsa, header: ["alg": "RS256"], claims: TestJWT.claims(aud: "x"))
        #expect(try await verifier.verify(viaPEM, audience: "x").subject == "alice")
        let hmac = TestSigningKey(kid: "h", alg: "HS256", material: .hmac(secret))
        let viaSecret = TestJWT.token(hmac, header: ["alg": "HS256"], claims: TestJWT.claims(sub: "dev", aud: "x"))
        #expect(try await verifier.verify(viaSecret, audience: "x").subject == "dev")
        #expect(throws: VerificationKey.Unusable.self) { try VerificationKey.hs256(secret: Array("short".utf8)) }
    }

    @Test func oneBadKeyDoesNotSpoilTheSet() throws {
        let good = TestSigningKey.p256(kid: "good")
        let document: JSONValue = ["keys": [
            ["kty": "oct", "k": "c2VjcmV0", "kid": "sym"],
            ["kty": "EC", "crv": "P-521", "x": "AA", "y": "AA", "kid": "p521"],
            ["kty": "RSA", "kid": "enc", "use": "enc", "n": "AQAB", "e": "AQAB"],
            good.jwk,
        ]]
        let (keys, skipped) = try JWKSProviderProbe.parse(JSONWriter.bytes(document))
        #expect(keys.map(\.keyID) == ["good"])
        #expect(skipped.count == 3)
    }

    @Test func jwksCacheLifetimeFollowsCacheControl() {
        #expect(JWKSProviderProbe.maxAge("public, max-age=300") == .seconds(300))
        #expect(JWKSProviderProbe.maxAge("no-store") == .zero)
        #expect(JWKSProviderProbe.maxAge("max-age=abc") == nil)
        // A key server cannot pin its keys for ever (nor overflow the clock).
        #expect(JWKSProviderProbe.maxAge("max-age=9223372036854775807") == .seconds(86_400))
        #expect(JWKSProviderProbe.maxAge("max-age=86401") == .seconds(86_400))
        #expect(JWKSProviderProbe.maxAge(nil) == nil)
    }

    @Test func metadataURLIsPathSuffixed() {
        #expect(ProtectedResourceMetadataProbe.url("https://host/mcp") == "https://host/.well-known/oauth-protected-resource/mcp")
        #expect(ProtectedResourceMetadataProbe.url("https://host:8443/a/b/") == "https://host:8443/.well-known/oauth-protected-resource/a/b")
        #expect(ProtectedResourceMetadataProbe.url("https://host") == "https://host/.well-known/oauth-protected-resource")
    }

    @Test func trustedProxyHeadersShapeTheResourceOnlyWhenItFollowsHost() async throws {
        let metadata = ProtectedResourceMetadata(authorizationServers: ["https://as.example"])
        let trusted = MCPProxyConfiguration(
            stateless: true, authentication: .disabled(), protectedResource: metadata, resourceFromHost: true, trustedProxies: ["127.0.0.1"])
        try await withServer(trusted) { server in
            let reply = try await HTTP.send(
                .GET, server.base + "/.well-known/oauth-protected-resource/mcp",
                headers: [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "mcp.example.com")])
            #expect(reply.json?["resource"] == "https://mcp.example.com/mcp")
        }
        let bound = MCPProxyConfiguration(stateless: true, authentication: .disabled(), protectedResource: metadata, trustedProxies: ["127.0.0.1"])
        let untrusted = MCPProxyConfiguration(stateless: true, authentication: .disabled(), protectedResource: metadata, resourceFromHost: true)
        for configuration in [bound, untrusted] {
            try await withServer(configuration) { server in
            let reply = try await HTTP.send(
                .GET, server.base + "/.well-known/oauth-protected-resource/mcp",
                headers: [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "mcp.example.com")])
            #expect(reply.json?["resource"]?.stringValue == server.url)
            }
        }
    }

    @Test func jwksURLMustBeHTTPSOffLoopback() {
        #expect(throws: JWKSProvider.InvalidURL.self) { try JWKSProvider(url: "http://auth.example.com/jwks") }
        #expect(throws: Never.self) { try JWKSProvider(url: "https://auth.example.com/jwks") }
        #expect(throws: Never.self) { try JWKSProvider(url: "http://127.0.0.1:9/jwks") }
    }
}
