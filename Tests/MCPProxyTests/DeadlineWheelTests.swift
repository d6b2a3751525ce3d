@testable import MCPProxy
import NIOEmbedded
import Synchronization
import Testing

@Suite struct DeadlineWheelTests {
    /// Awaits one run: its outcome, reported exactly once.
    func run<Value: Sendable>(
        _ timeout: Duration, _ wheel: DeadlineWheel, _ operation: @escaping @Sendable () async throws -> Value
    ) async -> DeadlineRunner.Outcome<Value> {
        await withCheckedContinuation { continuation in
            DeadlineRunner.start(timeout: timeout, wheel: wheel, operation) { continuation.resume(returning: $0) }
        }
    }

    /// On a clock the test moves and a loop it ticks: a deadline fires at the first tick at or
    /// after it, never before, and only once.
    @Test func aDeadlineFiresAtTheFirstTickAfterItOnTheMovedClock() {
        let loop = EmbeddedEventLoop()
        let clock = ManualClock()
        let wheel = DeadlineWheel(tick: .milliseconds(50), eventLoop: loop, clock: { clock.now })
        let fired = Mutex(0)
        _ = wheel.add(after: .seconds(5)) { fired.withLock { $0 += 1 } }
        let kept = wheel.add(after: .seconds(5)) { fired.withLock { $0 += 100 } }
        wheel.remove(kept)
        clock.advance(by: .milliseconds(4_990))
        loop.advanceTime(by: .milliseconds(50))
        #expect(fired.withLock { $0 } == 0)
        #expect(wheel.count == 1)
        clock.advance(by: .milliseconds(10))
        loop.advanceTime(by: .milliseconds(50))
        #expect(fired.withLock { $0 } == 1)
        clock.advance(by: .seconds(60))
        loop.advanceTime(by: .seconds(1))
        #expect(fired.withLock { $0 } == 1)
        #expect(wheel.count == 0)
    }

    @Test func finishedOperationsLeaveNoEntryAndLateOnesTimeOut() async {
        let wheel = DeadlineWheel(tick: .milliseconds(10))
        for i in 0..<100 {
            let outcome = await run(.seconds(60), wheel) { i }
            guard case .finished(.success(i)) = outcome else {
                Issue.record("operation \(i) did not finish: \(outcome)")
                return
            }
        }
        #expect(wheel.count == 0)

        let timedOut = await run(.milliseconds(30), wheel) {
            try await Task.sleep(for: .seconds(3600))
            return 0
        }
        guard case .timedOut = timedOut else {
            Issue.record("expected a timeout, got \(timedOut)")
            return
        }
        #expect(wheel.count == 0)
    }
}
