import MCPProxy
import Synchronization

/// A one-shot signal a test can wait on (a handler observed cancellation, a waiter arrived, …).
package final class OneShotSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    package init() {}

    package func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    package func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state in
                if !state.fired { state.waiters.append(continuation) }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}

/// A gate a handler waits on until the test opens it; the test can wait until someone waits.
package final class Gate: Sendable {
    private let opened = OneShotSignal()
    private let arrived = OneShotSignal()

    package init() {}

    package func wait() async {
        arrived.fire()
        await opened.wait()
    }

    package func waitForWaiter() async { await arrived.wait() }
    package func open() { opened.fire() }
}

extension Gate {
    /// A server with one tool, `block`, that waits for this gate and then answers `reply`.
    package func blockingServer(reply: String) -> NativeMCPServer {
        NativeMCPServer(
            name: "gated", version: "1",
            tools: [NativeTool(name: "block", description: "waits for the test") { _, _ in
                await self.wait()
                return .text(reply)
            }])
    }
}
