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
            // A non-object output is wrapped, so the client lists every tool (it refuses array schemas).
            #expect(run.json?["output_schemas"]?["list_units"] == [
                "type": "object", "properties": ["result": ["type": "array", "items": ["type": "string"]]], "required": ["result"],
                "x-fastmcp-wrap-result": true,
            ])
            #expect(run.json?["list_units"]?["structured"]?["result"]?.arrayValue?.first == "millimetre")
            #expect(run.json?["list_units"]?["text"]?.stringValue?.hasPrefix(#"["millimetre","centimetre""#) == true)
            // Prompt arguments arrive as strings, are listed in declaration order, and numbers are read from them.
            #expect(run.json?["prompt_arguments"]?["conversion-drill"] == ["dimension", "count"])
            #expect(run.json?["drill"] == "Give me 2 mass conversion exercises, then check my answers with the convert tool.")
            #expect(run.json?["readme_mime"] == "text/markdown")
        }
    }
}
