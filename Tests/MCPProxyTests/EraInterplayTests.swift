import MCPProxy
import TestSupport
import Testing

@Suite struct EraInterplayTests {
    @Test(arguments: [true, false])
    func bothErasInterleavedWithoutCrossTalk(stateless: Bool) async throws {
        let config = MCPProxyConfiguration(stateless: stateless, authentication: .required(AuthProbe().authenticator), drainTimeout: .milliseconds(300))
        try await withServer(config) { server in
            var sessionHeaders: [(String, String)] = []
            if !stateless {
                let initialize = try await HTTP.rpc(server.url, RPC.initialize, headers: [HTTP.bearer("alice-token")])
                sessionHeaders = [("Mcp-Session-Id", try #require(initialize.header("Mcp-Session-Id")))]
            }
            let session = sessionHeaders
            try await withThrowingTaskGroup(of: (String, String?, String?).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        if index % 2 == 0 {
                            // 2025 era, alice, on the session when stateful; JSON-RPC id 1 on every request.
                            let reply = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer("alice-token")] + session)
                            return ("alice", reply.json?["result"]?["structuredContent"]?["subject"]?.stringValue, reply.json?["result"]?["resultType"]?.stringValue)
                        } else {
                            // 2026 era, bob, no session; the same id 1.
                            let reply = try await Modern.call(server.url, 1, tool: "whoami", extra: [HTTP.bearer("bob-token")])
                            return ("bob", reply.json?["result"]?["structuredContent"]?["subject"]?.stringValue, reply.json?["result"]?["resultType"]?.stringValue)
                        }
                    }
                }
                for try await (expected, seen, resultType) in group {
                    #expect(seen == expected)
                    #expect(resultType == (expected == "bob" ? "complete" : nil), "only 2026 results carry resultType")
                }
            }
            #expect(server.server.sessions.count == (stateless ? 0 : 1))
        }
    }

    @Test func modernSwitchedOffAnswersAsA2025OnlyServer() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), eras: [.legacy2025])) { server in
            let reply = try await Modern.send(server.url, 1, "server/discover")
            #expect(reply.status == 400)
            #expect(reply.errorMessage == "Bad Request: Unsupported protocol version: 2026-07-28")
            let legacy = try await HTTP.rpc(server.url, RPC.toolsList)
            #expect(legacy.status == 200)
        }
    }

    @Test func legacySwitchedOffAnswersAsA2026OnlyServer() async throws {
        try await withServer(MCPProxyConfiguration(stateless: false, authentication: .disabled(), eras: [.modern2026])) { server in
            let initialize = try await HTTP.rpc(server.url, RPC.initialize, headers: [("MCP-Protocol-Version", "2025-06-18")])
            #expect(initialize.status == 400)
            #expect(initialize.errorCode == -32602)
            #expect(initialize.header("Mcp-Session-Id") == nil)
            let get = try await HTTP.send(.GET, server.url, headers: [("Accept", "text/event-stream")])
            #expect(get.status == 405)
            #expect(get.header("Allow") == "POST")
            let discover = try await Modern.send(server.url, 2, "server/discover")
            #expect(discover.json?["result"]?["supportedVersions"] == ["2026-07-28"])
        }
    }
}
