import Foundation
@testable import MCPProxy
import TestSupport
import Testing

/// A key server that stalls, trickles, redirects or lies can delay a key rotation, never
/// stall requests or poison the keys (docs/auth.md, JWKS).
@Suite struct JWKSHostileTests {
    struct Rig {
        let jwks: JWKSTestServer
        let provider: JWKSProvider
        let server: TestServer
        let old: TestSigningKey
        let new: TestSigningKey
        let log: LogCapture

        func call(_ key: TestSigningKey) async throws -> HTTPReply {
            try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer(TestJWT.token(key, claims: TestJWT.claims(aud: .string(server.url))))])
        }
    }

    /// A server verifying against `jwks`: one unknown-kid refresh per 300 ms, and a fetch
    /// deadline of `fetchTimeout` (short only where a stuck fetch is the subject).
    func withRig(fetchTimeout: Duration = .seconds(20), _ body: (Rig) async throws -> Void) async throws {
        let old = try TestSigningKey.rsa(kid: "old")
        let new = TestSigningKey.p256(kid: "new")
        let jwks = try await JWKSTestServer.start([old])
        let log = LogCapture()
        let provider = try JWKSProvider(
            url: jwks.url, unknownKeyInterval: .milliseconds(300), fetchTimeout: fetchTimeout, logger: log.logger)
        // The first load is the precondition, not the subject. Under `stress --cpu 4` a 2 s
        // deadline was seen to pass before a healthy local server answered: a few tries absorb that.
        var loaded = false
        for _ in 0..<5 where !loaded { loaded = await provider.refresh() }
        #expect(loaded, "the JWKS never loaded: \(log.messages)")
        let verifier = JWTVerifier(keys: .jwks(provider), issuer: TestJWT.issuer)
        do {
            try await withServer(MCPProxyConfiguration(stateless: true, authentication: .jwt(verifier))) { server in
                try await body(Rig(jwks: jwks, provider: provider, server: server, old: old, new: new, log: log))
            }
        } catch {
            await jwks.stop()
            throw error
        }
        await jwks.stop()
    }

    /// Calls until the reply is 200 (each call may itself trigger one refresh), within `limit`.
    func eventuallyAccepted(_ rig: Rig, _ key: TestSigningKey, within limit: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await rig.call(key).status == 200 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test(arguments: ["stall", "trickle"])
    func aStuckRefreshIsAbandonedAndRotationRecovers(mode: String) async throws {
        try await withRig(fetchTimeout: .seconds(2)) { rig in
            rig.jwks.setMode(mode == "stall" ? .stall : .trickle)
            rig.jwks.publish([rig.old, rig.new])
            let refused = try await rig.call(rig.new)
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.errorMessage == "Service Unavailable: the signing keys could not be refreshed to check key id new")
            // Keys already loaded keep verifying while the key server misbehaves.
            #expect(try await rig.call(rig.old).status == 200)
            rig.jwks.setMode(.healthy)
            #expect(try await eventuallyAccepted(rig, rig.new), "the stuck refresh was never abandoned")
        }
    }

    /// A key server that refuses connections is known at once: no retrying the connection
    /// until the fetch deadline, and while its backoff runs no new fetch for each request.
    @Test func aKeyServerThatIsDownIsKnownAtOnce() async throws {
        try await withRig { rig in
            let earlier = rig.log.messages(at: .warning).count
            await rig.jwks.stop()
            let first = try await rig.call(rig.new)
            let second = try await rig.call(rig.new)
            for reply in [first, second] {
                #expect(reply.status == 503)
                #expect(reply.errorMessage == "Service Unavailable: the signing keys could not be refreshed to check key id new")
            }
            let failures = rig.log.messages(at: .warning).dropFirst(earlier).filter { $0.hasPrefix("JWKS fetch from") }
            #expect(failures.count == 1, "\(failures)")
            // Refused, not "no complete answer within 2 s": the connection was not retried to the deadline.
            #expect(failures.first == "JWKS fetch from \(rig.jwks.url) failed: cannot connect to 127.0.0.1:\(rig.jwks.port): connection refused", "\(failures)")
            #expect(try await rig.call(rig.old).status == 200)
        }
    }

    @Test func aKidMissingFromAFreshSetIs401() async throws {
        try await withRig { rig in
            let reply = try await rig.call(rig.new)
            #expect(reply.status == 401)
            #expect(reply.header("WWW-Authenticate")?.contains("unknown key id new") == true)
        }
    }

    @Test func aRedirectToAnotherOriginIsNotFollowed() async throws {
        let elsewhere = try await JWKSTestServer.start([try TestSigningKey.rsa(kid: "planted")])
        let origin = try await JWKSTestServer.start([])
        origin.setMode(.redirect(elsewhere.url))
        let provider = try JWKSProvider(url: origin.url, fetchTimeout: .seconds(20), logger: TestServer.quietLogger)
        #expect(await provider.refresh() == false)
        #expect(provider.keys == nil)
        #expect(elsewhere.fetches == 0)
        // Within the same origin it is followed.
        let key = try TestSigningKey.rsa(kid: "same")
        origin.publish([key])
        origin.setMode(.redirect("/keys"))
        let sameOrigin = try JWKSProvider(url: origin.url, fetchTimeout: .seconds(20), logger: TestServer.quietLogger)
        #expect(await sameOrigin.refresh())
        guard case .keys(let found)? = sameOrigin.keys?.lookup(keyID: "same", algorithm: "RS256") else {
            Issue.record("the same-origin redirect was not followed")
            return
        }
        #expect(found.count == 1)
        await origin.stop()
        await elsewhere.stop()
    }

    @Test func loopbackIsParsedForHTTPJWKSURLs() {
        for url in ["http://127.example.com/jwks", "http://127.0.0.1.nip.io/jwks", "http://localhost.evil.com/jwks", "http://0.0.0.0/jwks"] {
            #expect(throws: JWKSProvider.InvalidURL.self, "\(url)") { try JWKSProvider(url: url) }
        }
        for url in ["http://127.0.0.1:9/jwks", "http://127.1.2.3/jwks", "http://localhost:8/jwks", "http://[::1]:8/jwks", "https://auth.example.com/jwks"] {
            #expect(throws: Never.self, "\(url)") { try JWKSProvider(url: url) }
        }
    }

    @Test func failedFetchesBackOff() {
        #expect((1...7).map { JWKSProvider.backoff(failures: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
    }
}
