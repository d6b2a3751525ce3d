@testable import MCPProxy
import Testing

@Suite struct DeadlineWheelTests {
    @Test func finishedOperationsLeaveNoEntryAndLateOnesTimeOut() async {
        let wheel = DeadlineWheel(tick: .milliseconds(10))
        for i in 0..<100 {
            let outcome = await DeadlineRunner.run(timeout: .seconds(60), wheel: wheel) { i }
            guard case .finished(.success(i)) = outcome else {
                Issue.record("operation \(i) did not finish: \(outcome)")
                return
            }
        }
        #expect(wheel.count == 0)

        let timedOut = await DeadlineRunner.run(timeout: .milliseconds(30), wheel: wheel) {
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
