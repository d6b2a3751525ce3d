import MCP
import MCPProxy
import MCPSwiftSDKAdapter
import Testing
import TestSupport

/// An official swift-sdk server hosted through the seam, one Server + transport per request.
@Suite struct SwiftSDKAdapterTests {
    static func handler(timeout: Duration = .seconds(10)) -> SwiftSDKServerHandler {
        SwiftSDKServerHandler(
            description: ServerDescription(name: "sdk-server", version: "1.0", capabilities: ["tools": ["listChanged": false]]),
            timeout: timeout
        ) {
            let server = MCP.Server(name: "sdk-server", version: "1.0", capabilities: .init(tools: .init(listChanged: false)))
            await server.withMethodHandler(ListTools.self) { _ in
                ListTools.Result(tools: [
                    Tool(name: "whoami", description: "the caller", inputSchema: ["type": "object"]),
                    Tool(name: "stall", description: "never answers in time", inputSchema: ["type": "object"]),
                ])
            }
            await server.withMethodHandler(CallTool.self) { params in
                if params.name == "stall" { try await Task.sleep(for: .seconds(3600)) }
                let subject = SwiftSDKServerHandler.principal?.subject ?? "anonymous"
                return CallTool.Result(content: [.text(text: subject, annotations: nil, _meta: nil)], isError: false)
            }
            return server
        }
    }

    @Test func concurrentCallersWithEqualIdsNeverCrossTalk() async throws {
        let config = MCPProxyConfiguration(stateless: true, authentication: .required({ head in
            head.headers[.authorization].map { Principal(subject: String($0.dropFirst("Bearer ".count))) }
        }))
        try await withTestServer(config, handler: Self.handler()) { server in
            try await withThrowingTaskGroup(of: (String, String?).self) { group in
                for index in 0..<24 {
                    let subject = "caller-\(index % 6)"
                    group.addTask {
                        // Every caller uses JSON-RPC id 1, as fresh clients do.
                        let reply = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer(subject)])
                        return (subject, reply.json?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue)
                    }
                }
                for try await (expected, seen) in group { #expect(seen == expected) }
            }
        }
    }

    @Test func listsInitializesAndKeepsTheDeadline() async throws {
        try await withTestServer(MCPProxyConfiguration(stateless: false, authentication: .disabled(), drainTimeout: .milliseconds(300)), handler: Self.handler(timeout: .seconds(3))) { server in
            let initialize = try await HTTP.rpc(server.url, RPC.initialize)
            #expect(initialize.json?["result"]?["serverInfo"]?["name"] == "sdk-server")
            let session = try #require(initialize.header("Mcp-Session-Id"))
            let list = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("Mcp-Session-Id", session)])
            #expect(list.json?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["whoami", "stall"])
            let stalled = try await HTTP.rpc(server.url, RPC.call(3, "stall"), headers: [("Mcp-Session-Id", session)])
            #expect(stalled.errorCode == -32603)
            #expect(stalled.errorMessage?.hasPrefix("the swift-sdk server did not answer within") == true)
            let unknown = try await HTTP.rpc(server.url, RPC.request(4, "no/such"), headers: [("Mcp-Session-Id", session)])
            #expect(unknown.errorCode == -32601)
        }
    }

    @Test func servesThe2026EraToo() async throws {
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: Self.handler()) { server in
            let discover = try await Modern.send(server.url, 1, "server/discover")
            #expect(discover.json?["result"]?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "sdk-server")
            let call = try await Modern.call(server.url, 2, tool: "whoami")
            #expect(call.json?["result"]?["resultType"] == "complete")
            #expect(call.json?["result"]?["content"]?.arrayValue?.first?["text"] == "anonymous")
        }
    }
}
