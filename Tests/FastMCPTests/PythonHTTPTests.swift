import ExampleServers
import FastMCP
import Testing
import TestSupport

/// The official Python client against the facade over HTTP, in both modes and both eras.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct PythonHTTPTests {
    @Test(arguments: [(true, "legacy"), (false, "legacy"), (true, "2026-07-28")])
    func listsAndCalls(stateless: Bool, mode: String) async throws {
        let config = MCPProxyConfiguration(stateless: stateless, authentication: .required(DevTokenAuthenticator(token: "facade-token", subject: "py").authenticate), drainTimeout: .milliseconds(300))
        try await withTestServer(config, handler: ExampleServer.make().handler(stateless: stateless)) { server in
            let run = try await PythonInterop.run("python_client.py", [server.url, mode, "facade-token"])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(run.json?["add"] == ["sum": 5])
            #expect(run.json?["whoami"] == ["subject": "py", "scopes": []])
            #expect(run.json?["schemas"]?["echo"]?["properties"]?["text"]?["description"] == "Text to echo back")
        }
    }
}
