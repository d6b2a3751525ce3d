/// Keeps the events of server→client SSE streams so that a client can resume one with
/// `Last-Event-ID` (2025-era GET streams, keyed by their session's key).
///
/// The in-process default is ``InMemoryStreamEventStore``. A store shared by every replica
/// lets a client resume on another replica a stream that one served; the replica holding the
/// stream learns of each new event through the ``ChangeBus`` (``BusMessage/sessionEventTopic``)
/// and reads it from the store, so an event stored anywhere reaches the stream once, in order.
///
/// Ids grow along a stream, and a stream's events are stored in the order of their ids (a
/// reader that saw id N never later finds a smaller new one).
public protocol StreamEventStore: Sendable {
    /// Stores `payload` as the next event of `stream` and returns it with its id. With a `key`,
    /// an event already stored in `stream` under the same key (the same broadcast, stored by
    /// another replica) means nothing is stored, and the result is `nil`.
    func append(_ payload: [UInt8], to stream: String, deduplicatedBy key: String?) async throws -> StoredEvent?

    /// The events of `stream` after `id`, oldest first: empty when none followed it, `nil` when
    /// `id` is unknown (never issued, or already dropped by retention). Id 0 is "from the start".
    func events(of stream: String, after id: Int) async throws -> [StoredEvent]?

    /// The id of `stream`'s newest event; 0 when it has none.
    func lastEventID(of stream: String) async throws -> Int

    /// Forgets `stream`'s events (its session ended).
    func removeStream(_ stream: String) async throws
}
