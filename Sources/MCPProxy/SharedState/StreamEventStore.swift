/// Keeps the events of server→client SSE streams so that a client can resume one with
/// `Last-Event-ID` (2025-era GET streams, keyed by their session's key).
///
/// The in-process default is ``InMemoryStreamEventStore``. A store shared by every replica
/// lets a client resume on another replica a stream that one served.
public protocol StreamEventStore: Sendable {
    /// Stores `payload` as the next event of `stream` and returns it with its id.
    func append(_ payload: [UInt8], to stream: String) async throws -> StoredEvent

    /// The events of `stream` after `id`, oldest first: empty when none followed it, `nil` when
    /// `id` is unknown (never issued, or already dropped by retention).
    func events(of stream: String, after id: Int) async throws -> [StoredEvent]?

    /// Forgets `stream`'s events (its session ended).
    func removeStream(_ stream: String) async throws
}
