import Synchronization

/// The SSE side of one handler run, made only if the handler sends a notification: a plain
/// JSON reply (the common case) never builds an `AsyncStream`.
final class LazyEventStream: Sendable {
    private enum State {
        case idle
        case streaming(AsyncStream<MCPEndpoint.Event>.Continuation)
        case finished
    }

    private let state = Mutex(State.idle)

    /// Sends `notification`; returns the stream when this call started it (the caller then
    /// answers with it). `onCancel` runs if the reader goes away before the end.
    func yield(_ notification: JSONValue, onCancel: @escaping @Sendable () -> Void) -> AsyncStream<MCPEndpoint.Event>? {
        state.withLock { state in
            switch state {
            case .idle:
                let (events, continuation) = AsyncStream<MCPEndpoint.Event>.makeStream()
                continuation.onTermination = { termination in
                    if case .cancelled = termination { onCancel() }
                }
                continuation.yield(.notification(notification))
                state = .streaming(continuation)
                return events
            case .streaming(let continuation):
                continuation.yield(.notification(notification))
                return nil
            case .finished:
                return nil
            }
        }
    }

    /// Ends the run: a started stream carries `outcome` and finishes; later notifications are dropped.
    func finish(_ outcome: MCPEndpoint.Outcome) {
        let continuation = state.withLock { state -> AsyncStream<MCPEndpoint.Event>.Continuation? in
            defer { state = .finished }
            if case .streaming(let continuation) = state { return continuation }
            return nil
        }
        continuation?.yield(.done(outcome))
        continuation?.finish()
    }
}
