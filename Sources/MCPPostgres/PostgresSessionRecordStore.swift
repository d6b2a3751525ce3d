import Foundation
import Logging
import MCPProxy
import PostgresNIO

/// 2025-era session records on PostgreSQL, so that any replica serves a session another one
/// created (``SessionRecordStore``). A row holds the SHA-256 of the session id, never the id: a
/// reader of the database cannot take a session over.
///
/// - The per-subject cap holds across replicas: an insert takes a transaction-level advisory lock
///   on its subject, then removes that subject's least recently seen sessions beyond the cap.
/// - One replica at a time sweeps expiry (a `pg_try_advisory_xact_lock`); the others skip the
///   round and hear of the removed sessions through the change bus.
/// - Every operation has a deadline: a database that does not answer gives the request a 503,
///   not a hang.
public final class PostgresSessionRecordStore: SessionRecordStore, BoundedStore {
    /// The key of the advisory lock one replica at a time holds to sweep expired sessions.
    static let sweepLock = 0x4D43_5053_4553_0001
    /// The longest one operation may take before the request gets an error (a 503).
    static let operationLimit: Duration = .seconds(5)

    let client: PostgresClient
    let ready: ReadinessGate
    let logger: Logger

    init(client: PostgresClient, ready: ReadinessGate, logger: Logger) {
        self.client = client
        self.ready = ready
        self.logger = logger
    }

    /// Inserts `record`; removes its subject's least recently seen sessions beyond the cap.
    public func insert(_ record: SessionRecord, maximumPerSubject: Int) async throws -> [String] {
        try await bounded("a session's creation") { client, logger in
            try await client.withTransaction(logger: logger) { connection -> [String] in
                if let subject = record.subject {
                    _ = try await connection.query(
                        "SELECT pg_advisory_xact_lock(hashtextextended(\("mcp-session-subject:" + subject), 0))", logger: logger)
                }
                _ = try await connection.query(
                    """
                    INSERT INTO mcp_sessions (key, subject, protocol_version, created, last_seen, client_info, client_capabilities)
                    VALUES (\(record.key), \(record.subject), \(record.protocolVersion), \(record.created), \(record.lastSeen),
                            \(record.clientInfo.map(JSONWriter.string))::jsonb, \(record.clientCapabilities.map(JSONWriter.string))::jsonb)
                    """, logger: logger)
                guard let subject = record.subject else { return [] }
                let keep = max(1, maximumPerSubject) - 1
                var evicted: [String] = []
                let rows = try await connection.query(
                    """
                    DELETE FROM mcp_sessions WHERE key IN (
                        SELECT key FROM mcp_sessions WHERE subject = \(subject) AND key <> \(record.key)
                        ORDER BY last_seen DESC, created DESC OFFSET \(keep))
                    RETURNING key
                    """, logger: logger)
                for try await key in rows.decode(String.self) { evicted.append(key) }
                return evicted
            }
        }
    }

    /// The live record with `key`.
    public func record(forKey key: String) async throws -> SessionRecord? {
        try await bounded("a session's lookup") { client, logger in
            let rows = try await client.query(
                """
                SELECT subject, protocol_version, created, last_seen, client_info::text, client_capabilities::text
                FROM mcp_sessions WHERE key = \(key)
                """, logger: logger)
            for try await (subject, version, created, lastSeen, info, capabilities) in rows.decode(
                (String?, String, Date, Date, String?, String?).self)
            {
                return SessionRecord(
                    key: key, subject: subject, protocolVersion: version, created: created, lastSeen: lastSeen,
                    clientInfo: info.flatMap { try? JSONParser.parse(Array($0.utf8)) },
                    clientCapabilities: capabilities.flatMap { try? JSONParser.parse(Array($0.utf8)) })
            }
            return nil
        }
    }

    /// Moves `last_seen` forward to `date`; `false` when the session is gone.
    public func touch(key: String, at date: Date) async throws -> Bool {
        try await bounded("a session's use") { client, logger in
            var found = false
            let rows = try await client.query(
                "UPDATE mcp_sessions SET last_seen = greatest(last_seen, \(date)) WHERE key = \(key) RETURNING 1", logger: logger)
            for try await _ in rows.decode(Int.self) { found = true }
            return found
        }
    }

    /// Removes the session; `false` when it did not exist.
    public func remove(key: String) async throws -> Bool {
        try await bounded("a session's end") { client, logger in
            var found = false
            for try await _ in try await client.query("DELETE FROM mcp_sessions WHERE key = \(key) RETURNING 1", logger: logger)
                .decode(Int.self) { found = true }
            return found
        }
    }

    /// Removes the sessions last seen before `cutoff`, unless another replica is sweeping now.
    public func removeSessions(lastSeenBefore cutoff: Date) async throws -> [String] {
        try await bounded("the session sweep") { client, logger in
            try await client.withTransaction(logger: logger) { connection -> [String] in
                var locked = false
                for try await got in try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.sweepLock))", logger: logger)
                    .decode(Bool.self) { locked = got }
                guard locked else { return [] }
                var removed: [String] = []
                for try await key in try await connection.query(
                    "DELETE FROM mcp_sessions WHERE last_seen < \(cutoff) RETURNING key", logger: logger
                ).decode(String.self) { removed.append(key) }
                return removed
            }
        }
    }
}
