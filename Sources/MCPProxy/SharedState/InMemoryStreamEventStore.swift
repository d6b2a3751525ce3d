import Synchronization

/// A ``StreamEventStore`` inside one process: the last `capacity` events of each stream, with
/// ids counting up from 1 per stream.
public final class InMemoryStreamEventStore: StreamEventStore {
    private let streams = Mutex<[String: EventRing]>([:])
    /// Events kept per stream (0: ids are issued, nothing is kept for replay).
    public let capacity: Int

    /// A store keeping the last `capacity` events of each stream.
    public init(capacity: Int = 64) {
        self.capacity = max(0, capacity)
    }

    /// Stores `payload` under `stream`'s next id.
    public func append(_ payload: [UInt8], to stream: String) async throws -> StoredEvent {
        streams.withLock { streams in
            streams[stream, default: EventRing(capacity: capacity)].append(payload)
        }
    }

    /// The kept events after `id`; `nil` when `id` was never issued or was dropped.
    public func events(of stream: String, after id: Int) async throws -> [StoredEvent]? {
        streams.withLock { $0[stream]?.events(after: id) }
    }

    /// Forgets `stream`.
    public func removeStream(_ stream: String) async throws {
        _ = streams.withLock { $0.removeValue(forKey: stream) }
    }
}
