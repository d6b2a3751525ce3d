import Logging
import MCPProxy
import PostgresNIO
import Synchronization

/// A ``ChangeBus`` on PostgreSQL: every change is a row of an append-only table keyed by a
/// `bigint` id, and `NOTIFY` carries only that id (PostgreSQL caps payloads at 8000 bytes).
///
/// - Publishers take a transaction-level advisory lock before they insert, so ids are handed
///   out in commit order (a `bigserial` alone is not: a later id can commit first, and a reader
///   that moved past it would skip the earlier one).
/// - Each replica `LISTEN`s and reads the rows after the last id it delivered, in order, once.
///   The publishing replica delivers at commit (with any earlier rows it had not read yet) and
///   skips its own id when it comes back through `LISTEN`.
/// - After a lost connection the replica reconnects with backoff, `LISTEN`s again and catches
///   up from its last id. A replica that fell past retention gets a `list_changed` of every
///   kind instead of what it missed, and a warning is logged.
public final class PostgresChangeBus: ChangeBus {
    /// The `NOTIFY` channel.
    static let channel = "mcp_changes"
    /// The key of the advisory lock publishers hold while they insert.
    static let publishLock = 0x4D43_5042_5553_0001
    /// The key of the advisory lock one replica at a time holds to apply retention.
    static let retentionLock = 0x4D43_5042_5553_0002
    /// Rows read at once when catching up.
    static let batch = 1000
    /// The longest one database operation may take before the caller gets an error.
    static let operationLimit: Duration = .seconds(10)

    let client: PostgresClient
    let delivery = ChangeDelivery()
    let ready: ReadinessGate
    let logger: Logger
    let retention: MCPPostgresConfiguration.Retention
    /// Whether the `LISTEN` connection is up now.
    let listening = Atomic<Bool>(false)

    init(client: PostgresClient, ready: ReadinessGate, retention: MCPPostgresConfiguration.Retention, logger: Logger) {
        self.client = client
        self.ready = ready
        self.retention = retention
        self.logger = logger
    }

    /// Inserts `message` and `NOTIFY`s its id in one transaction, then delivers it here (after
    /// any earlier rows this replica had not delivered yet).
    public func publish(_ message: BusMessage) async throws {
        try await ready.wait()
        // A pooled connection the server closed fails at `BEGIN`, before anything happened:
        // that one is tried again on another connection. A failure later is thrown (after a
        // lost `COMMIT` nobody knows whether the change was stored, so it is not sent twice).
        var attempt = 1
        while true {
            do {
                return try await Deadline.run("a change's publication", within: Self.operationLimit) { try await self.publishOnce(message) }
            } catch let error as PostgresTransactionError where error.beginError != nil && attempt < 3 {
                attempt += 1
                logger.debug("publishing a change again: its connection failed at BEGIN", metadata: ["error": "\(error)"])
            }
        }
    }

