@testable import MCPProxy
import TestSupport
import Testing

@Suite struct StatefulModeTests {
    let config = MCPProxyConfiguration(stateless: false, authentication: .required(AuthProbe().authenticator), drainTimeout: .milliseconds(300), keepAliveInterval: .seconds(60))
    let alice = [HTTP.bearer("alice-token")]
    let bob = [HTTP.bearer("bob-token")]

    func open(_ server: TestServer) async throws -> String {
        let reply = try await HTTP.rpc(server.url, RPC.initialize, headers: alice)
        #expect(reply.status == 200)
        let id = try #require(reply.header("Mcp-Session-Id"))
        #expect(id.count == 64)
        #expect(id.allSatisfy { $0.isHexDigit })
        return id
    }

    @Test func initializeIssuesARandomSessionThatLaterRequestsUse() async throws {
        try await withServer(config) { server in
            let first = try await open(server)
            let second = try await open(server)
            #expect(first != second)
            let list = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", first)])
            #expect(list.status == 200)
            #expect(list.json?["result"]?["tools"]?.arrayValue?.count == 3)
            #expect(server.server.sessions.count == 2)
        }
    }

    @Test func sessionRules() async throws {
        try await withServer(config) { server in
            let id = try await open(server)
            let missing = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice)
            #expect(missing.status == 400)
            #expect(missing.errorMessage == "Bad Request: Mcp-Session-Id header is required")
            let unknown = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", "nope")])
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == -32001)
            let stolen = try await HTTP.rpc(server.url, RPC.toolsList, headers: bob + [("Mcp-Session-Id", id)])
            #expect(stolen.status == 403)
            #expect(stolen.errorCode == -32000)
            #expect(stolen.errorMessage == "Forbidden: session belongs to another subject")
            let methodNotAllowed = try await HTTP.send(.PUT, server.url, headers: alice)
            #expect(methodNotAllowed.status == 405)
            #expect(methodNotAllowed.header("Allow") == "GET, POST, DELETE")
        }
    }

    @Test func deleteEndsTheSession() async throws {
        try await withServer(config) { server in
            let id = try await open(server)
            let bobDelete = try await HTTP.send(.DELETE, server.url, headers: bob + [("Mcp-Session-Id", id)])
            #expect(bobDelete.status == 403)
            let delete = try await HTTP.send(.DELETE, server.url, headers: alice + [("Mcp-Session-Id", id)])
            #expect(delete.status == 204)
            let after = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
            #expect(after.status == 404)
            #expect(server.server.sessions.count == 0)
        }
    }

    @Test func getStreamDeliversEventsAndResumesWithLastEventID() async throws {
        try await withServer(config) { server in
            let id = try await open(server)
            let headers = alice + [("Mcp-Session-Id", id), ("Accept", "text/event-stream")]
            var stream = try await SSEStream.open(server.url, headers: headers)
            #expect(stream.status == 200)
            #expect(stream.header("Content-Type") == "text/event-stream")
            _ = try await stream.read(until: ": stream open")
            let session = try #require(server.server.sessions.session(id))
            session.send(JSONRPCNotification(method: "notifications/tools/list_changed"))
            session.send(JSONRPCNotification(method: "notifications/resources/list_changed"))
            let text = try await stream.read(until: "id: 2\n")
            #expect(text.contains("id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"))

            // Reopen (the old stream is replaced, never 409) and resume after event 1.
            var resumed = try await SSEStream.open(server.url, headers: headers + [("Last-Event-ID", "1")])
            #expect(resumed.status == 200)
            let replay = try await resumed.read(until: "id: 2\n")
            #expect(!replay.contains("id: 1\n"))
            #expect(replay.contains("notifications/resources/list_changed"))
        }
    }

    @Test func getStreamSendsKeepAliveComments() async throws {
        let quick = MCPProxyConfiguration(stateless: false, authentication: .required(AuthProbe().authenticator), drainTimeout: .milliseconds(300), keepAliveInterval: .milliseconds(50))
        try await withServer(quick) { server in
            let id = try await open(server)
            var stream = try await SSEStream.open(server.url, headers: alice + [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
            let text = try await stream.read(until: ": keep-alive\n\n")
            #expect(text.hasPrefix(": stream open\n\n"))
            #expect(text.contains(": keep-alive\n\n"))
        }
    }

    @Test func metricsRoutesAreBounded() {
        #expect(MetricsProbe.route("/mcp") == "mcp")
        #expect(MetricsProbe.route("/ready") == "/ready")
        #expect(MetricsProbe.route("/.well-known/oauth-protected-resource/mcp") == "metadata")
        #expect(MetricsProbe.route("/random-\(UInt64.random(in: 0...UInt64.max))") == "other")
    }

    @Test func getNeedsEventStreamAcceptAndAValidSession() async throws {
        try await withServer(config) { server in
            let id = try await open(server)
            let wrongAccept = try await HTTP.send(.GET, server.url, headers: alice + [("Mcp-Session-Id", id), ("Accept", "application/json")])
            #expect(wrongAccept.status == 406)
            let noSession = try await HTTP.send(.GET, server.url, headers: alice + [("Accept", "text/event-stream")])
            #expect(noSession.status == 400)
            let unauthenticated = try await HTTP.send(.GET, server.url, headers: [("Mcp-Session-Id", id), ("Accept", "text/event-stream")])
            #expect(unauthenticated.status == 401)
        }
    }

    @Test func idleSessionsExpire() async throws {
        try await withServer(config) { server in
            let id = try await open(server)
            let store = server.server.sessions
            #expect(try await store.expire(idleLongerThan: .seconds(60)) == 0)
            #expect(try await store.expire(idleLongerThan: .seconds(60), now: .now + .seconds(61)) == 1)
            let after = try await HTTP.rpc(server.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", id)])
            #expect(after.status == 404)
        }
    }

    @Test func failedInitializeCreatesNoSession() async throws {
        try await withServer(config) { server in
            let reply = try await HTTP.rpc(server.url, RPC.initialize)
            #expect(reply.status == 401)
            #expect(reply.header("Mcp-Session-Id") == nil)
            #expect(server.server.sessions.count == 0)
        }
    }

    @Test func eventStoreIsBounded() {
        var store = EventRing(capacity: 3)
        for index in 1...5 { _ = store.append(Array("e\(index)".utf8)) }
        #expect(store.events.count == 3)
        #expect(store.events(after: 2)?.map(\.id) == [3, 4, 5])
        #expect(store.events(after: 4)?.map(\.id) == [5])
        #expect(store.events(after: 5)?.map(\.id) == [])
        #expect(store.events(after: 1) == nil)
        #expect(store.events(after: 9) == nil)
    }
}
