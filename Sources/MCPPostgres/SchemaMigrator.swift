import Logging
import PostgresNIO

/// Creates or migrates MCPPostgres's tables at start-up, in one transaction under an advisory
/// lock (replicas starting together migrate once), and records the version reached.
struct SchemaMigrator {
    /// The statements that bring the schema from one version to the next; version N is `steps[N-1]`.
    static let steps: [[PostgresQuery]] = [
        [
            """
            CREATE TABLE mcp_changes (
                id bigserial PRIMARY KEY,
                topic text NOT NULL,
                payload jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())
            """,
            "CREATE INDEX mcp_changes_created_at ON mcp_changes (created_at)",
            """
            CREATE TABLE mcp_bus_state (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                retained_after bigint NOT NULL DEFAULT 0)
            """,
            "INSERT INTO mcp_bus_state DEFAULT VALUES",
        ],
        [
            // 2025-era sessions: the SHA-256 of the id (never the id), who owns it, what it negotiated.
            """
            CREATE TABLE mcp_sessions (
                key text PRIMARY KEY,
                subject text,
                protocol_version text NOT NULL,
                created timestamptz NOT NULL,
                last_seen timestamptz NOT NULL,
                client_info jsonb,
                client_capabilities jsonb)
            """,
            "CREATE INDEX mcp_sessions_subject ON mcp_sessions (subject, last_seen)",
            "CREATE INDEX mcp_sessions_last_seen ON mcp_sessions (last_seen)",
        ],
        [
            // Events of 2025 GET streams, for Last-Event-ID on any replica: the stream is the
            // session's key; a broadcast (a list change) is stored once per stream.
            """
            CREATE TABLE mcp_stream_events (
                id bigserial PRIMARY KEY,
                stream text NOT NULL,
                broadcast text,
                payload bytea NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())
            """,
            "CREATE INDEX mcp_stream_events_stream ON mcp_stream_events (stream, id)",
            "CREATE UNIQUE INDEX mcp_stream_events_broadcast ON mcp_stream_events (stream, broadcast) WHERE broadcast IS NOT NULL",
            "CREATE INDEX mcp_stream_events_created_at ON mcp_stream_events (created_at)",
        ],
    ]

    /// The version this build brings a database to.
    static var currentVersion: Int { steps.count }

    /// The key of the advisory lock migrations hold.
    static let lockKey = 0x4D43_5053_4348_0001

    let client: PostgresClient
    let logger: Logger

    /// Brings the schema to ``currentVersion``; refuses a database migrated by a newer build.
    func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS mcp_schema (version integer NOT NULL)", logger: logger)
            var found = 0
            for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM mcp_schema", logger: logger).decode(Int.self) {
                found = version
            }
            guard found <= Self.currentVersion else {
                throw SchemaError(
                    description: "the database's MCP schema is at version \(found), newer than this build knows (\(Self.currentVersion)): upgrade this server")
            }
            for version in (found + 1)..<(Self.currentVersion + 1) {
                for statement in Self.steps[version - 1] { try await connection.query(statement, logger: logger) }
                try await connection.query("INSERT INTO mcp_schema (version) VALUES (\(version))", logger: logger)
                logger.notice("PostgreSQL: MCP schema migrated to version \(version)")
            }
        }
    }

    /// A schema this build cannot use.
    struct SchemaError: Error, CustomStringConvertible {
        let description: String
    }
}
