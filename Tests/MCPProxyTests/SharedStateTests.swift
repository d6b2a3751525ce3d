import MCPProxy
import TestSupport
import Testing

/// Three servers in one process sharing one ``MCPSharedState``: what replicas behind a
/// balancer see through a shared store, here through the in-memory parts.
@Suite struct SharedStateTests {
    static let touch = NativeTool(
        name: "touch", description: "Announces that a resource changed.",
        inputSchema: ["type": "object", "properties": ["uri": ["type": "string"]], "required": ["uri"]]
    ) { arguments, context in
        guard let notifier = context.notifier else { return .error("no notifier in the context") }
        try await notifier.deliver(.resourceUpdated(uri: arguments["uri"]?.stringValue ?? ""))
        return .text("touched")
    }

    static var handler: NativeMCPServer {
        NativeMCPServer(name: "shared", version: "1", tools: [ExampleServer.echo, touch], resources: [ExampleServer.readme], announcesListChanges: true)
    }

    let alice = [HTTP.bearer("alice-token")]

    /// Runs `body` with three replicas sharing `shared`; stops them all.
    func withReplicas(
        stateless: Bool, shared: MCPSharedState = .inMemory(), _ body: ([TestServer]) async throws -> Void
    ) async throws {
        let configuration = MCPProxyConfiguration(
            stateless: stateless, authentication: .required(AuthProbe().authenticator), drainTimeout: .milliseconds(300),
            keepAliveInterval: .seconds(60), sharedState: shared)
        var replicas: [TestServer] = []
        do {
            for _ in 0..<3 { replicas.append(try await TestServer.start(configuration, handler: Self.handler)) }
            try await body(replicas)
        } catch {
            for replica in replicas { await replica.stop() }
            throw error
        }
        for replica in replicas { await replica.stop() }
    }

    func listen(_ server: TestServer, notifications: JSONValue) async throws -> SSEStream {
        var request = HTTPStreamingRequest(url: server.url)
        request.body = Modern.body(7, "subscriptions/listen", params: ["notifications": notifications])
        request.headers = HTTP.jsonHeaders + Modern.headers("subscriptions/listen") + alice
        return try await request.open()
    }

    func initialize(_ server: TestServer, _ token: String = "alice-token") async throws -> String {
        try #require(try await HTTP.rpc(server.url, RPC.initialize, headers: [HTTP.bearer(token)]).header("Mcp-Session-Id"))
    }

    @Test func aListenStreamHearsAToolCallOnAnotherReplica() async throws {
        try await withReplicas(stateless: true) { replicas in
            var stream = try await listen(replicas[0], notifications: ["resourceSubscriptions": ["example://readme"]])
            _ = try await stream.read(until: "acknowledged")
            let call = try await Modern.call(replicas[1].url, 3, tool: "touch", arguments: ["uri": "example://readme"], extra: alice)
            #expect(call.status == 200)
            #expect(call.body.contains("touched"))
            let text = try await stream.read(until: "resources/updated")
            #expect(text.contains(#"{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":7},"uri":"example://readme"}}"#))
        }
    }

