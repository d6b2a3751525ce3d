import Crypto
import Foundation
import Logging
import Synchronization

/// The 2025-era stateful sessions this replica serves: a local cache of ``Session``s in front of
/// the shared ``SessionRecordStore``, so that a session created on any replica is served here.
///
/// A session ended anywhere (`DELETE`, expiry, the per-subject cap) leaves every replica's
/// cache through the ``ChangeBus``; a cached session is also checked against its record at
/// least every ``recordInterval`` of use, so a lost bus message cannot keep it alive longer.
public final class SessionStore: Sendable {
    /// Cached sessions by key (the SHA-256 of the id).
    private let cache = Mutex<[String: Session]>([:])
    private let records: any SessionRecordStore
    private let events: any StreamEventStore
    private let bus: any ChangeBus
    private let subscription = Mutex<ChangeBusSubscription?>(nil)
    private let logger: Logger
    /// Sessions one subject may hold; creating one more ends its least recently used.
    let maximumPerSubject: Int
    /// The time idleness is measured in (tests move it).
    private let clock: @Sendable () -> ContinuousClock.Instant
    /// One instant of `clock` and the wall-clock date it was, to write dates into records.
    private let anchor: (instant: ContinuousClock.Instant, date: Date)

    /// The longest a session's use goes unwritten to its record.
    static let recordInterval: Duration = .seconds(10)

    init(
        records: any SessionRecordStore, events: any StreamEventStore, bus: any ChangeBus, maximumPerSubject: Int = 64,
        logger: Logger, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.records = records
        self.events = events
        self.bus = bus
        self.logger = logger
        self.maximumPerSubject = max(1, maximumPerSubject)
        self.clock = clock
        self.anchor = (clock(), Date())
        let subscription = bus.subscribe { [weak self] message in self?.receive(message) }
        self.subscription.withLock { $0 = subscription }
    }

    /// A store of its own, in memory (tests).
    convenience init(
        eventCapacity: Int, maximumPerSubject: Int = 64, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.init(
            records: InMemorySessionRecordStore(), events: InMemoryStreamEventStore(capacity: eventCapacity), bus: InMemoryChangeBus(),
            maximumPerSubject: maximumPerSubject, logger: Logger(label: "mcp-proxy.sessions"), clock: clock)
    }

    /// The number of sessions this replica holds in its cache.
    public var count: Int { cache.withLock { $0.count } }

    /// The session with `id`, if this replica holds it.
    public func session(_ id: String) -> Session? {
        cache.withLock { $0[Self.key(for: id)] }
    }

    /// Publishes `notification` on the GET stream of every session this replica holds.
    public func broadcast(_ notification: JSONRPCNotification) {
        broadcast(notification, deduplicatedBy: nil)
    }

    /// Publishes `notification` on the GET stream of every session this replica holds; with a
    /// `key` (a change every replica delivers), a session held by several replicas stores it once.
    func broadcast(_ notification: JSONRPCNotification, deduplicatedBy key: String?) {
        let payload = JSONWriter.bytes(notification.json)
        for session in cache.withLock({ Array($0.values) }) {
            session.store(payload, deduplicatedBy: key, method: notification.method)
        }
    }

    /// Creates a session with a fresh 256-bit random id and stores its record. When `subject`
    /// then holds more than ``maximumPerSubject`` sessions, its least recently used are ended
    /// (a client that leaks sessions loses its oldest; nobody else's are touched). Sessions
    /// without a subject (no authentication) are not capped per subject.
    func create(
        subject: String?, protocolVersion: String, clientInfo: JSONValue? = nil, clientCapabilities: JSONValue? = nil
    ) async throws -> Session {
        let id = Self.newID()
        let key = Self.key(for: id)
        let session = Session(
            id: id, key: key, subject: subject, protocolVersion: protocolVersion, events: events, bus: bus, logger: logger, clock: clock)
        let record = SessionRecord(
            key: key, subject: subject, protocolVersion: protocolVersion, created: date(of: clock()),
            clientInfo: Self.recordable(clientInfo), clientCapabilities: Self.recordable(clientCapabilities))
        if let subject {
            // The cap ends the least recently used: bring this replica's uses of the subject's
            // sessions into their records first (uses are otherwise written every 10 s).
            for owned in cache.withLock({ $0.values.filter { $0.subject == subject } }) {
                if let used = owned.unrecordedUse() { _ = try await records.touch(key: owned.key, at: date(of: used)) }
            }
        }
        let evicted = try await records.insert(record, maximumPerSubject: maximumPerSubject)
        cache.withLock { $0[key] = session }
        for old in evicted { await ended(old) }
        return session
    }

