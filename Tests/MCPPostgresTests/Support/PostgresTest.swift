import Foundation
import Logging
import MCPPostgres
import MCPProxy
import PostgresNIO
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// The throwaway PostgreSQL the test command starts (scripts/lib/postgres.sh): a fresh database
/// per test, dropped after it.
enum PostgresTest {
    static var url: String? {
        ProcessInfo.processInfo.environment["MCP_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Under CI a missing database fails the tests; elsewhere they are skipped, naming why.
    static var enabled: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }
    static let skipped: Comment = "MCP_TEST_POSTGRES_URL is not set: scripts/test.sh starts a throwaway PostgreSQL and sets it"

    static var base: MCPPostgresConfiguration {
        get throws {
            guard let url else {
                throw TestFailure("CI=true, but MCP_TEST_POSTGRES_URL is not set: the test command must start PostgreSQL (scripts/lib/postgres.sh)")
            }
            return try MCPPostgresConfiguration(url: url)
        }
    }

    /// Runs `body` with a configuration naming a database made for it; drops the database after.
    static func withDatabase<T>(_ body: (MCPPostgresConfiguration) async throws -> T) async throws -> T {
        let base = try base
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await admin(base, "CREATE DATABASE \(unescaped: String(name))")
        var configuration = base
        configuration.database = String(name)
        configuration.startupTimeout = .seconds(20)
        do {
            let result = try await body(configuration)
            try await admin(base, "DROP DATABASE \(unescaped: String(name)) WITH (FORCE)")
            return result
        } catch {
            try? await admin(base, "DROP DATABASE \(unescaped: String(name)) WITH (FORCE)")
            throw error
        }
    }

    /// Runs one statement on `configuration`'s database with a client of its own.
    static func admin(_ configuration: MCPPostgresConfiguration, _ query: PostgresQuery) async throws {
        try await withClient(configuration) { client in _ = try await client.query(query) }
    }

    /// A running client for `configuration`, closed after `body`.
    static func withClient<T: Sendable>(
        _ configuration: MCPPostgresConfiguration, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(
            configuration: PostgresClient.Configuration(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: .disable))
        let running = Task { await client.run() }
        defer { running.cancel() }
        return try await body(client)
    }

    /// Integers from one query's first column.
    static func integers(_ client: PostgresClient, _ query: PostgresQuery) async throws -> [Int] {
        var values: [Int] = []
        for try await value in try await client.query(query).decode(Int.self) { values.append(value) }
        return values
    }

    /// Runs `count` shared states on `configuration` (application names `replica-0`, …) until `body` returns.
    static func withReplicas<T>(
        _ count: Int, _ configuration: MCPPostgresConfiguration, logger: Logger = TestServer.quietLogger,
        _ body: ([PostgresSharedState]) async throws -> T
    ) async throws -> T {
        let states = (0..<count).map { index in
            var own = configuration
            own.applicationName = "replica-\(index)"
            return PostgresSharedState(configuration: own, logger: logger)
        }
        let group = ServiceGroup(configuration: .init(services: states.map { .init(service: $0) }, logger: TestServer.quietLogger))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        do {
            for state in states { try await state.waitUntilReady() }
            let result = try await body(states)
            await group.triggerGracefulShutdown()
            try await running.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }
}

/// Collects what a bus delivers, for exact assertions.
final class Received: Sendable {
    private let items = Mutex<[BusMessage]>([])
    let subscription: Mutex<ChangeBusSubscription?> = Mutex(nil)

    init(_ bus: any ChangeBus) {
        let subscription = bus.subscribe { [weak self] message in self?.items.withLock { $0.append(message) } }
        self.subscription.withLock { $0 = subscription }
    }

    var messages: [BusMessage] { items.withLock { $0 } }

    /// The `n` of every message with topic `topic`, in delivery order.
    func numbers(_ topic: String = "test") -> [Int] {
        messages.filter { $0.topic == topic }.compactMap { $0.payload["n"]?.intValue }
    }
}

/// Whether `condition` holds within `limit`, checked every 20 ms (a query's answer, not a guess
/// at how long something takes); an error counts as "not yet".
func eventuallyAsync(within limit: Duration = .seconds(10), _ condition: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return (try? await condition()) == true
}
