import Foundation
import MCPPostgres
import MCPProxy
import TestSupport
import Testing

/// 2025-era sessions on PostgreSQL: any replica serves a session any other created, the subject
/// check holds on every replica, an end anywhere is an end everywhere.
@Suite(.enabled(if: PostgresTest.enabled, PostgresTest.skipped), .timeLimit(.minutes(1)))
struct PostgresSessionTests {
    static let subjects = ["alice-token": "alice", "bob-token": "bob"]

    static var authentication: Authentication {
        .required { head in
            guard let value = head.headers[.authorization], value.hasPrefix("Bearer "),
                let subject = subjects[String(value.dropFirst("Bearer ".count))]
            else { return nil }
            return Principal(subject: subject)
        }
    }

    static let echo = NativeTool(
        name: "echo", description: "Returns the text it is given.",
        inputSchema: ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"]]
    ) { arguments, _ in .text(arguments["text"]?.stringValue ?? "") }

    /// A replica: its own `PostgresSharedState` (pool, `LISTEN`) and server on `configuration`'s database.
    func replica(_ name: String, _ configuration: MCPPostgresConfiguration, maxSessionsPerSubject: Int = 64) async throws -> TestServer {
        var own = configuration
        own.applicationName = name
        let postgres = PostgresSharedState(configuration: own, logger: TestServer.quietLogger)
        let proxy = MCPProxyConfiguration(
            stateless: false, authentication: Self.authentication, drainTimeout: .milliseconds(300), maxSessionsPerSubject: maxSessionsPerSubject,
            keepAliveInterval: .seconds(60), sharedState: postgres.sharedState())
        let server = try await TestServer.start(proxy, handler: NativeMCPServer(name: "pg", version: "1", tools: [Self.echo]))
        try await postgres.waitUntilReady()
        return server
    }

    let alice = [HTTP.bearer("alice-token")]