    @Test func aGETStreamHearsAListChangePublishedOnAnotherReplica() async throws {
        try await withReplicas(stateless: false) { replicas in
            let id = try await initialize(replicas[0])
            var stream = try await SSEStream.open(replicas[0].url, headers: alice + [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
            _ = try await stream.read(until: ": stream open")
            try await replicas[2].server.notifier.deliver(.toolsListChanged)
            let text = try await stream.read(until: "list_changed")
            #expect(text.contains("id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"))
        }
    }

    @Test func aSessionCreatedOnOneReplicaIsServedOnEveryOneAndEndsEverywhere() async throws {
        try await withReplicas(stateless: false) { replicas in
            let id = try await initialize(replicas[0])
            for replica in replicas {
                let list = try await HTTP.rpc(replica.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
                #expect(list.status == 200)
                #expect(list.body.contains("\"touch\""))
                let call = try await HTTP.rpc(replica.url, RPC.call(3, "echo", #"{"text":"hi"}"#), headers: alice + [("Mcp-Session-Id", id)])
                #expect(call.status == 200)
                #expect(call.body.contains("hi"))
                let stolen = try await HTTP.rpc(replica.url, RPC.toolsList, headers: [HTTP.bearer("bob-token"), ("Mcp-Session-Id", id)])
                #expect(stolen.status == 403)
            }
            var stream = try await SSEStream.open(replicas[0].url, headers: alice + [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
            _ = try await stream.read(until: ": stream open")

            let delete = try await HTTP.send(.DELETE, replicas[2].url, headers: alice + [("Mcp-Session-Id", id)])
            #expect(delete.status == 204)
            _ = try await stream.readToEnd()  // the GET stream on the first replica ends
            for replica in replicas {
                let after = try await HTTP.rpc(replica.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
                #expect(after.status == 404)
                #expect(replica.server.sessions.session(id) == nil)
            }
        }
    }

    static func message(_ text: String) -> JSONRPCNotification {
        JSONRPCNotification(method: "notifications/message", params: ["level": "info", "data": .string(text)])
    }

    func stream(_ server: TestServer, _ id: String, lastEventID: Int? = nil) async throws -> SSEStream {
        try await SSEStream.session(server.url, id: id, headers: alice, lastEventID: lastEventID)
    }

    /// The session as `server` holds it, after a request there brought it into its cache.
    func held(_ server: TestServer, _ id: String) async throws -> Session {
        let list = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
        #expect(list.status == 200)
        return try #require(server.server.sessions.session(id))
    }

    @Test func aSessionsEventsReachItsStreamFromEveryReplicaAndAListChangeOnce() async throws {
        try await withReplicas(stateless: false) { replicas in
            let id = try await initialize(replicas[0])
            var sessions: [Session] = []
            for replica in replicas { sessions.append(try await held(replica, id)) }
            var stream = try await stream(replicas[0], id)

            sessions[1].send(Self.message("from the second replica"))
            _ = try await stream.read(until: "from the second replica")
            // All three replicas hold the session and deliver the change to it: it is stored once.
            try await replicas[2].server.notifier.deliver(.toolsListChanged)
            _ = try await stream.read(until: "list_changed")
            for (index, session) in sessions.enumerated() { session.send(Self.message("marker \(index)")) }
            var text = ""
            for index in 0..<3 { text = try await stream.read(until: "marker \(index)") }
            #expect(text.components(separatedBy: "notifications/tools/list_changed").count == 2, "\(text)")
            #expect(text.contains("id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"from the second replica\",\"level\":\"info\"}}\n\n"))
            #expect(text.contains("id: 2\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"))
            let ids = text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0) }
            #expect(ids == ["id: 1", "id: 2", "id: 3", "id: 4", "id: 5"])
        }
    }

    @Test func aStreamCutByItsReplicaStoppingResumesOnAnotherWithEveryEventOnce() async throws {
        try await withReplicas(stateless: false) { replicas in
            let id = try await initialize(replicas[0])
            var first = try await stream(replicas[0], id)
            try #require(replicas[0].server.sessions.session(id)).send(Self.message("one"))
            _ = try await first.read(until: "one")

            await replicas[0].stop()
            let cut = try await first.readToEnd()
            #expect(!cut.contains("two"))
            let onB = try await held(replicas[1], id)
            onB.send(Self.message("two"))
            onB.send(Self.message("three"))

            var resumed = try await stream(replicas[2], id, lastEventID: 1)
            let text = try await resumed.read(until: "three")
            onB.send(Self.message("four"))
            let all = try await resumed.read(until: "four")
            #expect(!all.contains("\"one\""))
            for (number, word) in [(2, "two"), (3, "three"), (4, "four")] {
                #expect(all.components(separatedBy: "\"data\":\"\(word)\"").count == 2, "\(word) once: \(all)")
                #expect(all.contains("id: \(number)\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"\(word)\""))
            }
            #expect(text.contains("three"))
        }
    }
}
