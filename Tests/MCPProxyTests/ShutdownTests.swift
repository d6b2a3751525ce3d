import MCPProxy
import TestSupport
import Testing

@Suite struct ShutdownTests {
    @Test func inFlightRequestFinishesAndReadyDrains() async throws {
        let gate = Gate()
        let handler = gate.blockingServer(reply: "finished after shutdown began")
        let server = try await TestServer.start(MCPProxyConfiguration(stateless: true, authentication: .disabled(), drainTimeout: .seconds(30)), handler: handler)
        async let inFlight = HTTP.rpc(server.url, RPC.call(1, "block"))
        await gate.waitForWaiter()
        async let stopped: Void = server.stop()
        // The listener closes: a new connection is refused.
        var refused = false
        for _ in 0..<200 where !refused {
            do {
                _ = try await RawHTTP.exchange(port: server.port, "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", limit: .seconds(2))
                await Task.yield()
            } catch {
                refused = true
            }
        }
        #expect(refused)
        gate.open()
        let reply = try await inFlight
        #expect(reply.status == 200)
        #expect(reply.json?["result"]?["content"]?.arrayValue?.first?["text"] == "finished after shutdown began")
        await stopped
    }
}

@Suite struct ReadinessTests {
    @Test func readyIs503WhileDraining() async throws {
        let server = MCPProxyServer(configuration: MCPProxyConfiguration(stateless: false, authentication: .disabled()), handler: ExampleServer.make())
        let routes = HealthRoutesProbe(server: server)
        #expect(try await routes.ready().status == 200)
        server.beginDrainingForTesting()
        let draining = try await routes.ready()
        #expect(draining.status == 503)
        #expect(draining.body == #"{"mode":"stateful","sessions":0,"status":"draining"}"#)
    }
}
