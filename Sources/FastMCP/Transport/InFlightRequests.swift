import MCPProxy
import Synchronization

/// The requests of one stdio connection still being served: what `notifications/cancelled`
/// cancels and what the end of input waits for.
///
/// Each request is recorded before its task can run and forgotten by the task itself, under
/// a token of its own, so a request that finishes at once (a `ping` on a busy pool) or shares
/// its id with another is never left behind. (A finished task left behind once made the end
/// of input spin a core forever, awaiting it again and again.)
final class InFlightRequests: Sendable {
    private let state = Mutex<(next: UInt64, tasks: [UInt64: (id: JSONRPCID, task: Task<Void, Never>)])>((0, [:]))

    /// Starts `operation` as the request `id`.
    func start(_ id: JSONRPCID, _ operation: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            state.next += 1
            let token = state.next
            // Created under the lock: the task's own removal waits until it is recorded.
            let task = Task { [self] in
                await operation()
                self.forget(token)
            }
            state.tasks[token] = (id, task)
        }
    }

    /// Cancels every request in flight with `id`.
    func cancel(_ id: JSONRPCID) {
        for task in state.withLock({ $0.tasks.values.filter { $0.id == id }.map(\.task) }) { task.cancel() }
    }

    /// The number of requests in flight.
    var count: Int { state.withLock { $0.tasks.count } }

    /// Waits until every request in flight has finished.
    func drain() async {
        while let (token, task) = state.withLock({ $0.tasks.first.map { ($0.key, $0.value.task) } }) {
            await task.value
            forget(token)
        }
    }

    private func forget(_ token: UInt64) {
        state.withLock { _ = $0.tasks.removeValue(forKey: token) }
    }
}
