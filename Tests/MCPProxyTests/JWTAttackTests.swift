import Foundation
import MCPProxy
import TestSupport
import Testing

/// Every hostile token is refused with the right status and challenge, and the
/// server keeps serving afterwards.
@Suite struct JWTAttackTests {
    func expectInvalid(_ reply: HTTPReply, _ description: String, _ fixture: OAuthFixture) async throws {
        #expect(reply.status == 401)
        #expect(reply.challenge == #"Bearer error="invalid_token", error_description="\#(description)", resource_metadata="\#(fixture.metadataURL)""#)
        #expect(reply.errorCode == -32000)
        let subject = try await fixture.stillServes()
        #expect(subject == "alice")
    }

    @Test func validRS256AndES256TokensAreAccepted() async throws {
        try await withOAuth { fixture in
            let rsa = try await fixture.call(fixture.token())
            #expect(rsa.status == 200)
            #expect(rsa.json?["result"]?["structuredContent"] == ["subject": "alice", "scopes": ["mcp:read", "mcp:write"]])
            let ec = try await fixture.call(fixture.token(fixture.ec))
            #expect(ec.status == 200)
        }
    }

    @Test func algNone() async throws {
        try await withOAuth { fixture in
            let claims = TestJWT.encode(.object(TestJWT.claims(aud: .string(fixture.audience))))
            let unsigned = TestJWT.encode(["alg": "none", "typ": "JWT"]) + "." + claims + "."
            try await expectInvalid(try await fixture.call(unsigned), "no key accepts algorithm none", fixture)
            let unsignedWithKid = TestJWT.encode(["alg": "none", "kid": "rsa-1"]) + "." + claims + "."
            try await expectInvalid(try await fixture.call(unsignedWithKid), "no key accepts algorithm none", fixture)
        }
    }

    @Test func hs256SignedWithTheRSAPublicKey() async throws {
        try await withOAuth { fixture in
            let confused = TestSigningKey(kid: "rsa-1", alg: "HS256", material: .hmac(Array(fixture.rsa.publicPEM.utf8)))
            let token = TestJWT.token(confused, claims: TestJWT.claims(aud: .string(fixture.audience)))
            try await expectInvalid(try await fixture.call(token), "no key accepts algorithm HS256", fixture)
        }
    }

