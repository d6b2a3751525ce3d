import Foundation
import MCPPostgres
import TestSupport
import Testing

/// Replicas as separate processes: three `mcp-example` processes given one `--postgres-url`.
@Suite(.enabled(if: PostgresTest.enabled, PostgresTest.skipped), .timeLimit(.minutes(2)))
struct ReplicaProcessTests {
    static let example = PythonInterop.packageRoot.appendingPathComponent(".build/debug/mcp-example").path
    let token = [HTTP.bearer("replica-token")]

    func launch(_ configuration: MCPPostgresConfiguration, url: String) throws -> LaunchedServer {
        try LaunchedServer(Self.example, ["--port", "0", "--dev-token", "replica-token", "--postgres-url", url])
    }

    @Test func aSessionCreatedInOneProcessIsServedByTheOthersOutlivesItAndEndsEverywhere() async throws {
        try await PostgresTest.withDatabase { configuration in
            let url = "postgres://\(configuration.username)@\(configuration.host):\(configuration.port)/\(configuration.database ?? "")?sslmode=disable"
            var processes = try (0..<3).map { _ in try launch(configuration, url: url) }
            do {
                try await check(&processes, configuration, url: url)
            } catch {
                for process in processes { await process.stop() }
                throw error
            }
            for process in processes { await process.stop() }
        }
    }

    func check(_ processes: inout [LaunchedServer], _ configuration: MCPPostgresConfiguration, url: String) async throws {
        var urls: [String] = []
        for process in processes { urls.append("http://127.0.0.1:\(try await process.listeningPort())/mcp") }

        let initialize = try await HTTP.rpc(urls[0], RPC.initialize, headers: token)
        #expect(initialize.status == 200)
        let id = try #require(initialize.header("Mcp-Session-Id"))
        for url in urls.dropFirst() {
            let call = try await HTTP.rpc(url, RPC.call(2, "add", #"{"a":2,"b":3}"#), headers: token + [("Mcp-Session-Id", id)])
            #expect(call.status == 200, "\(call.body)")
            #expect(call.body.contains(#""sum":5"#))
        }
        // The process that created the session stops; the others go on serving it.
        await processes[0].stop()
        #expect(try await HTTP.rpc(urls[1], RPC.toolsList, headers: token + [("Mcp-Session-Id", id)]).status == 200)
        processes[0] = try launch(configuration, url: url)
        urls[0] = "http://127.0.0.1:\(try await processes[0].listeningPort())/mcp"
        #expect(try await HTTP.rpc(urls[0], RPC.toolsList, headers: token + [("Mcp-Session-Id", id)]).status == 200)

        let delete = try await HTTP.send(.DELETE, urls[2], headers: token + [("Mcp-Session-Id", id)])
        #expect(delete.status == 204)
        // The end reaches the other processes' caches through the bus (LISTEN/NOTIFY).
        for url in urls {
            #expect(await eventuallyAsync { try await HTTP.rpc(url, RPC.toolsList, headers: token + [("Mcp-Session-Id", id)]).status == 404 })
        }
    }
}
