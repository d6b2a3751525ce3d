@testable import MCPPostgres
import MCPProxy
import PostgresNIO
import TestSupport
import Testing

/// The change bus on a real PostgreSQL: replicas are separate `PostgresSharedState`s (own pools,
/// own `LISTEN`) on one database.
@Suite(.enabled(if: PostgresTest.enabled, PostgresTest.skipped), .timeLimit(.minutes(1)))
struct PostgresChangeBusTests {
    func message(_ n: Int, _ topic: String = "test") -> BusMessage {
        BusMessage(topic: topic, payload: ["n": .int(n)])
    }

    @Test func everyReplicaGetsEveryChangeInOrderOnce() async throws {
        let capture = LogCapture()
        try await PostgresTest.withDatabase { configuration in
            try await PostgresTest.withReplicas(3, configuration, logger: capture.logger) { replicas in
                let received = replicas.map { Received($0.changes) }
                for n in 0..<30 { try await replicas[n % 3].changes.publish(message(n)) }
                // The publisher delivers its own change before publish returns.
                #expect(received[2].numbers().last == 29)
                #expect(await eventually { received.allSatisfy { $0.numbers().count == 30 } })
                for replica in received { #expect(replica.numbers() == Array(0..<30)) }
                #expect(capture.details(at: .warning) == [])
                #expect(capture.details(at: .error) == [])
            }
        }
    }

    /// A publisher more than a batch behind reads no unbounded range under the publish lock: it
    /// catches up in batches after its commit, and still delivers everything, in order, its own
    /// change last, before `publish` returns.
    @Test func aPublisherFarBehindDeliversEverythingInOrderBeforeReturning() async throws {
        try await PostgresTest.withDatabase { configuration in
            try await PostgresTest.withReplicas(1, configuration) { replicas in
                let received = Received(replicas[0].changes)
                let behind = PostgresChangeBus.batch + 500
                try await PostgresTest.withClient(configuration) { raw in
                    // Rows this replica has not delivered: inserted without a NOTIFY.
                    _ = try await raw.query(
                        "INSERT INTO mcp_changes (topic, payload) SELECT 'test', jsonb_build_object('n', n) FROM generate_series(0, \(behind - 1)) AS n",
                        logger: TestServer.quietLogger)
                }
                try await replicas[0].changes.publish(message(behind))
                #expect(received.numbers() == Array(0...behind))
            }
        }
    }

    @Test func concurrentPublishersWithOneTransactionHeldOpenLoseNothing() async throws {
        try await PostgresTest.withDatabase { configuration in
            try await PostgresTest.withReplicas(2, configuration) { replicas in
                let received = replicas.map { Received($0.changes) }
                try await PostgresTest.withClient(configuration) { raw in
                    try await raw.withConnection { held in
                        // A publisher mid-transaction: it holds the lock and has inserted its row.
                        _ = try await held.query("BEGIN", logger: TestServer.quietLogger)
                        _ = try await held.query("SELECT pg_advisory_xact_lock(\(PostgresChangeBus.publishLock))", logger: TestServer.quietLogger)
                        _ = try await held.query("INSERT INTO mcp_changes (topic, payload) VALUES ('test', '{\"n\": 1}'::jsonb)", logger: TestServer.quietLogger)
                        _ = try await held.query("SELECT pg_notify('mcp_changes', 'held')", logger: TestServer.quietLogger)
                        let second = Task { try await replicas[0].changes.publish(message(2)) }
                        // The second publisher now waits for the lock (seen in pg_locks, not guessed).
                        #expect(await eventuallyAsync {
                            try await PostgresTest.integers(raw, "SELECT count(*)::bigint FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == [1]
                        })
                        _ = try await held.query("COMMIT", logger: TestServer.quietLogger)
                        try await second.value
                    }
                }
                #expect(await eventually { received.allSatisfy { $0.numbers().count == 2 } })
                for replica in received { #expect(replica.numbers() == [1, 2]) }
            }
        }
    }

    @Test func aReplicaThatLostItsConnectionCatchesUpFromItsLastChange() async throws {
        try await PostgresTest.withDatabase { configuration in
            let capture = LogCapture()
            try await PostgresTest.withReplicas(2, configuration, logger: capture.logger) { replicas in
                let received = Received(replicas[1].changes)
                try await replicas[0].changes.publish(message(0))
                #expect(await eventually { received.numbers() == [0] })
                try await PostgresTest.withClient(configuration) { raw in
                    _ = try await raw.query(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'replica-1' AND datname = current_database()")
                }
                for n in 1...5 { try await replicas[0].changes.publish(message(n)) }
                #expect(await eventually(within: .seconds(20)) { received.numbers() == [0, 1, 2, 3, 4, 5] })
                #expect(capture.messages(at: .warning).contains { $0.hasPrefix("the change bus lost its PostgreSQL connection") })
            }
        }
    }

    @Test func aReplicaWhoseListenConnectionDiesListensAgainAndCatchesUp() async throws {
        try await PostgresTest.withDatabase { configuration in
            let capture = LogCapture()
            try await PostgresTest.withReplicas(2, configuration, logger: capture.logger) { replicas in
                let received = Received(replicas[1].changes)
                try await replicas[0].changes.publish(message(0))
                #expect(await eventually { received.numbers() == [0] })
                try await PostgresTest.withClient(configuration) { raw in
                    let killed = try await PostgresTest.integers(
                        raw,
                        "SELECT pg_terminate_backend(pid)::int::bigint FROM pg_stat_activity WHERE application_name = 'replica-1' AND datname = current_database() AND query LIKE 'LISTEN%'")
                    #expect(killed == [1])
                }
                #expect(await eventually { capture.messages(at: .warning).contains { $0.hasPrefix("the change bus lost its PostgreSQL connection") } })
                for n in 1...3 { try await replicas[0].changes.publish(message(n)) }
                #expect(await eventually(within: .seconds(20)) { received.numbers() == [0, 1, 2, 3] })
            }
        }
    }

    @Test func afterEveryConnectionWasDroppedAgainAndAgainTheBusWorks() async throws {
        try await PostgresTest.withDatabase { configuration in
            try await PostgresTest.withReplicas(2, configuration) { replicas in
                let received = replicas.map { Received($0.changes) }
                try await PostgresTest.withClient(configuration) { raw in
                    for round in 0..<4 {
                        _ = try await raw.query(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'replica-%' AND datname = current_database()")
                        // Publishing while connections die may fail; it must never hang.
                        _ = try? await replicas[round % 2].changes.publish(message(100 + round))
                    }
                }
                for n in 0..<4 { try await replicas[n % 2].changes.publish(message(n)) }
                #expect(await eventually(within: .seconds(20)) { received.allSatisfy { $0.numbers().suffix(4) == [0, 1, 2, 3] } })
            }
        }
    }

    @Test func aReplicaPastRetentionGetsEveryListChangedAndAWarning() async throws {
        try await PostgresTest.withDatabase { configuration in
            var configuration = configuration
            configuration.changeRetention = .init(count: 3)
            try await PostgresTest.withReplicas(1, configuration) { replicas in
                let capture = LogCapture()
                // A replica that stopped reading after change 0 (it does not listen).
                let lagging = PostgresChangeBus(
                    client: replicas[0].client, ready: replicas[0].ready, retention: configuration.changeRetention, logger: capture.logger)
                try await lagging.start()
                let received = Received(lagging)
                for n in 1...10 { try await replicas[0].changes.publish(message(n)) }
                try await replicas[0].changes.applyRetention()
                try await lagging.catchUp()
                let kinds = received.messages.prefix(3).compactMap { ChangeNotifier.Change(busMessage: $0) }
                #expect(kinds == [.toolsListChanged, .promptsListChanged, .resourcesListChanged])
                #expect(received.numbers() == [8, 9, 10])
                #expect(capture.messages(at: .warning) == [
                    "this replica fell behind the change retention (changes up to 7 were removed before it read them): every listener gets a list_changed of each kind instead"
                ])
            }
        }
    }

    @Test func aNotificationCarriesOnlyTheIdSoLargeChangesPass() async throws {
        try await PostgresTest.withDatabase { configuration in
            try await PostgresTest.withReplicas(2, configuration) { replicas in
                let received = Received(replicas[1].changes)
                let large = String(repeating: "x", count: 20_000)  // beyond NOTIFY's 8000-byte payload
                try await replicas[0].changes.publish(BusMessage(topic: "test", payload: ["n": 1, "text": .string(large)]))
                #expect(await eventually { received.numbers() == [1] })
                #expect(received.messages.first?.payload["text"]?.stringValue?.count == 20_000)
            }
        }
    }
}
