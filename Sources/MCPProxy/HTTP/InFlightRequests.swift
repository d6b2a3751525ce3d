import Synchronization

/// The handler runs under way, each with what answers and cancels it, so a drain that
/// reaches its deadline can end them all instead of waiting on handlers that never return.
///
/// A run is registered before it starts and finished when it ends: one lock each, no object
/// per run.
final class InFlightRequests: Sendable {
    private struct State {
        var next = 0
        var aborts: [Int: @Sendable () -> Void] = [:]
        var aborted = false
    }

    private let state = Mutex(State())

    /// Records `abort` for a run about to start and returns its number for ``finish(_:)``.
    /// When the server has already given up waiting, `abort` runs at once and the result is `nil`.
    func register(abort: @escaping @Sendable () -> Void) -> Int? {
        let id = state.withLock { state -> Int? in
            guard !state.aborted else { return nil }
            state.next += 1
            state.aborts[state.next] = abort
            return state.next
        }
        if id == nil { abort() }
        return id
    }

    /// Forgets a run that ended by itself.
    func finish(_ id: Int) {
        _ = state.withLock { $0.aborts.removeValue(forKey: id) }
    }

    /// Answers and cancels every run still under way, and any registered later.
    func abortAll() {
        let aborts = state.withLock { state -> [@Sendable () -> Void] in
            state.aborted = true
            defer { state.aborts.removeAll() }
            return Array(state.aborts.values)
        }
        for abort in aborts { abort() }
    }

    /// Runs under way now.
    var count: Int { state.withLock { $0.aborts.count } }
}
