import Foundation
import Logging
import Synchronization

/// Publishes list changes and resource updates to the clients that asked for them:
/// 2026-07-28 `subscriptions/listen` streams (filtered by what each requested) and,
/// for list changes, the GET streams of 2025-era stateful sessions.
///
/// A change goes through the server's ``ChangeBus`` (``MCPProxyConfiguration/sharedState``), so
/// with a shared bus it reaches the listeners of every replica, not only this one's.
///
/// ```swift
/// server.notifier.toolsListChanged()
/// server.notifier.resourceUpdated(uri: "example://readme")
/// try await server.notifier.deliver(.toolsListChanged)   // returns once it is on the bus
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

        /// The change as a bus message (``BusMessage/changeTopic``).
        public var busMessage: BusMessage {
            let payload: JSONValue
            switch self {
            case .toolsListChanged: payload = ["kind": "toolsListChanged"]
            case .promptsListChanged: payload = ["kind": "promptsListChanged"]
            case .resourcesListChanged: payload = ["kind": "resourcesListChanged"]
            case .resourceUpdated(let uri): payload = ["kind": "resourceUpdated", "uri": .string(uri)]
            }
            return BusMessage(topic: BusMessage.changeTopic, payload: payload)
        }

        /// The change a bus message carries; `nil` for another topic or an unknown kind.
        public init?(busMessage message: BusMessage) {
            guard message.topic == BusMessage.changeTopic else { return nil }
            switch message.payload["kind"]?.stringValue {
            case "toolsListChanged": self = .toolsListChanged
            case "promptsListChanged": self = .promptsListChanged
            case "resourcesListChanged": self = .resourcesListChanged
            case "resourceUpdated":
                guard let uri = message.payload["uri"]?.stringValue else { return nil }
                self = .resourceUpdated(uri: uri)
            default: return nil
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
    private let bus: any ChangeBus
    private let subscription = Mutex<ChangeBusSubscription?>(nil)
    /// Changes go onto the bus in the order they were published.
    private let outbox = OrderedWork()
    private let logger: Logger

    init(bus: any ChangeBus, sessions: SessionStore, logger: Logger) {
        self.bus = bus
        self.sessions = sessions
        self.logger = logger
        let subscription = bus.subscribe { [weak self] message in
            guard let change = Change(busMessage: message) else { return }
            self?.deliverHere(change, broadcast: message.payload[Self.broadcastKey]?.stringValue)
        }
        self.subscription.withLock { $0 = subscription }
    }

    /// The payload member naming one publication of a change, so that a 2025 session held by
    /// several replicas stores the change once.
    static let broadcastKey = "broadcast"

    /// `change` as this publication's bus message, with a key of its own (``broadcastKey``).
    static func message(_ change: Change) -> BusMessage {
        var message = change.busMessage
        var payload = message.payload.objectValue ?? [:]
        payload[broadcastKey] = .string(UUID().uuidString)
        message.payload = .object(payload)
        return message
    }

    /// The number of open `subscriptions/listen` streams on this replica.
    public var listenerCount: Int { state.withLock { $0.listeners.count } }

    /// Tells listening clients the tool list changed.
    public func toolsListChanged() { publish(.toolsListChanged) }
    /// Tells listening clients the prompt list changed.
    public func promptsListChanged() { publish(.promptsListChanged) }
    /// Tells listening clients the resource list changed.
    public func resourcesListChanged() { publish(.resourcesListChanged) }
    /// Tells listening clients the resource at `uri` changed.
    public func resourceUpdated(uri: String) { publish(.resourceUpdated(uri: uri)) }

    /// Sends `change` to every stream that asked for it, on every replica the bus reaches.
    /// Returns at once; changes are published in the order of the calls, and one the bus
    /// refuses is logged as an error (use ``deliver(_:)`` to learn of it).
    public func publish(_ change: Change) {
        let bus = self.bus
        let logger = self.logger
        outbox.enqueue {
            do {
                try await bus.publish(Self.message(change))
            } catch {
                logger.error(
                    "a change was not published: the change bus refused it, so no listener hears of it",
                    metadata: ["change": "\(change)", "error": "\(error)"])
            }
        }
    }

    /// Publishes `change` after the changes published before it, and returns once it reached
    /// this replica's listeners and the bus took it for the others. Throws the bus's error.
    public func deliver(_ change: Change) async throws {
        let bus = self.bus
        try await outbox.run { try await bus.publish(Self.message(change)) }
    }

    /// A change from the bus (this replica's or another's): to the local listeners that want it,
    /// and, for list changes, to the GET streams of the sessions held here (stored once per
    /// session under the publication's `broadcast` key, however many replicas hold it).
    private func deliverHere(_ change: Change, broadcast: String?) {
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
        sessions.broadcast(notification, deduplicatedBy: broadcast)
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
