import Logging
import MCPProxy
import NIOCore
import PostgresNIO

/// The events of 2025-era GET streams on PostgreSQL (``StreamEventStore``), so that a client
/// resumes on any replica, with `Last-Event-ID`, a stream another one served.
///
/// - An event's id is the table's `bigint`. An insert holds a transaction-level advisory lock on
///   its stream, so a stream's events commit in the order of their ids: a reader that saw id N
///   never later finds a smaller one.
/// - A broadcast (a list change every replica delivers to the sessions it holds) is stored once
///   per stream: a unique key per publication, `ON CONFLICT DO NOTHING`.
/// - Each stream keeps its newest `eventsPerStream` events; the change retention's age applies
///   too, and a session's end removes its events.
/// - Every operation has a deadline, as the session records have.
public final class PostgresStreamEventStore: StreamEventStore, BoundedStore {
    /// The longest one operation may take before its caller gets an error.
    static let operationLimit: Duration = .seconds(5)
    /// The most events one read returns (a resume further behind gets the rest as they are read next).
    static let readLimit = 10_000

    let client: PostgresClient
    let ready: ReadinessGate
    let logger: Logger
    /// Events kept per stream.
    public let eventsPerStream: Int

    init(client: PostgresClient, ready: ReadinessGate, eventsPerStream: Int, logger: Logger) {
        self.client = client
        self.ready = ready
        self.eventsPerStream = max(1, eventsPerStream)
        self.logger = logger
    }

    /// Stores `payload` as `stream`'s next event, unless the broadcast `key` is stored there.
    public func append(_ payload: [UInt8], to stream: String, deduplicatedBy key: String?) async throws -> StoredEvent? {
        let keep = eventsPerStream
        return try await bounded("storing a stream event") { client, logger in
            try await client.withTransaction(logger: logger) { connection -> StoredEvent? in
                _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\("mcp-stream:" + stream), 0))", logger: logger)
                let rows = try await connection.query(
                    """
                    INSERT INTO mcp_stream_events (stream, broadcast, payload) VALUES (\(stream), \(key), \(ByteBuffer(bytes: payload)))
                    ON CONFLICT (stream, broadcast) WHERE broadcast IS NOT NULL DO NOTHING
                    RETURNING id
                    """, logger: logger)
                var id: Int?
                for try await inserted in rows.decode(Int.self) { id = inserted }
                guard let id else { return nil }
                _ = try await connection.query(
                    """
                    DELETE FROM mcp_stream_events WHERE stream = \(stream) AND id <= (
                        SELECT id FROM mcp_stream_events WHERE stream = \(stream) ORDER BY id DESC OFFSET \(keep) LIMIT 1)
                    """, logger: logger)
                return StoredEvent(id: id, payload: payload)
            }
        }
    }

    /// The events of `stream` after `id` (at most ``readLimit``); `nil` when `id` is not one of
    /// its kept events (never issued there, another stream's, or removed by retention).
    public func events(of stream: String, after id: Int) async throws -> [StoredEvent]? {
        guard id >= 0 else { return nil }  // no stream ever issued a negative id
        let limit = Self.readLimit + 1
        return try await bounded("reading stream events") { client, logger in
            let rows = try await client.query(
                "SELECT id, payload FROM mcp_stream_events WHERE stream = \(stream) AND id >= \(id) ORDER BY id LIMIT \(limit)", logger: logger)
            var found: [StoredEvent] = []
            for try await (eventID, payload) in rows.decode((Int, ByteBuffer).self) {
                found.append(StoredEvent(id: eventID, payload: Array(payload.readableBytesView)))
            }
            if id > 0 {
                guard found.first?.id == id else { return nil }
                found.removeFirst()
            }
            return Array(found.prefix(Self.readLimit))
        }
    }

    /// The newest id of `stream`; 0 when it has none.
    public func lastEventID(of stream: String) async throws -> Int {
        try await bounded("reading a stream's newest event id") { client, logger in
            let rows = try await client.query("SELECT coalesce(max(id), 0) FROM mcp_stream_events WHERE stream = \(stream)", logger: logger)
            var newest = 0
            for try await id in rows.decode(Int.self) { newest = id }
            return newest
        }
    }

    /// Removes `stream`'s events.
    public func removeStream(_ stream: String) async throws {
        try await bounded("removing a stream's events") { client, logger in
            _ = try await client.query("DELETE FROM mcp_stream_events WHERE stream = \(stream)", logger: logger)
        }
    }
}
