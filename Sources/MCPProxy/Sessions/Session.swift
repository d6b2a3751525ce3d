import Synchronization

/// One stateful MCP session: who owns it, its GET stream and its event history.
public final class Session: Sendable {
    /// The `Mcp-Session-Id`.
    public let id: String
    /// The subject that opened the session (nil when the server runs without auth).
    public let subject: String?
    /// The protocol version negotiated at `initialize`.
    public let protocolVersion: String

    private struct State {
        var lastSeen: ContinuousClock.Instant
        var store: EventStore
        var stream: AsyncStream<EventStore.Event>.Continuation?
        var streamToken = 0
        var ended = false
    }

    private let state: Mutex<State>

    init(
        id: String, subject: String?, protocolVersion: String, eventCapacity: Int,
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.id = id
        self.subject = subject
        self.protocolVersion = protocolVersion
        self.clock = clock
        self.state = Mutex(State(lastSeen: clock(), store: EventStore(capacity: eventCapacity)))
    }

    /// The time `lastSeen` is read from (the store's clock).
    private let clock: @Sendable () -> ContinuousClock.Instant

    /// Marks the session used now.
    func touch() {
        let now = clock()
        state.withLock { $0.lastSeen = now }
    }

    /// Whether the session has been idle longer than `timeout` with no GET stream open.
    func isIdle(longerThan timeout: Duration, now: ContinuousClock.Instant) -> Bool {
        state.withLock { $0.stream == nil && now - $0.lastSeen > timeout }
    }

    /// When the session was last used.
    var lastSeen: ContinuousClock.Instant { state.withLock { $0.lastSeen } }

    /// Whether a GET stream is open.
    public var hasOpenStream: Bool { state.withLock { $0.stream != nil } }

    /// Publishes a server→client notification on the session's GET stream (stored for resumption).
    public func send(_ notification: JSONRPCNotification) {
        let payload = JSONWriter.bytes(notification.json)
        state.withLock { state in
            guard !state.ended else { return }
            let event = state.store.append(payload)
            state.stream?.yield(event)
        }
    }

    /// Opens the GET stream, replacing (and ending) a previous one. Events after
    /// `lastEventID` are replayed first; an unknown id replays nothing.
    func openStream(lastEventID: Int?) -> (replay: [EventStore.Event], live: AsyncStream<EventStore.Event>, token: Int) {
        let (stream, continuation) = AsyncStream<EventStore.Event>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        return state.withLock { state in
            state.stream?.finish()
            state.streamToken += 1
            if state.ended {
                continuation.finish()
            } else {
                state.stream = continuation
            }
            state.lastSeen = .now
            let replay = lastEventID.flatMap { state.store.events(after: $0) } ?? []
            return (replay, stream, state.streamToken)
        }
    }

    /// Called when a GET stream ends; only the current stream clears the slot.
    func streamClosed(token: Int) {
        state.withLock { state in
            if state.streamToken == token {
                state.stream = nil
                state.lastSeen = .now
            }
        }
    }

    /// Closes the GET stream (shutdown); the session itself stays.
    func closeStream() {
        state.withLock { state in
            state.stream?.finish()
            state.stream = nil
        }
    }

    /// Ends the session: the GET stream finishes, later sends are dropped.
    func end() {
        state.withLock { state in
            state.ended = true
            state.stream?.finish()
            state.stream = nil
        }
    }
}
