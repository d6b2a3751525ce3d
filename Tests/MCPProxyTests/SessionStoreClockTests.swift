@testable import MCPProxy
import Testing

/// Session idleness on a clock the test moves: a session expires after a full idle period, a
/// use starts the period again, and nothing depends on how fast the machine is.
@Suite struct SessionStoreClockTests {
    @Test func aSessionExpiresOnlyAfterAFullIdlePeriodSinceItsLastUse() async throws {
        let clock = ManualClock()
        let store = SessionStore(eventCapacity: 8, clock: { clock.now })
        let kept = try await store.create(subject: "alice", protocolVersion: "2025-06-18")
        let idle = try await store.create(subject: "bob", protocolVersion: "2025-06-18")
        clock.advance(by: .seconds(59))
        kept.touch()
        #expect(try await store.expire(idleLongerThan: .seconds(60)) == 0)
        clock.advance(by: .seconds(2))
        #expect(try await store.expire(idleLongerThan: .seconds(60)) == 1)
        #expect(store.session(idle.id) == nil)
        #expect(store.session(kept.id) != nil)
        // `kept` was last used at 59 s: idle 59 s at 118 s, just over 60 s at 119.001 s.
        clock.advance(by: .seconds(57))
        #expect(try await store.expire(idleLongerThan: .seconds(60)) == 0)
        clock.advance(by: .seconds(1) + .milliseconds(1))
        #expect(try await store.expire(idleLongerThan: .seconds(60)) == 1)
        #expect(store.count == 0)
    }
}
