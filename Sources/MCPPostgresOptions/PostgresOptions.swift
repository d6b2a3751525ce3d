import ArgumentParser
import Foundation
import Logging
import MCPPostgres
import MCPProxy

/// `--postgres-url`: the server binaries' flag for PostgreSQL shared state (its own target, so
/// that the libraries never link it and only the binaries that offer it build postgres-nio).
///
/// The URL may come from the flag or from `MCP_POSTGRES_URL`. A password never rides on the
/// command line, where the process list and shell history would show it: a flag URL carrying
/// one is refused, naming `MCP_POSTGRES_URL` and `PGPASSWORD`.
public struct PostgresOptions: ParsableArguments {
    /// The defaults; ArgumentParser fills in the flags.
    public init() {}

    /// `--postgres-url`: where replicas share sessions and changes.
    @Option(
        name: .customLong("postgres-url"),
        help: """
            Share 2025-era sessions and change notifications with the other replicas through PostgreSQL: \
            postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require]. No password here: use PGPASSWORD, or put the whole URL in MCP_POSTGRES_URL.
            """)
    public var postgresURL: String?

    /// Refuses a flag URL that carries a password, or that cannot be read.
    public func validate() throws {
        guard let postgresURL else { return }
        let configuration: MCPPostgresConfiguration
        do {
            configuration = try MCPPostgresConfiguration(url: postgresURL)
        } catch {
            throw ValidationError("--postgres-url: \(error)")
        }
        if configuration.password != nil {
            throw ValidationError(
                "--postgres-url must not carry a password (the process list and shell history would show it): set PGPASSWORD, or pass the whole URL in MCP_POSTGRES_URL")
        }
    }

    /// The database configuration the flag or `MCP_POSTGRES_URL` names (`PGPASSWORD` filling in
    /// the password), or `nil` when neither is given.
    public func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MCPPostgresConfiguration? {
        guard let text = postgresURL ?? environment["MCP_POSTGRES_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        var configuration: MCPPostgresConfiguration
        do {
            configuration = try MCPPostgresConfiguration(url: text)
        } catch {
            throw ValidationError("\(postgresURL == nil ? "MCP_POSTGRES_URL" : "--postgres-url"): \(error)")
        }
        if configuration.password == nil, let password = environment["PGPASSWORD"], !password.isEmpty {
            configuration.password = password
        }
        return configuration
    }

    /// Sets `configuration.sharedState` to PostgreSQL when a URL is given; logs where it points.
    public func apply(to configuration: inout MCPProxyConfiguration, logger: Logger) throws {
        guard let database = try self.configuration() else { return }
        configuration.sharedState = PostgresSharedState(configuration: database, logger: logger).sharedState(
            eventsPerStream: configuration.eventStoreCapacity)
        logger.info("sharing sessions and changes through PostgreSQL at \(database.displayName)")
    }
}
