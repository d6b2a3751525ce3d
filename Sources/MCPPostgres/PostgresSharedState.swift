import Logging
import MCPProxy
import NIOSSL
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// MCPProxy's shared state on PostgreSQL, for servers run as several replicas.
///
/// ```swift
/// let postgres = PostgresSharedState(configuration: try MCPPostgresConfiguration(url: url), logger: logger)
/// var configuration = MCPProxyConfiguration(stateless: false, authentication: .jwt(verifier))
/// configuration.sharedState = postgres.sharedState
/// try await MCPProxyServer(configuration: configuration, handler: server).runUntilSignalled()
/// ```
///
/// ``sharedState(eventsPerStream:)`` names this object among its services, so every server given it runs it
/// (connects, creates or migrates the schema, `LISTEN`s, applies retention). Servers in one
/// process that share it run it once between them. Start-up retries the database for
/// ``MCPPostgresConfiguration/startupTimeout``, then fails: the server does not start, and never
/// falls back to memory.
///
/// What is shared: the change bus (``PostgresChangeBus``), 2025-era session records
/// (``PostgresSessionRecordStore``) and the events of their GET streams
/// (``PostgresStreamEventStore``), so a stream cut on one replica resumes on another.
public final class PostgresSharedState: Service, Sendable {
    /// Where and how the database is reached.
    public let configuration: MCPPostgresConfiguration
    /// The change bus every replica shares.
    public let changes: PostgresChangeBus
    /// The 2025-era session records every replica shares.
    public let sessions: PostgresSessionRecordStore
    let client: PostgresClient
    let ready = ReadinessGate()
    let logger: Logger
    private let runs = Mutex<(count: Int, work: Task<Void, Never>?)>((0, nil))

    /// How often retention runs.
    static let retentionInterval: Duration = .seconds(60)

    /// Shared state on the database `configuration` names; nothing connects before ``run()``.
    public init(configuration: MCPPostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        var client = PostgresClient.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: Self.tls(configuration.tls))
        client.options.maximumConnections = configuration.poolSize
        client.options.connectTimeout = .seconds(5)
        client.options.additionalStartupParameters = [("application_name", configuration.applicationName)]
        // postgres-nio logs every failed connection attempt at info; this library says what matters.
        var background = logger
        background.logLevel = max(logger.logLevel, .warning)
        self.client = PostgresClient(configuration: client, backgroundLogger: background)
        self.changes = PostgresChangeBus(client: self.client, ready: ready, retention: configuration.changeRetention, logger: logger)
        self.sessions = PostgresSessionRecordStore(client: self.client, ready: ready, logger: logger)
    }

    /// The value for ``MCPProxyConfiguration/sharedState``: the PostgreSQL bus, session records
    /// and stream events (`eventsPerStream` kept per stream), and this object as the service that
    /// keeps them connected.
    public func sharedState(eventsPerStream: Int = 1000) -> MCPSharedState {
        MCPSharedState(
            changes: changes, sessions: sessions,
            events: PostgresStreamEventStore(client: client, ready: ready, eventsPerStream: eventsPerStream, logger: logger), services: [self],
            waitUntilReady: { [ready] in try await ready.wait() },
            isReachable: { [changes] in changes.listening.load(ordering: .relaxed) })
    }

    /// Returns once the schema is in place and the bus listens; throws the start-up failure.
    public func waitUntilReady() async throws {
        try await ready.wait()
    }

    /// Connects and keeps the shared state up until graceful shutdown (or cancellation). Throws
    /// when the database cannot be reached within the start-up timeout, or its schema is newer
    /// than this build. Several servers may run it at once: the first call does the work, the
    /// work stops when the last call returns.
    public func run() async throws {
        let first = runs.withLock { runs -> Bool in
            runs.count += 1
            return runs.count == 1
        }
        if first {
            let work = Task { await self.work() }
            runs.withLock { $0.work = work }
        }
        defer {
            let last = runs.withLock { runs -> Task<Void, Never>? in
                runs.count -= 1
                guard runs.count == 0 else { return nil }
                defer { runs.work = nil }
                return runs.work
            }
            last?.cancel()
        }
        try await ready.wait()
        try? await gracefulShutdown()
    }

    private func work() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask {
                do {
                    try await self.startUp()
                } catch {
                    self.ready.fail(error)
                    return
                }
                self.ready.open()
                await withDiscardingTaskGroup { loops in
                    loops.addTask { await self.changes.listen() }
                    loops.addTask { await self.changes.retain(every: Self.retentionInterval) }
                }
            }
        }
        ready.fail(CancellationError())
    }

    /// Migrates the schema and positions the bus, retrying until the start-up timeout.
    private func startUp() async throws {
        let deadline = ContinuousClock.now + configuration.startupTimeout
        var wait: Duration = .milliseconds(100)
        while true {
            do {
                // One direct connection first: the pool retries a failing connect without a word,
                // this says why (refused, authentication, TLS) when the database cannot be used.
                try await Deadline.run("a connection", within: .seconds(3)) { [configuration, logger] in
                    let connection = try await PostgresConnection.connect(
                        on: PostgresClient.defaultEventLoopGroup.any(), configuration: Self.connection(configuration), id: 0, logger: logger
                    ).get()
                    try await connection.close()
                }
                let limit = max(deadline - .now, .milliseconds(100))
                try await Deadline.run("the schema migration", within: limit) { [client, logger, changes] in
                    try await SchemaMigrator(client: client, logger: logger).migrate()
                    try await changes.start()
                }
                logger.info("PostgreSQL shared state ready at \(configuration.displayName)")
                return
            } catch let error as SchemaMigrator.SchemaError {
                throw StartupError(description: "PostgreSQL at \(configuration.displayName): \(error.description)")
            } catch let error as PostgresTransactionError where error.closureError is SchemaMigrator.SchemaError {
                throw StartupError(description: "PostgreSQL at \(configuration.displayName): \(error.closureError.map { "\($0)" } ?? "")")
            } catch {
                try Task.checkCancellation()
                guard ContinuousClock.now + wait < deadline else {
                    throw StartupError(
                        description:
                            "PostgreSQL at \(configuration.displayName) could not be used within \(configuration.startupTimeout): \(Self.reason(error))")
                }
                logger.warning("PostgreSQL at \(configuration.displayName) is not reachable yet; retrying in \(wait)")
                try await Task.sleep(for: wait)
                wait = min(wait * 2, .seconds(1))
            }
        }
    }

    private static func connection(_ configuration: MCPPostgresConfiguration) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch configuration.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var connection = PostgresConnection.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.username, password: configuration.password,
            database: configuration.database, tls: tls)
        connection.options.connectTimeout = .seconds(2)
        connection.options.additionalStartupParameters = [("application_name", configuration.applicationName)]
        return connection
    }

    private static func tls(_ mode: MCPPostgresConfiguration.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    /// What went wrong, in the words of the innermost error.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// The shared state could not start.
    public struct StartupError: Error, CustomStringConvertible {
        /// What failed, naming the database (never its password).
        public let description: String
    }
}
