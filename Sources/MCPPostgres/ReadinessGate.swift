import Synchronization

/// Opens once: waiters before that suspend; after it they pass, or get the failure it ended with.
final class ReadinessGate: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Void, any Error>])
        case open
        case failed(any Error)
    }

    private let state = Mutex(State.waiting([]))

    init() {}

    /// Returns once the gate is open; throws the failure if it failed.
    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            state.withLock { state in
                switch state {
                case .waiting(let waiters): state = .waiting(waiters + [continuation])
                case .open: continuation.resume()
                case .failed(let error): continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Lets every waiter through, now and later.
    func open() { settle(.open) }

    /// Fails every waiter, now and later, with `error`.
    func fail(_ error: any Error) { settle(.failed(error)) }

    private func settle(_ outcome: State) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = outcome
            return waiters
        }
        for waiter in waiters {
            if case .failed(let error) = outcome { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }
}
