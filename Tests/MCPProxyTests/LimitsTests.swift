@testable import MCPProxy
import NIOCore
import TestSupport
import Synchronization
import Testing

@Suite struct LimitsTests {
    @Test func chunkedBodyOverTheCapIs413WithPacingOn() async throws {
        // Pacing is on, on a clock only this test moves: a loaded machine, where the client's
        // chunk task can wait seconds for a thread, cannot make it cut the body; the cap must.
        let clock = DeadlineClock()
        var configuration = MCPProxyConfiguration(
            stateless: true, authentication: .disabled(), maxBodySize: 1024,
            bodyIdleTimeout: .seconds(10), minBodyRate: 1024, minBodyRateGrace: .seconds(5))
        configuration.bodyPacingClock = clock.now
        try await withServer(configuration) { server in
            let chunks = Array(repeating: String(repeating: " ", count: 512), count: 4) + [RPC.toolsList]
            let reply = try await HTTP.send(.POST, server.url, headers: HTTP.jsonHeaders, chunks: chunks)
            #expect(reply.status == 413)
            #expect(reply.errorMessage == "Payload too large: the limit is 1024 bytes")
            let small = try await HTTP.send(.POST, server.url, headers: HTTP.jsonHeaders, chunks: [RPC.toolsList])
            #expect(small.status == 200)

            // The same server's pacing is live: once the clock moves past the idle timeout, a
            // stalled body is cut. The clock is moved until the reply comes, so it does not
            // matter when the server read the head.
            let head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\""
            let mover = Task {
                while !Task.isCancelled {
                    clock.advance(by: .seconds(11))
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            defer { mover.cancel() }
            let stalled = try await RawHTTP.exchange(port: server.port, head)
            #expect(stalled.closed)
            #expect(stalled.text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(stalled.text)")
            #expect(stalled.text.hasSuffix(#"{"error":{"code":-32000,"message":"Request Timeout: no body bytes for 10 s"},"id":null,"jsonrpc":"2.0"}"#), "\(stalled.text)")
        }
    }

    @Test func hugeDeclaredBodyIsRefusedWithoutReadingItAndTheConnectionCloses() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), maxBodySize: 1024)) { server in
            let head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n"
            let outcome = try await RawHTTP.exchange(port: server.port, head + String(repeating: " ", count: 1000))
            #expect(outcome.closed)
            #expect(outcome.text.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"))
            #expect(outcome.text.lowercased().contains("connection: close\r\n"))
        }
    }

    @Test func smallRefusedBodyKeepsTheConnection() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled())) { server in
            let body = RPC.toolsList
            let refused = "POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            let accepted = "POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            let outcome = try await RawHTTP.exchange(port: server.port, refused + accepted)
            #expect(outcome.text.hasPrefix("HTTP/1.1 415 Unsupported Media Type\r\n"))
            #expect(outcome.text.contains("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test func deadlineAnswersTimedOutAndCancelsTheHandler() async throws {
        let cancelled = OneShotSignal()
        let handler = NativeMCPServer(
            name: "t", version: "1",
            tools: [
                NativeTool(name: "hang", description: "never returns") { _, _ in
                    do {
                        try await Task.sleep(for: .seconds(3600))
                    } catch {
                        cancelled.fire()
                        throw error
                    }
                    return .text("unreachable")
                }
            ])
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), requestTimeout: .milliseconds(200)), handler: handler) { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(11, "hang"))
            #expect(reply.status == 200)
            #expect(reply.body == #"{"error":{"code":-32603,"message":"request timed out"},"id":11,"jsonrpc":"2.0"}"#)
            await cancelled.wait()
        }
    }

    @Test func slowClientsThatSendNoHeadAreDisconnected() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), headerTimeout: .milliseconds(500))) { server in
            let outcome = try await RawHTTP.exchange(port: server.port, "POST /mcp HTTP/1.1\r\nHost: x\r\n", limit: .seconds(20))
            #expect(outcome.closed)
            #expect(outcome.text == "")
        }
    }

    @Test func concurrencyLimitSheds503() async throws {
        let gate = Gate()
        let handler = gate.blockingServer(reply: "released")
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), maxConcurrentRequests: 1), handler: handler) { server in
            async let blocked = HTTP.rpc(server.url, RPC.call(1, "block"))
            await gate.waitForWaiter()
            let shed = try await HTTP.rpc(server.url, RPC.toolsList)
            #expect(shed.status == 503)
            #expect(shed.header("Retry-After") == "1")
            gate.open()
            let first = try await blocked
            #expect(first.status == 200)
            let after = try await HTTP.rpc(server.url, RPC.toolsList)
            #expect(after.status == 200)
        }
    }
}
