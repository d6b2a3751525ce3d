import MCPProxy
import TestSupport
import Testing

@Suite struct StatelessModeTests {
    let config = MCPProxyConfiguration(stateless: true, authentication: .required(AuthProbe().authenticator))
    let token = [HTTP.bearer("alice-token")]

    @Test func noSessionIsIssuedAndInitializeIsStillAnswered() async throws {
        try await withServer(config) { server in
            let reply = try await HTTP.rpc(server.url, RPC.initialize, headers: token)
            #expect(reply.status == 200)
            #expect(reply.header("Mcp-Session-Id") == nil)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.json?["result"]?["protocolVersion"] == "2025-06-18")
            #expect(reply.json?["result"]?["serverInfo"]?["name"] == "mcp-example")
            #expect(server.server.sessions.count == 0)
        }
    }

    @Test func toolsWorkWithoutInitializeAndClientSessionIdsAreIgnored() async throws {
        try await withServer(config) { server in
            let list = try await HTTP.rpc(server.url, RPC.toolsList, headers: token + [("Mcp-Session-Id", "made-up")])
            #expect(list.status == 200)
            #expect(list.header("Mcp-Session-Id") == nil)
            let names = list.json?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["echo", "add", "whoami"])
            let add = try await HTTP.rpc(server.url, RPC.call(3, "add", #"{"a":2,"b":40}"#), headers: token)
            #expect(add.body == #"{"id":3,"jsonrpc":"2.0","result":{"content":[{"text":"42","type":"text"}],"isError":false,"structuredContent":{"sum":42}}}"#)
        }
    }

    @Test func getAndDeleteAreNotAllowed() async throws {
        try await withServer(config) { server in
            for method in [HTTPMethodName.GET, .DELETE] {
                let reply = try await HTTP.send(method.nio, server.url, headers: token + [("Accept", "text/event-stream")])
                #expect(reply.status == 405)
                #expect(reply.header("Allow") == "POST")
            }
        }
    }

    @Test func notificationsAndResponsesGet202WithoutBody() async throws {
        try await withServer(config) { server in
            let notification = try await HTTP.rpc(server.url, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, headers: token)
            #expect(notification.status == 202)
            #expect(notification.body == "")
            let response = try await HTTP.rpc(server.url, #"{"jsonrpc":"2.0","id":"s-1","result":{}}"#, headers: token)
            #expect(response.status == 202)
            #expect(response.body == "")
        }
    }

    @Test func pingIsAnswered() async throws {
        try await withServer(config) { server in
            let reply = try await HTTP.rpc(server.url, RPC.request(9, "ping"), headers: token)
            #expect(reply.body == #"{"id":9,"jsonrpc":"2.0","result":{}}"#)
        }
    }

    @Test func handlerErrorsAreJSONRPCErrors() async throws {
        try await withServer(config) { server in
            let unknownMethod = try await HTTP.rpc(server.url, RPC.request(4, "no/such"), headers: token)
            #expect(unknownMethod.status == 200)
            #expect(unknownMethod.errorCode == -32601)
            let unknownTool = try await HTTP.rpc(server.url, RPC.call(5, "nope"), headers: token)
            #expect(unknownTool.errorCode == -32602)
            let badArguments = try await HTTP.rpc(server.url, RPC.call(6, "add", #"{"a":"x"}"#), headers: token)
            #expect(badArguments.json?["result"]?["isError"] == true)
            let resource = try await HTTP.rpc(server.url, RPC.request(7, "resources/read", #"{"uri":"example://readme"}"#), headers: token)
            #expect(resource.json?["result"]?["contents"]?.arrayValue?.first?["mimeType"] == "text/markdown")
        }
    }

    @Test func nothingIsKeptBetweenRequests() async throws {
        try await withServer(config) { server in
            for id in 0..<50 {
                let reply = try await HTTP.rpc(server.url, id % 2 == 0 ? RPC.initialize : RPC.toolsList, headers: token)
                #expect(reply.status == 200)
            }
            #expect(server.server.sessions.count == 0)
            let ready = try await HTTP.send(.GET, server.base + "/ready")
            #expect(ready.body == #"{"mode":"stateless","sessions":0,"status":"ready"}"#)
        }
    }
}

