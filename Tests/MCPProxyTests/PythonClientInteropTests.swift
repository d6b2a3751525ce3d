import MCPProxy
import TestSupport
import Testing

/// The official Python `mcp` client (PyPI) against our server, 2025 era.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct PythonClientInteropTests {
    func config(stateless: Bool) -> MCPProxyConfiguration {
        MCPProxyConfiguration(stateless: stateless, authentication: .required(AuthProbe().authenticator), drainTimeout: .milliseconds(300))
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

/// The official Python client in its 2026-07-28 mode, while a 2025-era client uses the same endpoint.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct PythonModernClientInteropTests {
    @Test(arguments: [true, false])
    func modernAndLegacyClientsAtTheSameTime(stateless: Bool) async throws {
        let config = MCPProxyConfiguration(stateless: stateless, authentication: .required(AuthProbe().authenticator), drainTimeout: .milliseconds(300))
        try await withServer(config) { server in
            async let legacy = PythonInterop.run("python_client.py", [server.url, "legacy", "alice-token"])
            async let modern = PythonInterop.run("python_client.py", [server.url, "auto", "bob-token"])
            async let pinned = PythonInterop.run("python_client.py", [server.url, "2026-07-28", "alice-token"])
            let (modernRun, pinnedRun, legacyRun) = try await (modern, pinned, legacy)
            #expect(modernRun.status == 0, "\(modernRun.stdout)\n\(modernRun.stderr)")
            #expect(modernRun.json?["protocol_version"] == "2026-07-28", "auto mode discovered the 2026 revision")
            #expect(modernRun.json?["server_name"] == "mcp-example")
            #expect(modernRun.json?["whoami"] == ["subject": "bob", "scopes": []])
            #expect(modernRun.json?["add"] == ["sum": 5])
            #expect(pinnedRun.json?["protocol_version"] == "2026-07-28")
            #expect(pinnedRun.json?["whoami"]?["subject"] == "alice")
            #expect(legacyRun.json?["protocol_version"] == "2025-11-25")
            #expect(legacyRun.json?["whoami"]?["subject"] == "alice")
        }
    }

    @Test func modernClientFailsCleanlyWithABadToken() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(AuthProbe().authenticator))) { server in
            let run = try await PythonInterop.run("python_client.py", [server.url, "2026-07-28", "wrong-token"])
            #expect(run.status == 3)
            #expect(run.json?["error"]?.stringValue?.contains("Unauthorized") == true)
        }
    }
}
