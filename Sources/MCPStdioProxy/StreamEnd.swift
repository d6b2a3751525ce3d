import Synchronization

/// The end of one of a child's output streams, recorded once by its reader and awaited with
/// a bound: the exit of a process and the end of what it wrote are learnt on different
/// threads, in no fixed order, so a report of the exit waits for the end of its output.
final class StreamEnd: Sendable {
    private struct State {
        var ended = false
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Whether the stream has ended.
    var hasEnded: Bool { state.withLock { $0.ended } }

    /// Records the end and wakes every waiter.
    func record() {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.ended = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// Waits until the stream ends, at most `limit`; returns whether it ended (a grandchild that
    /// inherited the stream can hold it open for as long as it lives).
    func wait(within limit: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            let waiter = state.withLock { state -> Int? in
                if state.ended { return nil }
                defer { state.nextWaiter += 1 }
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let waiter else { return continuation.resume(returning: true) }
            Task {
                try? await Task.sleep(for: limit)
                self.state.withLock { $0.waiters.removeValue(forKey: waiter) }?.resume(returning: false)
            }
        }
    }
}
