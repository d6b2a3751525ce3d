import Logging
@testable import MCPProxy
import Synchronization
import TestSupport
import Testing

/// The JWKS cache on a clock the test moves: the unknown-`kid` interval, the staleness of a
/// set and the backoff after a failed fetch are decided by that clock alone, so no test waits
/// for them and no loaded machine can race them.
@Suite struct JWKSClockTests {
    func ids(_ refresh: JWKSProvider.UnknownKeyRefresh) -> Set<String>? {
        guard case .keys(let keys) = refresh else { return nil }
        return Set(keys.byID.keys)
    }

    func retryAfter(_ refresh: JWKSProvider.UnknownKeyRefresh) -> Int? {
        guard case .unavailable(let seconds) = refresh else { return nil }
        return seconds
    }

    @Test func theUnknownKeyIntervalAndTheBackoffFollowTheClock() async throws {
        let old = try TestSigningKey.rsa(kid: "old")
        let new = TestSigningKey.p256(kid: "new")
        let jwks = try await JWKSTestServer.start([old])
        let clock = ManualClock()
        let provider = try JWKSProvider(
            url: jwks.url, defaultMaxAge: .seconds(600), unknownKeyInterval: .seconds(30), fetchTimeout: .seconds(30), client: nil,
            logger: TestServer.quietLogger, clock: { clock.now })
        #expect(await provider.refresh())
        let loaded = jwks.fetches

        // An unknown kid refetches once; within the interval the fresh set settles it.
        #expect(ids(await provider.refreshForUnknownKey()) == ["old"])
        #expect(jwks.fetches == loaded + 1)
        jwks.publish([old, new])
        clock.advance(by: .seconds(29))
        #expect(ids(await provider.refreshForUnknownKey()) == ["old"])
        #expect(jwks.fetches == loaded + 1, "a refetch inside the interval")
        clock.advance(by: .seconds(1))
        #expect(ids(await provider.refreshForUnknownKey()) == ["old", "new"])
        #expect(jwks.fetches == loaded + 2)

        // The key server goes away: one failed fetch, then the backoff answers at once.
        jwks.setAvailable(false)
        clock.advance(by: .seconds(30))
        #expect(retryAfter(await provider.refreshForUnknownKey()) == 30)
        let failed = jwks.fetches
        #expect(retryAfter(await provider.refreshForUnknownKey()) == 1, "inside the 1 s backoff: known down")
        #expect(jwks.fetches == failed, "no fetch while known down")
        // The last good keys still serve, and the set is stale once the backoff has passed.
        #expect(provider.keys.map { Set($0.byID.keys) } == ["old", "new"])
        await jwks.stop()
    }
}
