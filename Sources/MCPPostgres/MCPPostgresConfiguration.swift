import Foundation

/// Where and how MCPPostgres reaches PostgreSQL, and how long it keeps what it stores.
public struct MCPPostgresConfiguration: Sendable {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable {
        /// Plain connections only.
        case disable
        /// TLS when the server offers it, else plain.
        case prefer
        /// TLS or no connection: a server that offers no TLS is refused.
        case require
    }

    /// How long published changes are kept for replicas that fell behind (a reconnect, a pause).
    public struct Retention: Sendable, Hashable {
        /// Changes older than this are removed.
        public var age: Duration
        /// At most this many of the newest changes are kept.
        public var count: Int

        /// Keep changes for `age`, and at most `count` of them.
        public init(age: Duration = .seconds(3600), count: Int = 100_000) {
            self.age = age
            self.count = max(1, count)
        }
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The role to connect as.
    public var username: String
    /// The role's password (`nil`: none, e.g. `trust` or certificate authentication).
    public var password: String?
    /// The database (`nil`: the server's default, the role's name).
    public var database: String?
    /// How the connection is encrypted.
    public var tls: TLSMode
    /// Connections in the pool at most (one of them holds the `LISTEN`); at least 2.
    public var poolSize: Int
    /// How long published changes are kept.
    public var changeRetention: Retention
    /// How long start-up waits for the database before it gives up.
    public var startupTimeout: Duration
    /// The `application_name` the connections report (`pg_stat_activity`).
    public var applicationName: String

    /// A configuration from its parts.
    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String? = nil,
        tls: TLSMode = .prefer, poolSize: Int = 8, changeRetention: Retention = Retention(),
        startupTimeout: Duration = .seconds(10), applicationName: String = "mcp-stateless"
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.poolSize = max(2, poolSize)
        self.changeRetention = changeRetention
        self.startupTimeout = startupTimeout
        self.applicationName = applicationName
    }

    /// A configuration from a `postgres://user[:password]@host[:port][/database][?sslmode=…]`
    /// URL (`postgresql://` too). `sslmode` is `disable`, `prefer` (the default) or `require`;
    /// `verify-ca` and `verify-full` are taken as `require`, which verifies the certificate.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else { throw ConfigurationError("a PostgreSQL URL starts with postgres:// or postgresql://") }
        guard let host = components.host, !host.isEmpty else { throw ConfigurationError("the PostgreSQL URL names no host") }
        guard let user = components.user, !user.isEmpty else {
            throw ConfigurationError("the PostgreSQL URL names no user (postgres://USER@\(host)/…)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"): tls = .disable
            case ("sslmode", "allow"), ("sslmode", "prefer"): tls = .prefer
            case ("sslmode", "require"), ("sslmode", "verify-ca"), ("sslmode", "verify-full"): tls = .require
            case ("sslmode", let other): throw ConfigurationError("sslmode must be disable, prefer or require, got \(other)")
            default: throw ConfigurationError("the PostgreSQL URL has an option this build does not read: \(item.name)")
            }
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.init(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: path.isEmpty ? nil : path, tls: tls)
    }

    /// `host:port/database`, for messages (never the password).
    public var displayName: String { "\(host):\(port)/\(database ?? username)" }

    /// A configuration that cannot be used, with the reason.
    public struct ConfigurationError: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String

        init(_ description: String) { self.description = description }
    }
}