    /// The live session with `id`: from the cache, else from its record (then cached).
    /// `nil` when no replica holds such a session. Throws when the record store cannot answer.
    func resolve(_ id: String) async throws -> Session? {
        let key = Self.key(for: id)
        if let cached = cache.withLock({ $0[key] }) {
            guard let due = cached.touch(recordEvery: Self.recordInterval) else { return cached }
            if try await records.touch(key: key, at: date(of: due)) { return cached }
            drop(key)
            return nil
        }
        guard let record = try await records.record(forKey: key) else { return nil }
        let fresh = Session(
            id: id, key: key, subject: record.subject, protocolVersion: record.protocolVersion, events: events, bus: bus, logger: logger,
            clock: clock)
        let session = cache.withLock { cache -> Session in
            if let raced = cache[key] { return raced }
            cache[key] = fresh
            return fresh
        }
        if let due = session.touch() { _ = try await records.touch(key: key, at: date(of: due)) }
        return session
    }

    /// Ends and forgets the session everywhere; `false` when it did not exist.
    @discardableResult
    func remove(_ id: String) async throws -> Bool {
        let key = Self.key(for: id)
        let existed = try await records.remove(key: key)
        await ended(key)
        return existed
    }

    /// Ends the sessions no replica used for longer than `timeout` at `now` (the store's clock
    /// when not given) and returns how many. The sessions in use here (or with a GET stream open
    /// here) have their records brought up to date first, so they are not taken for idle.
    @discardableResult
    func expire(idleLongerThan timeout: Duration, now: ContinuousClock.Instant? = nil) async throws -> Int {
        let now = now ?? clock()
        for session in cache.withLock({ Array($0.values) }) where !session.isIdle(longerThan: timeout, now: now) {
            let used = session.lastUsed(now: now)
            if try await !records.touch(key: session.key, at: date(of: used)) { drop(session.key) }
        }
        let cutoff = date(of: now).addingTimeInterval(-Self.seconds(timeout))
        let expired = try await records.removeSessions(lastSeenBefore: cutoff)
        for key in expired { await ended(key) }
        return expired.count
    }

    /// Closes every GET stream held here (shutdown drain); sessions stay.
    func closeStreams() {
        for session in cache.withLock({ Array($0.values) }) { session.closeStream() }
    }

    /// Ends every session held here and empties the cache (shutdown). Records stay: another
    /// replica, or this one restarted, may go on serving them.
    func endAll() {
        let all = cache.withLock { cache -> [Session] in
            defer { cache.removeAll() }
            return Array(cache.values)
        }
        for session in all { session.end() }
    }

    /// A session that ended (removed, expired, evicted): its events go, it leaves this cache
    /// now and every other replica's through the bus.
    private func ended(_ key: String) async {
        drop(key)
        do {
            try await events.removeStream(key)
        } catch {
            logger.warning("the events of an ended session could not be removed; retention will", metadata: ["error": "\(error)"])
        }
        do {
            try await bus.publish(BusMessage(topic: BusMessage.sessionEndedTopic, payload: ["key": .string(key)]))
        } catch {
            logger.error(
                "an ended session could not be announced to the other replicas; they stop serving it within \(Self.recordInterval) of its next use",
                metadata: ["error": "\(error)"])
        }
    }

    /// Forgets the cached session with `key` and ends it here.
    private func drop(_ key: String) {
        cache.withLock { $0.removeValue(forKey: key) }?.end()
    }

    /// A message from the bus: a session ended on some replica, or an event was stored for one.
    private func receive(_ message: BusMessage) {
        guard let key = message.payload["key"]?.stringValue else { return }
        switch message.topic {
        case BusMessage.sessionEndedTopic: drop(key)
        case BusMessage.sessionEventTopic: cache.withLock { $0[key] }?.eventStored()
        default: break
        }
    }

    /// The largest `clientInfo` or `capabilities` a record keeps (a client writes them, and a
    /// shared store keeps them for the session's life).
    static let recordableLimit = 16 * 1024

    /// `value` when its JSON is within ``recordableLimit`` bytes, else `nil` (not kept).
    static func recordable(_ value: JSONValue?) -> JSONValue? {
        guard let value, JSONWriter.bytes(value).count <= recordableLimit else { return nil }
        return value
    }

    /// The wall-clock date of `instant` on the store's clock.
    private func date(of instant: ContinuousClock.Instant) -> Date {
        anchor.date.addingTimeInterval(Self.seconds(instant - anchor.instant))
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// The key of a session's record and events: its id's SHA-256, lowercase hex.
    static func key(for id: String) -> String {
        let digest = SHA256.hash(data: Array(id.utf8))
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 32 bytes from the system CSPRNG, hex-encoded (visible ASCII, as the spec requires).
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for _ in 0..<4 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                bytes.append(digits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
