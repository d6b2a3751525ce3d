import MCPProxy
import TestSupport
import Testing

@Suite struct SubscriptionsListenTests {
    func open(_ server: TestServer, id: Int, notifications: JSONValue) async throws -> SSEStream {
        var request = HTTPStreamingRequest(url: server.url)
        request.body = Modern.body(id, "subscriptions/listen", params: ["notifications": notifications])
        request.headers = HTTP.jsonHeaders + Modern.headers("subscriptions/listen")
        return try await request.open()
    }

    @Test func acknowledgesTheHonouredSubsetThenDeliversTaggedNotifications() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), keepAliveInterval: .seconds(60))) { server in
            var stream = try await open(server, id: 42, notifications: [
                "toolsListChanged": true, "promptsListChanged": true, "resourceSubscriptions": ["example://readme"],
            ])
            #expect(stream.status == 200)
            #expect(stream.header("Content-Type") == "text/event-stream")
            let ack = try await stream.read(until: "acknowledged")
            #expect(ack.contains(#"data: {"jsonrpc":"2.0","method":"notifications/subscriptions/acknowledged","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":42},"notifications":{"resourceSubscriptions":["example://readme"],"toolsListChanged":true}}}"#))
            #expect(server.server.notifier.listenerCount == 1)

            server.server.notifier.resourcesListChanged()  // not asked for: never delivered
            server.server.notifier.resourceUpdated(uri: "example://other")  // not subscribed
            server.server.notifier.toolsListChanged()
            server.server.notifier.resourceUpdated(uri: "example://readme")
            let text = try await stream.read(until: "resources/updated")
            #expect(text.contains(#"{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":42}}}"#))
            #expect(text.contains(#"{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":42},"uri":"example://readme"}}"#))
            #expect(!text.contains("resources/list_changed"))
            #expect(!text.contains("example://other"))
        }
    }

    @Test func theStreamEndsCleanlyAtShutdown() async throws {
        let server = try await TestServer.start(MCPProxyConfiguration(stateless: true, authentication: .disabled(), keepAliveInterval: .seconds(60)))
        var stream = try await open(server, id: 1, notifications: ["toolsListChanged": true])
        _ = try await stream.read(until: "acknowledged")
        async let stopped: Void = server.stop()
        let rest = try await stream.readToEnd()
        #expect(!rest.contains("error"))
        await stopped
        #expect(server.server.notifier.listenerCount == 0)
    }

    @Test func legacySessionsHearListChangesOnTheirGETStream() async throws {
        let config = MCPProxyConfiguration(stateless: false, authentication: .disabled(), drainTimeout: .milliseconds(300), keepAliveInterval: .seconds(60))
        try await withServer(config) { server in
            let initialize = try await HTTP.rpc(server.url, RPC.initialize)
            let id = try #require(initialize.header("Mcp-Session-Id"))
            var stream = try await SSEStream.open(server.url, headers: [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
            _ = try await stream.read(until: ": stream open")
            server.server.notifier.toolsListChanged()
            let text = try await stream.read(until: "list_changed")
            #expect(text.contains(#"data: {"jsonrpc":"2.0","method":"notifications/tools/list_changed"}"#))
        }
    }

    @Test func listenNeedsAnEventStreamAccept() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled())) { server in
            let reply = try await HTTP.send(
                .POST, server.url, headers: [("Content-Type", "application/json"), ("Accept", "application/json")] + Modern.headers("subscriptions/listen"),
                body: Modern.body(1, "subscriptions/listen", params: ["notifications": [:]]))
            #expect(reply.status == 406)
        }
    }
}
