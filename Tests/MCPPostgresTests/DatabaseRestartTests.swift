import Foundation
import MCPPostgres
import MCPProxy
import TestSupport
import Testing

/// The database stops and starts again under two running replicas: session requests get 503
/// with `Retry-After` meanwhile (never a 500, never a hang), and afterwards listeners (a 2026
/// listen stream, a 2025 GET stream) hear every change published and sessions are served again.
@Suite(.enabled(if: PostgresTest.enabled, PostgresTest.skipped), .timeLimit(.minutes(2)))
struct DatabaseRestartTests {
    @Test func sessionsGet503WhileTheDatabaseIsDownAndEverythingResumesAfter() async throws {
        let cluster = try await ThrowawayCluster.create()
        defer { cluster.destroy() }
        let sessions = PostgresSessionTests()
        let a = try await sessions.replica("replica-a", cluster.configuration)
        let b = try await sessions.replica("replica-b", cluster.configuration)
        defer { Task { for server in [a, b] { await server.stop() } } }
        let alice = [HTTP.bearer("alice-token")]

        let id = try #require(try await HTTP.rpc(a.url, RPC.initialize, headers: alice).header("Mcp-Session-Id"))
        var request = HTTPStreamingRequest(url: a.url)
        request.body = Modern.body(7, "subscriptions/listen", params: ["notifications": ["toolsListChanged": true]])
        request.headers = HTTP.jsonHeaders + Modern.headers("subscriptions/listen") + alice
        var listen = try await request.open()
        _ = try await listen.read(until: "acknowledged")
        // The session's 2025 GET stream on A stays open across the outage too.
        var stream = try await SSEStream.session(a.url, id: id, headers: alice)

        #expect(await eventuallyAsync { try await HTTP.send(.GET, b.base + "/ready").status == 200 })
        try cluster.stop()
        // A stateful replica whose database is gone is not ready: the balancer stops sending it sessions.
        #expect(await eventuallyAsync { try await HTTP.send(.GET, b.base + "/ready").status == 503 })
        let ready = try await HTTP.send(.GET, b.base + "/ready")
        #expect(ready.header("Retry-After") == "1")
        #expect(ready.json?["status"] == "store-unreachable")
        let started = ContinuousClock.now
        let during = try await HTTP.rpc(b.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
        #expect(during.status == 503)
        #expect(during.header("Retry-After") == "1")
        #expect(during.errorMessage == "Service Unavailable: the session store is unreachable")
        #expect(ContinuousClock.now - started < .seconds(8), "answered within the store's deadline, not hung")
        let initialize = try await HTTP.rpc(b.url, RPC.initialize, headers: alice)
        #expect(initialize.status == 503)
        #expect(initialize.header("Mcp-Session-Id") == nil)
        // A request that touches no session is served all along.
        #expect(try await Modern.send(b.url, 5, "tools/list", extra: alice).status == 200)

        try cluster.start()
        // A change the bus refused while reconnecting was never published; once one is taken,
        // the listener on the other replica hears it.
        #expect(await eventuallyAsync(within: .seconds(30)) {
            try await b.server.notifier.deliver(.toolsListChanged)
            return true
        })
        let heard = try await listen.read(until: "tools/list_changed")
        #expect(heard.contains(#"{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":7}}}"#))
        #expect(try await stream.read(until: "tools/list_changed").contains("notifications/tools/list_changed"))
        #expect(await eventuallyAsync(within: .seconds(30)) {
            try await HTTP.rpc(b.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)]).status == 200
        })
        #expect(await eventuallyAsync(within: .seconds(30)) { try await HTTP.send(.GET, b.base + "/ready").status == 200 })
        // A notification sent on B after the outage reaches the GET stream still open on A.
        try #require(b.server.sessions.session(id)).send(PostgresSessionTests.message("after the outage"))
        #expect(try await stream.read(until: "after the outage").contains(#""data":"after the outage""#))
    }
}
