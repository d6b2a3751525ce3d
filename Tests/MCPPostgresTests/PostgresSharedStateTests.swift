import Foundation
import MCPPostgres
import MCPProxy
import TestSupport
import Testing

/// Servers on the PostgreSQL shared state: replicas in one process, each with its own pool and
/// `LISTEN` on one database, hear each other's changes; start-up fails loudly.
@Suite(.enabled(if: PostgresTest.enabled, PostgresTest.skipped), .timeLimit(.minutes(1)))
struct PostgresSharedStateTests {
    static let touch = NativeTool(
        name: "touch", description: "Announces that a resource changed.",
        inputSchema: ["type": "object", "properties": ["uri": ["type": "string"]], "required": ["uri"]]
    ) { arguments, context in
        guard let notifier = context.notifier else { return .error("no notifier in the context") }
        try await notifier.deliver(.resourceUpdated(uri: arguments["uri"]?.stringValue ?? ""))
        return .text("touched")
    }

    static let readme = NativeResource(uri: "example://readme", name: "readme") { _ in "read me" }

    /// Three servers, each on its own `PostgresSharedState` (own pool, own `LISTEN`).
    func withServers(stateless: Bool, _ configuration: MCPPostgresConfiguration, _ body: ([TestServer]) async throws -> Void) async throws {
        var servers: [TestServer] = []
        do {
            for index in 0..<3 {
                var own = configuration
                own.applicationName = "replica-\(index)"
                let postgres = PostgresSharedState(configuration: own, logger: TestServer.quietLogger)
                let proxy = MCPProxyConfiguration(
                    stateless: stateless, authentication: .disabled(), drainTimeout: .milliseconds(300), keepAliveInterval: .seconds(60),
                    sharedState: postgres.sharedState())
                let handler = NativeMCPServer(name: "pg", version: "1", tools: [Self.touch], resources: [Self.readme], announcesListChanges: true)
                servers.append(try await TestServer.start(proxy, handler: handler))
                try await postgres.waitUntilReady()
            }
            try await body(servers)
        } catch {
            for server in servers { await server.stop() }
            throw error
        }
        for server in servers { await server.stop() }
    }

    @Test func aListenStreamHearsAToolCallOnAnotherReplicaAndAGETStreamAChangeFromAThird() async throws {
        try await PostgresTest.withDatabase { configuration in
            try await withServers(stateless: false, configuration) { servers in
                var request = HTTPStreamingRequest(url: servers[0].url)
                request.body = Modern.body(7, "subscriptions/listen", params: ["notifications": ["resourceSubscriptions": ["example://readme"]]])
                request.headers = HTTP.jsonHeaders + Modern.headers("subscriptions/listen")
                var listen = try await request.open()
                _ = try await listen.read(until: "acknowledged")

                let initialize = try await HTTP.rpc(servers[0].url, RPC.initialize)
                let id = try #require(initialize.header("Mcp-Session-Id"))
                var stream = try await SSEStream.open(servers[0].url, headers: [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
                _ = try await stream.read(until: ": stream open")

                let call = try await Modern.call(servers[1].url, 3, tool: "touch", arguments: ["uri": "example://readme"])
                #expect(call.status == 200)
                let updated = try await listen.read(until: "resources/updated")
                #expect(updated.contains(#"{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":7},"uri":"example://readme"}}"#))

                try await servers[2].server.notifier.deliver(.toolsListChanged)
                let changed = try await stream.read(until: "list_changed")
                #expect(changed.contains("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"))
            }
        }
    }

    @Test func aDatabaseThatDoesNotAnswerStopsTheServerFromStartingWithOneLine() async throws {
        // A loopback port nothing listens on (bound, then released).
        let port = try await LoopbackPort.free()
        var configuration = MCPPostgresConfiguration(host: "127.0.0.1", port: port, username: "nobody", database: "none", tls: .disable)
        configuration.startupTimeout = .milliseconds(600)
        let postgres = PostgresSharedState(configuration: configuration, logger: TestServer.quietLogger)
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(port: 0, stateless: true, authentication: .disabled(), sharedState: postgres.sharedState()),
            handler: NativeMCPServer(name: "pg", version: "1", tools: [Self.touch]), logger: TestServer.quietLogger)
        let error = await #expect(throws: PostgresSharedState.StartupError.self) { try await server.run() }
        #expect(error?.description.hasPrefix("PostgreSQL at 127.0.0.1:\(port)/none could not be used within 0.6 seconds: ") == true)
    }

    @Test func aSchemaNewerThanThisBuildIsRefused() async throws {
        try await PostgresTest.withDatabase { configuration in
            try await PostgresTest.admin(configuration, "CREATE TABLE mcp_schema (version integer NOT NULL)")
            try await PostgresTest.admin(configuration, "INSERT INTO mcp_schema (version) VALUES (99)")
            let postgres = PostgresSharedState(configuration: configuration, logger: TestServer.quietLogger)
            let error = await #expect(throws: PostgresSharedState.StartupError.self) {
                let running = Task { try await postgres.run() }
                defer { running.cancel() }
                try await postgres.waitUntilReady()
            }
            #expect(error?.description == "PostgreSQL at \(configuration.displayName): the database's MCP schema is at version 99, newer than this build knows (3): upgrade this server")
        }
    }
}

/// URLs and their refusals, no database needed.
@Suite struct MCPPostgresConfigurationTests {
    @Test func aURLGivesItsParts() throws {
        let configuration = try MCPPostgresConfiguration(url: "postgresql://mcp@db.example.com:6543/notes?sslmode=verify-full")
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "mcp")
        #expect(configuration.password == nil)
        #expect(configuration.database == "notes")
        #expect(configuration.tls == .require)
        #expect(configuration.displayName == "db.example.com:6543/notes")
        let plain = try MCPPostgresConfiguration(url: "postgres://u@127.0.0.1/x?sslmode=disable")
        #expect(plain.port == 5432)
        #expect(plain.tls == .disable)
    }

    @Test func aBadURLIsRefusedNamingWhy() {
        for (url, reason) in [
            ("mysql://u@h/db", "a PostgreSQL URL starts with postgres:// or postgresql://"),
            ("postgres://h/db", "the PostgreSQL URL names no user (postgres://USER@h/…)"),
            ("postgres://u@h/db?sslmode=sometimes", "sslmode must be disable, prefer or require, got sometimes"),
            ("postgres://u@h/db?connect_timeout=3", "the PostgreSQL URL has an option this build does not read: connect_timeout"),
        ] {
            #expect(throws: MCPPostgresConfiguration.ConfigurationError.self) { try MCPPostgresConfiguration(url: url) }
            #expect((try? MCPPostgresConfiguration(url: url)) == nil)
            do { _ = try MCPPostgresConfiguration(url: url) } catch { #expect("\(error)" == reason) }
        }
    }
}

/// A free loopback port: bound by the kernel's choice, then released.
enum LoopbackPort {
    static func free() async throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0 else { throw TestFailure("could not bind a loopback port") }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