    private func publishOnce(_ message: BusMessage) async throws {
        let payload = JSONWriter.string(message.payload)
        let topic = message.topic
        let after = delivery.lastDelivered
        let logger = self.logger
        let (rows, missed) = try await client.withTransaction(logger: logger) { connection -> ([ChangeDelivery.Row]?, Int?) in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.publishLock))", logger: logger)
            var mine = 0
            let inserted = try await connection.query(
                "INSERT INTO mcp_changes (topic, payload) VALUES (\(topic), \(payload)::jsonb) RETURNING id", logger: logger)
            for try await id in inserted.decode(Int.self) { mine = id }
            // Ids below ours are committed (the lock orders publishers): read the ones this
            // replica has not delivered, so it delivers in order — at most a batch, under the lock.
            let missed = try await Self.retainedAfter(connection, logger: logger).flatMap { $0 > after ? $0 : nil }
            var rows: [ChangeDelivery.Row]? = try await Self.rows(connection, after: max(after, missed ?? 0), before: mine, logger: logger)
            try await connection.query("SELECT pg_notify(\(Self.channel), \(String(mine)))", logger: logger)
            if let read = rows, read.count < Self.batch {
                rows = read + [ChangeDelivery.Row(id: mine, message: message)]
            } else {
                rows = nil  // this replica is a batch or more behind: it catches up after the commit
            }
            return (rows, missed)
        }
        if let missed { deliverMissed(through: missed) }
        if let rows {
            delivery.deliver(rows)
        } else {
            // In batches, from the table, up to and past our own row: delivered here before we return.
            try await catchUp()
        }
    }

    /// Registers `receiver` for every change delivered here from now on.
    public func subscribe(_ receiver: @escaping @Sendable (BusMessage) -> Void) -> ChangeBusSubscription {
        delivery.subscribe(receiver)
    }

    /// Starts after the newest change in the table: a replica hears what is published from now on.
    func start() async throws {
        var newest = 0
        for try await id in try await client.query("SELECT coalesce(max(id), 0) FROM mcp_changes", logger: logger).decode(Int.self) {
            newest = id
        }
        delivery.start(after: newest)
    }

    /// Delivers every row after the last one delivered here.
    func catchUp() async throws {
        let client = self.client
        let logger = self.logger
        while true {
            let after = delivery.lastDelivered
            let (rows, missed) = try await Deadline.run("a catch-up read", within: Self.operationLimit) {
                try await client.withConnection { connection -> ([ChangeDelivery.Row], Int?) in
                    let missed = try await Self.retainedAfter(connection, logger: logger).flatMap { $0 > after ? $0 : nil }
                    let rows = try await Self.rows(connection, after: max(after, missed ?? 0), before: nil, logger: logger)
                    return (rows, missed)
                }
            }
            if let missed { deliverMissed(through: missed) }
            delivery.deliver(rows)
            if rows.count < Self.batch { return }
        }
    }

    /// `LISTEN`s and catches up on every notification until cancelled; reconnects with backoff
    /// (100 ms doubling to 5 s) after a lost connection, catching up first.
    func listen() async {
        var backoff: Duration = .milliseconds(100)
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        try await catchUp()
                        listening.store(true, ordering: .relaxed)
                        backoff = .milliseconds(100)
                        defer { listening.store(false, ordering: .relaxed) }
                        for try await _ in notifications { try await catchUp() }
                    }
                }
                if Task.isCancelled { return }
                logger.warning("the change bus's PostgreSQL LISTEN ended; listening again in \(backoff)")
            } catch {
                if Task.isCancelled { return }
                logger.warning(
                    "the change bus lost its PostgreSQL connection; reconnecting in \(backoff), then catching up from change \(delivery.lastDelivered)",
                    metadata: ["error": "\(String(reflecting: error))"])
            }
            do { try await Task.sleep(for: backoff) } catch { return }
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    /// Applies retention every `interval` until cancelled.
    func retain(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await Deadline.run("the change retention", within: Self.operationLimit) { try await self.applyRetention() }
            } catch {
                if Task.isCancelled { return }
                logger.warning("change retention did not run; it is tried again in \(interval)", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Removes changes past the retention's age or count, and stream events past its age (one
    /// replica at a time), and records the highest removed change id, so that a replica behind it
    /// knows it missed changes.
    func applyRetention() async throws {
        let seconds = Double(retention.age.components.seconds)
        let count = retention.count
        let logger = self.logger
        try await client.withTransaction(logger: logger) { connection in
            var locked = false
            for try await got in try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.retentionLock))", logger: logger)
                .decode(Bool.self) { locked = got }
            guard locked else { return }
            var upTo = 0
            let cut = try await connection.query(
                """
                SELECT greatest(
                    coalesce((SELECT max(id) FROM mcp_changes WHERE created_at < now() - make_interval(secs => \(seconds))), 0),
                    coalesce((SELECT max(id) FROM mcp_changes), 0) - \(count))
                """, logger: logger)
            for try await id in cut.decode(Int.self) { upTo = id }
            // Stream events follow the same age (each stream also keeps only its newest).
            try await connection.query(
                "DELETE FROM mcp_stream_events WHERE created_at < now() - make_interval(secs => \(seconds))", logger: logger)
            guard upTo > 0 else { return }
            try await connection.query("DELETE FROM mcp_changes WHERE id <= \(upTo)", logger: logger)
            try await connection.query(
                "UPDATE mcp_bus_state SET retained_after = greatest(retained_after, \(upTo))", logger: logger)
        }
    }

    private func deliverMissed(through id: Int) {
        logger.warning(
            "this replica fell behind the change retention (changes up to \(id) were removed before it read them): every listener gets a list_changed of each kind instead")
        let kinds: [ChangeNotifier.Change] = [.toolsListChanged, .promptsListChanged, .resourcesListChanged]
        delivery.deliverMissed(kinds.map(\.busMessage), through: id)
    }

    /// The highest id retention removed.
    static func retainedAfter(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        var value: Int?
        for try await id in try await connection.query("SELECT retained_after FROM mcp_bus_state", logger: logger).decode(Int.self) {
            value = id
        }
        return value
    }

    /// The rows after `after` (and before `before`, when given), oldest first, at most ``batch``.
    static func rows(_ connection: PostgresConnection, after: Int, before: Int?, logger: Logger) async throws -> [ChangeDelivery.Row] {
        let query: PostgresQuery
        if let before {
            query = "SELECT id, topic, payload::text FROM mcp_changes WHERE id > \(after) AND id < \(before) ORDER BY id LIMIT \(batch)"
        } else {
            query = "SELECT id, topic, payload::text FROM mcp_changes WHERE id > \(after) ORDER BY id LIMIT \(batch)"
        }
        var rows: [ChangeDelivery.Row] = []
        for try await (id, topic, text) in try await connection.query(query, logger: logger).decode((Int, String, String).self) {
            guard let payload = try? JSONParser.parse(Array(text.utf8)) else {
                // jsonb always reads back as JSON; a row that does not was written by someone else.
                logger.error("change \(id) in mcp_changes is not JSON this build can read; it is skipped", metadata: ["topic": "\(topic)"])
                continue
            }
            rows.append(ChangeDelivery.Row(id: id, message: BusMessage(topic: topic, payload: payload)))
        }
        return rows
    }
}