    @Test func expired() async throws {
        try await withOAuth { fixture in
            let token = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), exp: TestJWT.now - 120))
            try await expectInvalid(try await fixture.call(token), "the token has expired", fixture)
        }
    }

    @Test func expiredWithinLeewayIsAccepted() async throws {
        try await withOAuth { fixture in
            let token = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), exp: TestJWT.now - 10))
            let checked = try await fixture.call(token)
            #expect(checked.status == 200)
        }
    }

    @Test func notBeforeInTheFuture() async throws {
        try await withOAuth { fixture in
            let token = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), extra: ["nbf": .int(TestJWT.now + 3600)]))
            try await expectInvalid(try await fixture.call(token), "the token is not valid yet (nbf)", fixture)
        }
    }

    @Test func issuedFarInTheFuture() async throws {
        try await withOAuth { fixture in
            let token = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), extra: ["iat": .int(TestJWT.now + 3600)]))
            try await expectInvalid(try await fixture.call(token), "the token was issued in the future (iat)", fixture)
        }
    }

    @Test func missingExp() async throws {
        try await withOAuth { fixture in
            var claims = TestJWT.claims(aud: .string(fixture.audience))
            claims["exp"] = nil
            try await expectInvalid(try await fixture.call(fixture.token(claims: claims)), "the token has no exp claim", fixture)
        }
    }

    @Test func wrongIssuer() async throws {
        try await withOAuth { fixture in
            let token = fixture.token(claims: TestJWT.claims(aud: .string(fixture.audience), extra: ["iss": "https://evil.example"]))
            try await expectInvalid(try await fixture.call(token), "the token was not issued by \(TestJWT.issuer)", fixture)
        }
    }

    @Test func wrongAudience() async throws {
        try await withOAuth { fixture in
            let token = fixture.token(claims: TestJWT.claims(aud: "https://other.example/mcp"))
            try await expectInvalid(try await fixture.call(token), "the token is not meant for this resource (aud)", fixture)
        }
    }

    @Test func audienceArrayWithoutOursAndWithOurs() async throws {
        try await withOAuth { fixture in
            let without = fixture.token(claims: TestJWT.claims(aud: ["https://a.example", "https://b.example"]))
            try await expectInvalid(try await fixture.call(without), "the token is not meant for this resource (aud)", fixture)
            let with = fixture.token(claims: TestJWT.claims(aud: ["https://a.example", .string(fixture.audience)]))
            let checked = try await fixture.call(with)
            #expect(checked.status == 200)
        }
    }

    @Test func tamperedPayload() async throws {
        try await withOAuth { fixture in
            let parts = fixture.token().split(separator: ".").map(String.init)
            let forged = TestJWT.encode(.object(TestJWT.claims(sub: "admin", aud: .string(fixture.audience))))
            try await expectInvalid(try await fixture.call([parts[0], forged, parts[2]].joined(separator: ".")), "the signature is not valid", fixture)
        }
    }

    @Test func tamperedSignature() async throws {
        try await withOAuth { fixture in
            var parts = fixture.token().split(separator: ".").map(String.init)
            var signature = Base64URL.decode(parts[2])!
            signature[10] ^= 0x01
            parts[2] = Base64URL.encode(signature)
            try await expectInvalid(try await fixture.call(parts.joined(separator: ".")), "the signature is not valid", fixture)
        }
    }

    @Test func unknownKidRefreshesOnceThenRefuses() async throws {
        try await withOAuth { fixture in
            let stranger = try TestSigningKey.rsa(kid: "stranger")
            let before = fixture.jwks.fetches
            let token = TestJWT.token(stranger, claims: TestJWT.claims(aud: .string(fixture.audience)))
            try await expectInvalid(try await fixture.call(token), "unknown key id stranger", fixture)
            #expect(fixture.jwks.fetches == before + 1)
            // Within 30 s another unknown kid does not hit the JWKS endpoint again.
            try await expectInvalid(try await fixture.call(token), "unknown key id stranger", fixture)
            #expect(fixture.jwks.fetches == before + 1)
        }
    }

    @Test func rotatedKeyIsPickedUpByTheUnknownKidRefresh() async throws {
        try await withOAuth { fixture in
            let rotated = TestSigningKey.ed25519(kid: "ed-2")
            fixture.jwks.publish([rotated])
            let token = TestJWT.token(rotated, claims: TestJWT.claims(aud: .string(fixture.audience)))
            let checked = try await fixture.call(token)
            #expect(checked.status == 200)
            // The old key is gone after the refresh.
            let old = try await fixture.call(fixture.token())
            #expect(old.status == 401)
        }
    }

    @Test func jwksDownAtStartUpIs503ThenRecovers() async throws {
        try await withOAuth(jwksAvailable: false) { fixture in
            let reply = try await fixture.call(fixture.token())
            #expect(reply.status == 503)
            #expect(reply.header("Retry-After") == "5")
            #expect(reply.challenge == nil)
            #expect(reply.errorMessage == "Service Unavailable: the signing keys could not be loaded yet")
            fixture.jwks.setAvailable(true)
            #expect(await fixture.provider.refresh())
            let subject = try await fixture.stillServes()
        #expect(subject == "alice")
        }
    }

    @Test func jwksDownMidRunKeepsCachedKeys() async throws {
        try await withOAuth { fixture in
            fixture.jwks.setAvailable(false)
            #expect(await fixture.provider.refresh() == false)
            let reply = try await fixture.call(fixture.token(fixture.ec))
            #expect(reply.status == 200)
            let stranger = TestJWT.token(try TestSigningKey.rsa(kid: "new"), claims: TestJWT.claims(aud: .string(fixture.audience)))
            let unknown = try await fixture.call(stranger)
            #expect(unknown.status == 503, "an unknown kid cannot be judged while the JWKS is down: 503, never 500 or a guess")
            // Inside the failed fetch's 1 s backoff the key server is known down (Retry-After:
            // the backoff left); past it a fresh fetch fails (Retry-After: the 30 s unknown-kid
            // interval). Which one depends on this machine's speed; JWKSClockTests pins both.
            let retryAfter = unknown.header("Retry-After").flatMap { Int($0) }
            #expect(retryAfter.map { (1...30).contains($0) } == true, "Retry-After: \(unknown.header("Retry-After") ?? "none")")
            #expect(unknown.errorMessage == "Service Unavailable: the signing keys could not be refreshed to check key id new")
        }
    }

    @Test func oversizedToken() async throws {
        try await withOAuth { fixture in
            let reply = try await fixture.call(String(repeating: "a", count: 9000))
            #expect(reply.status == 400)
            #expect(reply.challenge == #"Bearer error="invalid_request", error_description="the token is longer than 8192 bytes", resource_metadata="\#(fixture.metadataURL)""#)
            #expect(reply.errorCode == -32600)
        }
    }

    @Test func malformedBase64AndJSON() async throws {
        try await withOAuth { fixture in
            try await expectInvalid(try await fixture.call("abc.d+f.ghi"), "malformed token: the payload is not base64url", fixture)
            let badJSON = Base64URL.encode(Array("{\"alg\":".utf8)) + "." + TestJWT.encode(["sub": "x"]) + ".c2ln"
            try await expectInvalid(try await fixture.call(badJSON), "malformed token: the header is not a JSON object", fixture)
            try await expectInvalid(try await fixture.call("only.two"), "malformed token: the token is not a compact JWS (three dot-separated parts)", fixture)
        }
    }

    @Test func unknownCriticalHeader() async throws {
        try await withOAuth { fixture in
            let token = TestJWT.token(
                fixture.rsa, header: ["alg": "RS256", "kid": "rsa-1", "crit": ["exp-ext"], "exp-ext": true],
                claims: TestJWT.claims(aud: .string(fixture.audience)))
            try await expectInvalid(try await fixture.call(token), "the token has critical header extensions this server does not understand", fixture)
        }
    }

    @Test func tokenOnlyInTheQueryStringIsNotRead() async throws {
        try await withOAuth { fixture in
            let reply = try await HTTP.rpc(fixture.server.url + "?access_token=" + fixture.token(), RPC.toolsList)
            #expect(reply.status == 401)
            #expect(reply.challenge == #"Bearer resource_metadata="\#(fixture.metadataURL)""#)
        }
    }

    @Test func basicSchemeGetsABareChallenge() async throws {
        try await withOAuth { fixture in
            let reply = try await fixture.call(nil, extra: [("Authorization", "Basic YWxpY2U6c2VjcmV0")])
            #expect(reply.status == 401)
            #expect(reply.challenge == #"Bearer resource_metadata="\#(fixture.metadataURL)""#)
            #expect(reply.errorMessage == "Unauthorized: bearer token required")
        }
    }

    @Test func twoAuthorizationHeaders() async throws {
        try await withOAuth { fixture in
            let reply = try await fixture.call(fixture.token(), extra: [HTTP.bearer(fixture.token())])
            #expect(reply.status == 400)
            #expect(reply.challenge == #"Bearer error="invalid_request", error_description="more than one Authorization header", resource_metadata="\#(fixture.metadataURL)""#)
        }
    }

    @Test func notAToken68() async throws {
        try await withOAuth { fixture in
            let reply = try await fixture.call(nil, extra: [("Authorization", "Bearer a b")])
            #expect(reply.status == 400)
            #expect(reply.challenge?.contains(#"error="invalid_request""#) == true)
        }
    }
}
