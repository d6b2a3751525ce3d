import Synchronization

/// A ``StreamEventStore`` inside one process: the last `capacity` events of each stream, with
/// ids counting up from 1 per stream.
public final class InMemoryStreamEventStore: StreamEventStore {
    private struct Stream {
        var ring: EventRing
        /// The broadcast keys stored, newest last (at most ``keysKept``).
        var keys: [String] = []
    }

    private let streams = Mutex<[String: Stream]>([:])
    /// Events kept per stream (0: ids are issued, nothing is kept for replay).
    public let capacity: Int
    /// Broadcast keys remembered per stream: a broadcast stored by one replica is recognised
    /// by the others for this many broadcasts after it.
    static let keysKept = 256

    /// A store keeping the last `capacity` events of each stream.
    public init(capacity: Int = 64) {
        self.capacity = max(0, capacity)
    }

    /// Stores `payload` under `stream`'s next id, unless `key` was stored there already.
    public func append(_ payload: [UInt8], to stream: String, deduplicatedBy key: String?) async throws -> StoredEvent? {
        streams.withLock { streams in
            var entry = streams[stream] ?? Stream(ring: EventRing(capacity: capacity))
            if let key {
                if entry.keys.contains(key) { return nil }
                entry.keys.append(key)
                if entry.keys.count > Self.keysKept { entry.keys.removeFirst(entry.keys.count - Self.keysKept) }
            }
            let event = entry.ring.append(payload)
            streams[stream] = entry
            return event
        }
    }

    /// The kept events after `id`; `nil` when `id` was never issued or was dropped.
    public func events(of stream: String, after id: Int) async throws -> [StoredEvent]? {
        streams.withLock { streams in
            guard let entry = streams[stream] else { return id == 0 ? [] : nil }
            return entry.ring.events(after: id)
        }
    }

    /// The newest id of `stream`; 0 when it has none.
    public func lastEventID(of stream: String) async throws -> Int {
        streams.withLock { $0[stream]?.ring.lastID ?? 0 }
    }

    /// Forgets `stream`.
    public func removeStream(_ stream: String) async throws {
        _ = streams.withLock { $0.removeValue(forKey: stream) }
    }
}
