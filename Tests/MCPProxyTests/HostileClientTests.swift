import Foundation
import MCPProxy
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Hostile clients cannot stall the server: slow unauthenticated bodies take no slot,
/// slow bodies are cut, floods get answers, sessions per subject are bounded, and a
/// shutdown with a handler that never returns still answers and ends.
@Suite struct HostileClientTests {
    /// A raw connection that sends a request head and some body, then holds it open; it writes
    /// when told and collects what the server sends until the server closes.
    final class HeldConnection: Sendable {
        let channel: any Channel
        private let received: Received

        /// What the server sent, collected on the channel's event loop.
        final class Received: ChannelInboundHandler, Sendable {
            typealias InboundIn = ByteBuffer
            let text = Mutex("")

            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                let part = unwrapInboundIn(data)
                text.withLock { $0 += String(buffer: part) }
            }
        }

        init(port: Int, _ text: String) async throws {
            let received = Received()
            self.received = received
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(received) } }
                .connect(host: "127.0.0.1", port: port).get()
            try await write(text)
        }

        /// Writes `text` (fails once the server closed).
        func write(_ text: String) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: text)).get()
        }

        /// Everything the server sends until it closes (or `limit` passes).
        func readToClose(limit: Duration = .seconds(30)) async throws -> String {
            let closed = channel.closeFuture
            let outcome = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try? await closed.get()
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return false
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
            return outcome ? received.text.withLock { $0 } : "(still open after \(limit))"
        }

        func close() {
            channel.close(promise: nil)
        }
    }

    static func chunkedHead(token: String? = nil) -> String {
        let auth = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n\(auth)"
            + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n"
    }

    @Test func slowUnauthenticatedBodiesTakeNoSlotFromAuthenticatedWork() async throws {
        let probe = AuthProbe()
        let config = MCPProxyConfiguration(
            stateless: true, authentication: .required(probe.authenticator), bodyIdleTimeout: nil, minBodyRate: 0, maxConcurrentRequests: 2)
        try await withServer(config) { server in
            var held: [HeldConnection] = []
            for _ in 0..<20 { held.append(try await HeldConnection(port: server.port, Self.chunkedHead())) }
            // Each was refused by authenticate and is now being drained, holding no slot.
            #expect(await eventually { probe.count >= 20 })
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "echo", #"{"text":"served"}"#), headers: [HTTP.bearer("alice-token")])
            #expect(reply.status == 200, "\(reply.body)")
            for connection in held { connection.close() }
        }
    }

    @Test func aStalledBodyIsCutWith408() async throws {
        let config = MCPProxyConfiguration(stateless: true, authentication: .disabled(), bodyIdleTimeout: .milliseconds(300), minBodyRate: 0)
        try await withServer(config) { server in
            let connection = try await HeldConnection(port: server.port, Self.chunkedHead())
            let reply = try await connection.readToClose()
            connection.close()
            #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(reply)")
            #expect(reply.contains("Connection: close") || reply.contains("connection: close"))
            #expect(reply.contains("no body bytes for"))
        }
    }

    @Test func aTricklingBodyIsCutBelowTheMinimumRate() async throws {
        let config = MCPProxyConfiguration(
            stateless: true, authentication: .disabled(), bodyIdleTimeout: .seconds(10), minBodyRate: 1024, minBodyRateGrace: .milliseconds(300))
        try await withServer(config) { server in
            let connection = try await HeldConnection(port: server.port, Self.chunkedHead())
            let trickle = Task {
                while !Task.isCancelled {
                    try? await connection.write("1\r\n \r\n")
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            let reply = try await connection.readToClose()
            trickle.cancel()
            connection.close()
            #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(reply)")
            #expect(reply.contains("slower than 1024 bytes/s"))
        }
    }

    @Test func aFloodGetsAnAnswerForEveryRequest() async throws {
        let config = MCPProxyConfiguration(stateless: true, authentication: .disabled(), maxConcurrentRequests: 8)
        try await withServer(config, handler: ExampleServer.make(slowToolDelay: .milliseconds(50))) { server in
            let body = RPC.call(1, "slow")
            let request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<200 { group.addTask { try await RawHTTP.exchange(port: server.port, request).text } }
                var statuses: [String] = []
                for try await text in group { statuses.append(text) }
                return statuses
            }
            let ok = statuses.filter { $0.hasPrefix("HTTP/1.1 200 ") }.count
            let shed = statuses.filter { $0.hasPrefix("HTTP/1.1 503 ") && $0.lowercased().contains("retry-after: 1") }.count
            #expect(ok + shed == 200, "unanswered: \(statuses.filter { !$0.hasPrefix("HTTP/1.1 200 ") && !$0.hasPrefix("HTTP/1.1 503 ") }.prefix(3))")
            #expect(ok >= 8)
        }
    }

    @Test func oneSubjectCannotHoardSessions() async throws {
        let config = MCPProxyConfiguration(stateless: false, authentication: .required(AuthProbe().authenticator), maxSessionsPerSubject: 2)
        try await withServer(config) { server in
            func open(_ token: String) async throws -> String {
                try #require(try await HTTP.rpc(server.url, RPC.initialize, headers: [HTTP.bearer(token)]).header("Mcp-Session-Id"))
            }
            func ping(_ session: String, _ token: String) async throws -> Int {
                try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer(token), ("Mcp-Session-Id", session)]).status
            }
            let bob = try await open("bob-token")
            let first = try await open("alice-token")
            let second = try await open("alice-token")
            #expect(try await ping(first, "alice-token") == 200)  // now the second is the least recently used
            let third = try await open("alice-token")
            #expect(try await ping(second, "alice-token") == 404)
            #expect(try await ping(first, "alice-token") == 200)
            #expect(try await ping(third, "alice-token") == 200)
            #expect(try await ping(bob, "bob-token") == 200)
            #expect(server.server.sessions.count == 3)
        }
    }

    @Test func shutdownAnswersAHandlerThatNeverReturns() async throws {
        let running = OneShotSignal()
        let release = OneShotSignal()  // fired only after the assertions: the handler ignores cancellation until then
        let stubborn = NativeMCPServer(
            name: "stubborn", version: "1",
            tools: [
                NativeTool(name: "forever", description: "ignores cancellation") { _, _ in
                    running.fire()
                    await release.wait()
                    return .text("unreachable")
                }
            ])
        let server = try await TestServer.start(
            MCPProxyConfiguration(stateless: true, authentication: .disabled(), drainTimeout: .milliseconds(300)), handler: stubborn)
        async let reply = HTTP.rpc(server.url, RPC.call(9, "forever"))
        await running.wait()
        await server.group.triggerGracefulShutdown()
        let answered = try await reply
        #expect(answered.status == 503)
        #expect(answered.header("Retry-After") == "1")
        #expect(answered.json == ["jsonrpc": "2.0", "id": 9, "error": ["code": -32603, "message": "server shutting down"]])
        try await server.task.value  // ends: no fatal error from the service group
        release.fire()
    }
}
