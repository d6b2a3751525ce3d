import MCPProxy
import TestSupport
import Testing

@Suite struct StreamingTests {
    @Test func progressTurnsTheReplyIntoAnEventStream() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make(slowToolDelay: .milliseconds(10))) { server in
            let body = #"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"slow","arguments":{},"_meta":{"progressToken":"p1"}}}"#
            let reply = try await HTTP.rpc(server.url, body)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/event-stream")
            let events = reply.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.count == 3)
            #expect(events[0] == #"event: message"# + "\n" + #"data: {"jsonrpc":"2.0","method":"notifications/progress","params":{"message":"started","progress":0,"progressToken":"p1","total":1}}"#)
            #expect(events[1].contains(#""progress":1"#))
            #expect(events[2] == "event: message\n" + #"data: {"id":5,"jsonrpc":"2.0","result":{"content":[{"text":"done","type":"text"}],"isError":false}}"#)
        }
    }

    @Test func jsonOnlyClientsGetJSONWithoutTheNotifications() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make(slowToolDelay: .milliseconds(10))) { server in
            let body = #"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"slow","arguments":{},"_meta":{"progressToken":"p1"}}}"#
            let reply = try await HTTP.send(.POST, server.url, headers: [("Content-Type", "application/json"), ("Accept", "application/json")], body: body)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.json?["result"]?["content"]?.arrayValue?.first?["text"] == "done")
        }
    }

    @Test func noProgressTokenMeansPlainJSON() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make(slowToolDelay: .milliseconds(10))) { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(5, "slow"))
            #expect(reply.header("Content-Type") == "application/json")
        }
    }
}
