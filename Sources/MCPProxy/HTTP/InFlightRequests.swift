import Synchronization

/// The handler runs under way, each with what answers and cancels it, so a drain that
/// reaches its deadline can end them all instead of waiting on handlers that never return.
final class InFlightRequests: Sendable {
    /// One run's place in the registry; finishing it before it is registered is fine.
    final class Entry: Sendable {
        fileprivate let state = Mutex<(id: Int?, finished: Bool)>((nil, false))
    }

    private struct State {
        var next = 0
        var aborts: [Int: @Sendable () -> Void] = [:]
        var aborted = false
    }

    private let state = Mutex(State())

    /// Records `abort` for `entry` (unless the run already finished); it runs at once
    /// when the server has already given up waiting.
    func register(_ entry: Entry, abort: @escaping @Sendable () -> Void) {
        let late = state.withLock { state -> Bool in
            if state.aborted { return true }
            let recorded = entry.state.withLock { slot -> Bool in
                guard !slot.finished else { return false }
                state.next += 1
                slot.id = state.next
                return true
            }
            if recorded, let id = entry.state.withLock({ $0.id }) { state.aborts[id] = abort }
            return false
        }
        if late { abort() }
    }

    /// Forgets a run that ended by itself.
    func finish(_ entry: Entry) {
        let id = entry.state.withLock { slot -> Int? in
            slot.finished = true
            return slot.id
        }
        if let id { _ = state.withLock { $0.aborts.removeValue(forKey: id) } }
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
