import Synchronization

/// Publishes list changes and resource updates to the clients that asked for them:
/// 2026-07-28 `subscriptions/listen` streams (filtered by what each requested) and,
/// for list changes, the GET streams of 2025-era stateful sessions.
///
/// ```swift
/// server.notifier.toolsListChanged()
/// server.notifier.resourceUpdated(uri: "example://readme")
/// ```
public final class ChangeNotifier: Sendable {
    /// One kind of change.
    public enum Change: Sendable, Hashable {
        case toolsListChanged
        case promptsListChanged
        case resourcesListChanged
        case resourceUpdated(uri: String)

        var notification: JSONRPCNotification {
            switch self {
            case .toolsListChanged: return JSONRPCNotification(method: "notifications/tools/list_changed")
            case .promptsListChanged: return JSONRPCNotification(method: "notifications/prompts/list_changed")
            case .resourcesListChanged: return JSONRPCNotification(method: "notifications/resources/list_changed")
            case .resourceUpdated(let uri):
                return JSONRPCNotification(method: "notifications/resources/updated", params: ["uri": .string(uri)])
            }
        }
    }

    private struct Listener {
        var filter: SubscriptionFilter
        var subscriptionID: JSONRPCID
        var continuation: AsyncStream<JSONValue>.Continuation
    }

    private struct State {
        var listeners: [Int: Listener] = [:]
        var nextToken = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let sessions: SessionStore

    init(sessions: SessionStore) {
        self.sessions = sessions
    }

    /// The number of open `subscriptions/listen` streams.
    public var listenerCount: Int { state.withLock { $0.listeners.count } }

    /// Tells listening clients the tool list changed.
    public func toolsListChanged() { publish(.toolsListChanged) }
    /// Tells listening clients the prompt list changed.
    public func promptsListChanged() { publish(.promptsListChanged) }
    /// Tells listening clients the resource list changed.
    public func resourcesListChanged() { publish(.resourcesListChanged) }
    /// Tells listening clients the resource at `uri` changed.
    public func resourceUpdated(uri: String) { publish(.resourceUpdated(uri: uri)) }

    /// Sends `change` to every stream that asked for it.
    public func publish(_ change: Change) {
        let notification = change.notification
        state.withLock { state in
            for listener in state.listeners.values where listener.filter.wants(change) {
                var tagged = notification
                var params = notification.params?.objectValue ?? [:]
                params["_meta"] = [MetaKey.subscriptionID: listener.subscriptionID.json]
                tagged.params = .object(params)
                listener.continuation.yield(tagged.json)
            }
        }
        if case .resourceUpdated = change { return }
        sessions.broadcast(notification)
    }

    /// Registers a listen stream; `nil` once the server is shutting down.
    func open(filter: SubscriptionFilter, subscriptionID: JSONRPCID) -> (stream: AsyncStream<JSONValue>, token: Int)? {
        let (stream, continuation) = AsyncStream<JSONValue>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let token = state.withLock { state -> Int? in
            guard !state.closed else { return nil }
            state.nextToken += 1
            state.listeners[state.nextToken] = Listener(filter: filter, subscriptionID: subscriptionID, continuation: continuation)
            return state.nextToken
        }
        guard let token else { return nil }
        return (stream, token)
    }

    /// Forgets a listen stream (its client went away).
    func close(token: Int) {
        let listener = state.withLock { $0.listeners.removeValue(forKey: token) }
        listener?.continuation.finish()
    }

    /// Ends every listen stream (shutdown).
    func closeAll() {
        let listeners = state.withLock { state -> [Listener] in
            state.closed = true
            defer { state.listeners.removeAll() }
            return Array(state.listeners.values)
        }
        for listener in listeners { listener.continuation.finish() }
    }
}
