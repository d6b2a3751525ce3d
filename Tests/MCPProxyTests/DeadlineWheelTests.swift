@testable import MCPProxy
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
