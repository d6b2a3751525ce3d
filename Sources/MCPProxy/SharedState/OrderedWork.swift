import Synchronization

/// Runs asynchronous work one piece at a time, in the order it was enqueued, without holding a
/// task while there is none: the first piece starts a task that runs until the queue is empty.
final class OrderedWork: Sendable {
    private struct State {
        var pending: [@Sendable () async -> Void] = []
        var running = false
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `work` after everything enqueued before it.
    func enqueue(_ work: @escaping @Sendable () async -> Void) {
        let start = state.withLock { state -> Bool in
            state.pending.append(work)
            guard !state.running else { return false }
            state.running = true
            return true
        }
        if start { Task { await self.drain() } }
    }

    /// Runs `work` after everything enqueued before it and returns its result.
    func run<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Value, any Error>) in
            enqueue {
                do { done.resume(returning: try await work()) } catch { done.resume(throwing: error) }
            }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [@Sendable () async -> Void] in
                defer { state.pending.removeAll(keepingCapacity: true) }
                if state.pending.isEmpty { state.running = false }
                return state.pending
            }
            if batch.isEmpty { return }
            for work in batch { await work() }
        }
    }
}
