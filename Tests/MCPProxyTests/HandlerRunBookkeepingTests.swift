import Synchronization
import Testing

@testable import MCPProxy

/// The small pieces a handler run is kept by: the in-flight registry drain gives up through,
/// the exactly-once reply decision, and the verified-token cache's key.
struct HandlerRunBookkeepingTests {
    @Test func aDrainAbortsWhatIsRegisteredOnceAndEveryRunRegisteredAfter() {
        let registry = InFlightRequests()
        let aborted = Mutex<[String]>([])
        let first = registry.register { aborted.withLock { $0.append("first") } }
        let second = registry.register { aborted.withLock { $0.append("second") } }
        #expect(first != nil && second != nil && first != second)
        registry.finish(try! #require(first))
        #expect(registry.count == 1)

        registry.abortAll()
        #expect(aborted.withLock { $0 } == ["second"])
        #expect(registry.count == 0)

        // After the drain gave up: the abort runs at once, and there is nothing to start.
        let late = registry.register { aborted.withLock { $0.append("late") } }
        #expect(late == nil)
        #expect(aborted.withLock { $0 } == ["second", "late"])
        registry.abortAll()
        #expect(aborted.withLock { $0 } == ["second", "late"])
    }

    @Test func onlyTheFirstResumeIsDelivered() async {
        let value = await withUnsafeContinuation { (continuation: UnsafeContinuation<String, Never>) in
            let once = ResumeOnce(continuation)
            once.resume("first")
            once.resume("second")
        }
        #expect(value == "first")
        // Racers on other threads: exactly one value arrives, whichever was first.
        for _ in 0..<200 {
            let raced = await withUnsafeContinuation { (continuation: UnsafeContinuation<Int, Never>) in
                let once = ResumeOnce(continuation)
                for racer in 0..<4 { Task.detached { once.resume(racer) } }
            }
            #expect((0..<4).contains(raced))
        }
    }

    @Test func tokensAlikeInLengthAndTailAreStillDifferentKeys() {
        let cache = VerifiedTokenCache(capacity: 10)
        let tail = String(repeating: "s", count: 40)
        let stored = "header.alice-claims." + tail
        let forged = "header.mallo-claims." + tail
        #expect(stored.utf8.count == forged.utf8.count)
        cache.store(
            token: stored, audience: "aud", generation: 1,
            entry: .init(principal: Principal(subject: "alice"), expires: .greatestFiniteMagnitude, notBefore: nil))
        #expect(cache.lookup(token: stored, audience: "aud", generation: 1)?.principal.subject == "alice")
        #expect(cache.lookup(token: forged, audience: "aud", generation: 1) == nil)
        #expect(cache.lookup(token: stored, audience: "other", generation: 1) == nil)
        #expect(cache.lookup(token: stored, audience: "aud", generation: 2) == nil)
    }
}
