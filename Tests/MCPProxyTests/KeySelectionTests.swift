import HTTPTypes
import MCPProxy
import Testing

@Suite struct KeySelectionTests {
    private func head(_ token: String) -> RequestHead {
        RequestHead(method: .post, path: "/mcp", headers: [.authorization: "Bearer \(token)"], resourceURL: "http://127.0.0.1/mcp")
    }

    @Test func aKeyWithoutAnIdVerifiesTokensNamingAnyKid() async throws {
        let signer = try TestSigningKey.rsa(kid: "from-the-authorization-server")
        let pemOnly = try VerificationKey.pem(signer.publicPEM)
        let verifier = JWTVerifier(keys: .keys([pemOnly]), issuer: TestJWT.issuer, audience: "http://127.0.0.1/mcp")
        let principal = try await verifier.authenticate(head(TestJWT.token(signer, claims: TestJWT.claims())))
        #expect(principal?.subject == "alice")
    }

    @Test func aKidNamingAnotherIdentifiedKeyIsStillRefused() async throws {
        let signer = try TestSigningKey.rsa(kid: "a")
        let other = try TestSigningKey.rsa(kid: "b")
        let verifier = JWTVerifier(
            keys: .keys([try VerificationKey.pem(other.publicPEM, keyID: "b"), try VerificationKey.pem(signer.publicPEM)]),
            issuer: TestJWT.issuer, audience: "http://127.0.0.1/mcp")
        // `kid: b` selects exactly key b, never the anonymous one, so a token signed by a but naming b fails.
        let forged = TestJWT.token(signer, header: ["alg": "RS256", "kid": "b"], claims: TestJWT.claims())
        await #expect(throws: AuthenticationError.self) { try await verifier.authenticate(head(forged)) }
        // Naming an id no key carries falls back to the key without an id.
        let named = TestJWT.token(signer, header: ["alg": "RS256", "kid": "c"], claims: TestJWT.claims())
        #expect(try await verifier.authenticate(head(named))?.subject == "alice")
    }
}
