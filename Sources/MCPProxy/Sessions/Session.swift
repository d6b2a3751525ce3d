import Logging
import Synchronization

/// One stateful MCP session as this replica holds it: who owns it, its GET stream, and the
/// order of its events. Its record (``SessionRecord``) and its events (``StreamEventStore``)
/// live in the server's shared state, so another replica may hold the same session too.
public final class Session: Sendable {
    /// The `Mcp-Session-Id`.
    public let id: String
    /// The key of its record and event stream: the SHA-256 of ``id``, lowercase hex.
    let key: String
    /// The subject that opened the session (nil when the server runs without auth).
    public let subject: String?
    /// The protocol version negotiated at `initialize`.
    public let protocolVersion: String

    private struct State {
        var lastSeen: ContinuousClock.Instant
        /// When ``lastSeen`` was last written to the record.
        var recorded: ContinuousClock.Instant
        var stream: AsyncStream<StoredEvent>.Continuation?
        var streamToken = 0
        var ended = false
    }

    private let state: Mutex<State>
    private let events: any StreamEventStore
    /// Events are stored and sent one at a time, so ids and the stream agree on their order.
    private let outbox = OrderedWork()
    private let logger: Logger
    /// The time `lastSeen` is read from (the store's clock).
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(
        id: String, key: String, subject: String?, protocolVersion: String, events: any StreamEventStore, logger: Logger,
        clock: @escaping @Sendable () -> ContinuousClock.Instant
    ) {
        self.id = id
        self.key = key
        self.subject = subject
        self.protocolVersion = protocolVersion
        self.events = events
        self.logger = logger
        self.clock = clock
        let now = clock()
        self.state = Mutex(State(lastSeen: now, recorded: now))
    }

    /// Marks the session used now; returns the time to write to its record when the last
    /// write is at least `recordEvery` old (records are written at a coarser step than uses).
    @discardableResult
    func touch(recordEvery interval: Duration = .zero) -> ContinuousClock.Instant? {
        let now = clock()
        return state.withLock { state in
            state.lastSeen = now
            guard now - state.recorded >= interval else { return nil }
            state.recorded = now
            return now
        }
    }

    /// The last use not yet written to the record, marked written now; `nil` when the record is current.
    func unrecordedUse() -> ContinuousClock.Instant? {
        state.withLock { state in
            guard state.lastSeen > state.recorded else { return nil }
            state.recorded = state.lastSeen
            return state.lastSeen
        }
    }

    /// Whether the session has been idle longer than `timeout` with no GET stream open.
    func isIdle(longerThan timeout: Duration, now: ContinuousClock.Instant) -> Bool {
        state.withLock { $0.stream == nil && now - $0.lastSeen > timeout }
    }

    /// When the session was last used here; `now` while its GET stream is open here.
    func lastUsed(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        state.withLock { $0.stream == nil ? $0.lastSeen : now }
    }

    /// Whether a GET stream is open on this replica.
    public var hasOpenStream: Bool { state.withLock { $0.stream != nil } }

    /// Publishes a server→client notification on the session's GET stream. It is stored first
    /// (for `Last-Event-ID`), then sent if the stream is open here; notifications are stored
    /// and sent in the order of the calls. One that cannot be stored is dropped, with an error
    /// logged.
    public func send(_ notification: JSONRPCNotification) {
        guard !state.withLock({ $0.ended }) else { return }
        let payload = JSONWriter.bytes(notification.json)
        outbox.enqueue { [self] in
            do {
                let event = try await events.append(payload, to: key)
                state.withLock { state in
                    guard !state.ended else { return }
                    state.stream?.yield(event)
                }
            } catch {
                logger.error(
                    "a notification for a session was dropped: the event store refused it",
                    metadata: ["method": "\(notification.method)", "error": "\(error)"])
            }
        }
    }

    /// Opens the GET stream, replacing (and ending) a previous one here. Events after
    /// `lastEventID` are read for replay; an unknown id replays nothing. The live stream is
    /// open before the replay is read: a live event the replay already holds has an id no
    /// greater than the replay's last, and the caller skips it.
    func openStream(lastEventID: Int?) async throws -> (replay: [StoredEvent], live: AsyncStream<StoredEvent>, token: Int) {
        let (stream, continuation) = AsyncStream<StoredEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let now = clock()
        let token = state.withLock { state in
            state.stream?.finish()
            state.streamToken += 1
            if state.ended {
                continuation.finish()
            } else {
                state.stream = continuation
            }
            state.lastSeen = now
            return state.streamToken
        }
        do {
            var replay: [StoredEvent] = []
            if let lastEventID { replay = try await events.events(of: key, after: lastEventID) ?? [] }
            return (replay, stream, token)
        } catch {
            streamClosed(token: token)
            continuation.finish()
            throw error
        }
    }

    /// Called when a GET stream ends; only the current stream clears the slot.
    func streamClosed(token: Int) {
        let now = clock()
        state.withLock { state in
            if state.streamToken == token {
                state.stream = nil
                state.lastSeen = now
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

    /// Ends the session here: the GET stream finishes, later sends are dropped.
    func end() {
        state.withLock { state in
            state.ended = true
            state.stream?.finish()
            state.stream = nil
        }
    }
}
