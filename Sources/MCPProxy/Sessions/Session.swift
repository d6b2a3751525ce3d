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
        /// The id of the last event the current stream got (replayed or live).
        var delivered = 0
        var ended = false
    }

    private let state: Mutex<State>
    private let events: any StreamEventStore
    private let bus: any ChangeBus
    /// Events are stored one at a time, in the order they were sent.
    private let outbox = OrderedWork()
    /// The stream's reads (its replay, then each catch-up) run one at a time, so it gets every
    /// event once, in id order.
    private let reader = OrderedWork()
    private let logger: Logger
    /// The time `lastSeen` is read from (the store's clock).
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(
        id: String, key: String, subject: String?, protocolVersion: String, events: any StreamEventStore, bus: any ChangeBus,
        logger: Logger, clock: @escaping @Sendable () -> ContinuousClock.Instant
    ) {
        self.id = id
        self.key = key
        self.subject = subject
        self.protocolVersion = protocolVersion
        self.events = events
        self.bus = bus
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

    /// Publishes a server→client notification on the session's GET stream, wherever it is open.
    /// It is stored first (for `Last-Event-ID`), then announced on the bus, and the replica
    /// holding the stream (this one or another) sends it; notifications are stored in the order
    /// of the calls. One that cannot be stored is dropped, with an error logged.
    public func send(_ notification: JSONRPCNotification) {
        store(JSONWriter.bytes(notification.json), deduplicatedBy: nil, method: notification.method)
    }

    /// Stores `payload` as the stream's next event (unless a replica already stored the
    /// broadcast `key` for it) and announces it.
    func store(_ payload: [UInt8], deduplicatedBy broadcast: String?, method: String) {
        guard !state.withLock({ $0.ended }) else { return }
        outbox.enqueue { [self] in
            let event: StoredEvent
            do {
                guard let stored = try await events.append(payload, to: key, deduplicatedBy: broadcast) else { return }
                event = stored
            } catch {
                logger.error(
                    "a notification for a session was dropped: the event store refused it",
                    metadata: ["method": "\(method)", "error": "\(error)"])
                return
            }
            do {
                try await bus.publish(BusMessage(topic: BusMessage.sessionEventTopic, payload: ["key": .string(key), "id": .int(event.id)]))
            } catch {
                logger.error(
                    "a session's event was stored but not announced: its GET stream gets it with the next announced event, or on resumption",
                    metadata: ["method": "\(method)", "error": "\(error)"])
            }
        }
    }

    /// An event was stored for this session (on any replica): the stream open here, if any,
    /// reads what it has not sent yet.
    func eventStored() {
        guard state.withLock({ $0.stream != nil && !$0.ended }) else { return }
        reader.enqueue { [self] in await catchUp() }
    }

    /// Sends the current stream the events after the last it got.
    private func catchUp() async {
        guard let (token, after) = state.withLock({ state in state.stream == nil ? nil : (state.streamToken, state.delivered) }) else { return }
        let fresh: [StoredEvent]
        do {
            guard let found = try await events.events(of: key, after: after) else {
                // The last event sent was dropped by retention before this read: what followed
                // it is partly gone. Go on from the newest.
                logger.warning("a GET stream fell behind its events' retention; it goes on from the newest", metadata: ["after": "\(after)"])
                let newest = try await events.lastEventID(of: key)
                state.withLock { state in if state.streamToken == token { state.delivered = newest } }
                return
            }
            fresh = found
        } catch {
            logger.warning("a GET stream could not read its new events; it tries again with the next one", metadata: ["error": "\(error)"])
            return
        }
        state.withLock { state in
            guard state.streamToken == token, let stream = state.stream else { return }
            for event in fresh where event.id > state.delivered {
                stream.yield(event)
                state.delivered = event.id
            }
        }
    }

    /// Opens the GET stream, replacing (and ending) a previous one here. With `lastEventID`, the
    /// events after it are read for replay (an unknown id replays nothing); the live stream then
    /// carries every event stored after the replay, once. The live stream is open before the
    /// replay is read, and the caller skips a live event the replay already holds.
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
            let replay = try await reader.run { [self] () -> [StoredEvent] in
                var replay: [StoredEvent] = []
                var delivered: Int
                if let lastEventID, let found = try await events.events(of: key, after: lastEventID) {
                    replay = found
                    delivered = found.last?.id ?? lastEventID
                } else {
                    delivered = try await events.lastEventID(of: key)
                }
                delivered = max(delivered, replay.last?.id ?? 0)
                state.withLock { state in if state.streamToken == token { state.delivered = delivered } }
                return replay
            }
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