    @Test func aSessionIsServedEverywhereSurvivesItsReplicaAndEndsEverywhere() async throws {
        try await PostgresTest.withDatabase { configuration in
            var a = try await replica("replica-a", configuration)
            let b = try await replica("replica-b", configuration)
            let c = try await replica("replica-c", configuration)
            defer { Task { for server in [b, c] { await server.stop() } } }

            let initialize = try await HTTP.rpc(a.url, RPC.initialize, headers: alice)
            #expect(initialize.status == 200)
            let id = try #require(initialize.header("Mcp-Session-Id"))
            for server in [b, c] {
                let list = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
                #expect(list.status == 200)
                #expect(list.body.contains("\"echo\""))
                let call = try await HTTP.rpc(server.url, RPC.call(3, "echo", #"{"text":"hi"}"#), headers: alice + [("Mcp-Session-Id", id)])
                #expect(call.status == 200)
                #expect(call.body.contains(#""text":"hi""#))
            }
            for server in [a, b, c] {
                let stolen = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("bob-token"), ("Mcp-Session-Id", id)])
                #expect(stolen.status == 403)
            }
            // The database holds the id's SHA-256, never the id.
            let (byID, all) = try await PostgresTest.withClient(configuration) { raw in
                (try await PostgresTest.integers(raw, "SELECT count(*)::bigint FROM mcp_sessions WHERE key = \(id)"),
                 try await PostgresTest.integers(raw, "SELECT count(*)::bigint FROM mcp_sessions"))
            }
            #expect(byID == [0])
            #expect(all == [1])

            // The replica that created the session goes away; a new one serves it.
            await a.stop()
            a = try await replica("replica-a2", configuration)
            let after = try await HTTP.rpc(a.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
            #expect(after.status == 200)
            #expect(a.server.sessions.session(id) != nil)

            let delete = try await HTTP.send(.DELETE, c.url, headers: alice + [("Mcp-Session-Id", id)])
            #expect(delete.status == 204)
            // The end reaches the other replicas' caches through the bus.
            #expect(await eventually { a.server.sessions.session(id) == nil && b.server.sessions.session(id) == nil })
            for server in [a, b, c] {
                let gone = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
                #expect(gone.status == 404)
            }
            await a.stop()
        }
    }

    @Test func thePerSubjectCapHoldsAcrossReplicas() async throws {
        try await PostgresTest.withDatabase { configuration in
            let a = try await replica("replica-a", configuration, maxSessionsPerSubject: 2)
            let b = try await replica("replica-b", configuration, maxSessionsPerSubject: 2)
            defer { Task { for server in [a, b] { await server.stop() } } }
            func open(_ server: TestServer) async throws -> String {
                try #require(try await HTTP.rpc(server.url, RPC.initialize, headers: alice).header("Mcp-Session-Id"))
            }
            let first = try await open(a)
            let second = try await open(b)
            let third = try await open(a)  // the first, least recently used, ends
            #expect(try await HTTP.rpc(b.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", first)]).status == 404)
            #expect(try await HTTP.rpc(b.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", second)]).status == 200)
            #expect(try await HTTP.rpc(b.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", third)]).status == 200)
        }
    }

    static func message(_ text: String) -> JSONRPCNotification {
        JSONRPCNotification(method: "notifications/message", params: ["level": "info", "data": .string(text)])
    }

    func stream(_ server: TestServer, _ id: String, lastEventID: Int? = nil) async throws -> SSEStream {
        try await SSEStream.session(server.url, id: id, headers: alice, lastEventID: lastEventID)
    }

    /// The SSE ids in `text`, in order.
    func ids(_ text: String) -> [Int] {
        text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.compactMap { Int($0.dropFirst(4)) }
    }

    /// A GET stream on A is cut by stopping A; the client resumes on B with `Last-Event-ID` and
    /// gets every event that followed, none twice, then live ones; the ids are the table's.
    @Test func aStreamCutByStoppingItsReplicaResumesOnAnotherWithEveryEventOnce() async throws {
        try await PostgresTest.withDatabase { configuration in
            let a = try await replica("replica-a", configuration)
            let b = try await replica("replica-b", configuration)
            let c = try await replica("replica-c", configuration)
            defer { Task { for server in [b, c] { await server.stop() } } }
            let id = try #require(try await HTTP.rpc(a.url, RPC.initialize, headers: alice).header("Mcp-Session-Id"))
            #expect(try await HTTP.rpc(c.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)]).status == 200)
            let onC = try #require(c.server.sessions.session(id))

            var first = try await stream(a, id)
            onC.send(Self.message("one"))  // sent on C, reaches the stream on A through the bus
            let seen = try await first.read(until: "\"one\"")
            let last = try #require(ids(seen).last)

            await a.stop()
            _ = try await first.readToEnd()
            onC.send(Self.message("two"))
            onC.send(Self.message("three"))
            var resumed = try await stream(b, id, lastEventID: last)
            _ = try await resumed.read(until: "\"three\"")
            onC.send(Self.message("four"))
            let all = try await resumed.read(until: "\"four\"")
            #expect(!all.contains("\"one\""))
            for word in ["two", "three", "four"] {
                #expect(all.components(separatedBy: "\"data\":\"\(word)\"").count == 2, "\(word) once: \(all)")
            }
            let resumedIDs = ids(all)
            #expect(resumedIDs.count == 3)
            #expect(resumedIDs == resumedIDs.sorted() && resumedIDs.first.map { $0 > last } == true)
            let rows = try await PostgresTest.withClient(configuration) { raw in
                try await PostgresTest.integers(raw, "SELECT id FROM mcp_stream_events ORDER BY id")
            }
            #expect(rows == [last] + resumedIDs, "the SSE ids are the table's")

            // An id the stream never had (or a negative one) replays nothing: the stream goes on live.
            var negative = try await stream(c, id, lastEventID: -1)
            onC.send(Self.message("after a negative id"))
            let fromNegative = try await negative.read(until: "after a negative id")
            #expect(!fromNegative.contains("\"four\""))
            var foreign = try await stream(c, id, lastEventID: 999_999)
            onC.send(Self.message("five"))
            let after = try await foreign.read(until: "\"five\"")
            #expect(!after.contains("\"four\""))
        }
    }
}
