import MCPProxy
import Testing

/// The official Python `mcp` client (PyPI) against our server, 2025 era.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct PythonClientInteropTests {
    func config(stateless: Bool) -> MCPProxyConfiguration {
        MCPProxyConfiguration(stateless: stateless, authenticate: AuthProbe().authenticator, drainTimeout: .milliseconds(300))
    }

    @Test(arguments: [true, false])
    func listsAndCallsToolsWithAValidToken(stateless: Bool) async throws {
        try await withServer(config(stateless: stateless)) { server in
            let run = try await PythonInterop.run("python_client.py", [server.url, "legacy", "alice-token"])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            let result = try #require(run.json)
            #expect(result["tools"] == ["add", "echo", "whoami"])
            #expect(result["add"] == ["sum": 5])
            #expect(result["echo"] == "héllo")
            #expect(result["whoami"] == ["subject": "alice", "scopes": ["mcp:read"]])
            #expect(result["schemas"]?["echo"]?["required"] == ["text"])
            #expect(server.server.sessions.count == 0, "the client ends its session (DELETE) or never had one")
        }
    }

    @Test(arguments: [true, false])
    func failsCleanlyWithABadToken(stateless: Bool) async throws {
        try await withServer(config(stateless: stateless)) { server in
            let run = try await PythonInterop.run("python_client.py", [server.url, "legacy", "wrong-token"])
            #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
            #expect(run.json?["ok"] == false)
            #expect(run.json?["error"]?.stringValue?.contains("Unauthorized") == true)
        }
    }
}
