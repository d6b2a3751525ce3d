import ExampleServers
import FastMCP
import Foundation
import MCPPostgres
import MCPProxy
import TestSupport
import Testing

/// The official Python `mcp` client, stateful (2025 handshake, session, GET stream, DELETE),
/// through a round-robin proxy in front of three replicas: no stickiness, so consecutive
/// requests of one session land on different replicas.
@Suite(.enabled(if: PostgresTest.enabled, PostgresTest.skipped), .enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"), .timeLimit(.minutes(2)))
struct PostgresPythonClientTests {
    /// Three example-server replicas, sharing `sharedState(index)` (nil: each its own memory).
    func withReplicas(_ sharedState: (Int) -> MCPSharedState?, _ body: ([TestServer], RoundRobinProxy) async throws -> Void) async throws {
        var servers: [TestServer] = []
        for index in 0..<3 {
            let configuration = MCPProxyConfiguration(
                stateless: false, authentication: PostgresSessionTests.authentication, drainTimeout: .milliseconds(300),
                keepAliveInterval: .seconds(60), sharedState: sharedState(index))
            servers.append(try await TestServer.start(configuration, handler: ExampleServer.make().handler(stateless: false)))
        }
        let proxy = try await RoundRobinProxy.start(upstreams: servers.map(\.base))
        do {
            try await body(servers, proxy)
        } catch {
            await proxy.stop()
            for server in servers { await server.stop() }
            throw error
        }
        await proxy.stop()
        for server in servers { await server.stop() }
    }

    @Test func theOfficialClientRunsStatefulAcrossReplicasSharingPostgreSQL() async throws {
        try await PostgresTest.withDatabase { configuration in
            let states = (0..<3).map { index in
                var own = configuration
                own.applicationName = "python-replica-\(index)"
                return PostgresSharedState(configuration: own, logger: TestServer.quietLogger)
            }
            try await withReplicas({ states[$0].sharedState() }) { servers, proxy in
                for state in states { try await state.waitUntilReady() }
                let run = try await PythonInterop.run("python_client.py", [proxy.url(), "legacy", "alice-token"])
                #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
                let result = try #require(run.json)
                #expect(result["protocol_version"] == "2025-11-25")
                #expect(result["add"] == ["sum": 5])
                #expect(result["echo"] == "héllo")
                #expect(result["whoami"]?["subject"] == "alice")
                // Every replica served part of the one session.
                #expect(proxy.served.allSatisfy { $0 >= 2 }, "\(proxy.served)")
                // The client's DELETE, on whichever replica it landed, ended the session everywhere.
                let rows = try await PostgresTest.withClient(configuration) { raw in
                    try await PostgresTest.integers(raw, "SELECT count(*)::bigint FROM mcp_sessions")
                }
                #expect(rows == [0])
            }
        }
    }

    /// The control: the same replicas, each with its own in-memory sessions, fail the same
    /// client — so the proxy really spreads the session.
    @Test func withoutSharedStateTheSameClientFails() async throws {
        try await withReplicas({ _ in nil }) { _, proxy in
            let run = try await PythonInterop.run("python_client.py", [proxy.url(), "legacy", "alice-token"])
            #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
            #expect(run.json?["ok"] == false)
        }
    }
}
