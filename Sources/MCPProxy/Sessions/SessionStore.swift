import Synchronization

/// The live sessions of a stateful server.
public final class SessionStore: Sendable {
    private let sessions = Mutex<[String: Session]>([:])
    private let eventCapacity: Int
    /// Sessions one subject may hold; creating one more ends its least recently used.
    let maximumPerSubject: Int

    /// The time idleness is measured in (tests move it).
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(eventCapacity: Int, maximumPerSubject: Int = 64, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.eventCapacity = eventCapacity
        self.maximumPerSubject = max(1, maximumPerSubject)
        self.clock = clock
    }

    /// The number of live sessions.
    public var count: Int { sessions.withLock { $0.count } }

    /// The session with `id`, if it is live.
    public func session(_ id: String) -> Session? {
        sessions.withLock { $0[id] }
    }

    /// Publishes `notification` on every live session's GET stream.
    public func broadcast(_ notification: JSONRPCNotification) {
        for session in sessions.withLock({ Array($0.values) }) {
            session.send(notification)
        }
    }

    /// Creates a session with a fresh 256-bit random id. When `subject` already holds
    /// ``maximumPerSubject`` sessions, its least recently used one is ended first (a client
    /// that leaks sessions loses its oldest; nobody else's are touched). Sessions without a
    /// subject (no authentication) are not capped per subject.
    func create(subject: String?, protocolVersion: String) -> Session {
        let session = Session(id: Self.newID(), subject: subject, protocolVersion: protocolVersion, eventCapacity: eventCapacity, clock: clock)
        let evicted = sessions.withLock { sessions -> [Session] in
            var evicted: [Session] = []
            if let subject {
                let owned = sessions.values.filter { $0.subject == subject }
                if owned.count >= maximumPerSubject {
                    let oldest = owned.sorted { $0.lastSeen < $1.lastSeen }.prefix(owned.count - maximumPerSubject + 1)
                    for old in oldest {
                        sessions.removeValue(forKey: old.id)
                        evicted.append(old)
                    }
                }
            }
            sessions[session.id] = session
            return evicted
        }
        for old in evicted { old.end() }
        return session
    }

    /// Ends and forgets the session; `false` when it did not exist.
    @discardableResult
    func remove(_ id: String) -> Bool {
        guard let session = sessions.withLock({ $0.removeValue(forKey: id) }) else { return false }
        session.end()
        return true
    }

    /// Ends the sessions idle for longer than `timeout` at `now` (the store's clock when not
    /// given); returns how many.
    @discardableResult
    func expire(idleLongerThan timeout: Duration, now: ContinuousClock.Instant? = nil) -> Int {
        let now = now ?? clock()
        let expired = sessions.withLock { sessions -> [Session] in
            let idle = sessions.values.filter { $0.isIdle(longerThan: timeout, now: now) }
            for session in idle { sessions.removeValue(forKey: session.id) }
            return idle
        }
        for session in expired { session.end() }
        return expired.count
    }

    /// Closes every GET stream (shutdown drain); sessions stay.
    func closeStreams() {
        for session in sessions.withLock({ Array($0.values) }) { session.closeStream() }
    }

    /// Ends every session (shutdown).
    func endAll() {
        let all = sessions.withLock { sessions -> [Session] in
            defer { sessions.removeAll() }
            return Array(sessions.values)
        }
        for session in all { session.end() }
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
