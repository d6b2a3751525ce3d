import Synchronization

/// The bound port, once the listener is up, for callers that bound port 0.
final class ListeningState: Sendable {
    private struct State {
        var port: Int?
        var failed = false
        var waiters: [CheckedContinuation<Int?, Never>] = []
    }

    private let state = Mutex(State())

    /// The bound port, once the listener is up.
    var port: Int? { state.withLock { $0.port } }

    func listening(on port: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int?, Never>] in
            state.port = port
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func stopped() {
        let waiters = state.withLock { state -> [CheckedContinuation<Int?, Never>] in
            state.failed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    func wait() async -> Int? {
        await withCheckedContinuation { continuation in
            let immediate = state.withLock { state -> Int?? in
                if let port = state.port { return .some(port) }
                if state.failed { return .some(nil) }
                state.waiters.append(continuation)
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }
}
