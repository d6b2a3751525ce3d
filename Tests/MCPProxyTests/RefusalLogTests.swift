@testable import MCPProxy
import Synchronization
import Testing
import TestSupport

/// A refused `Origin` or `Host` is logged with the setting that would allow it, escaped, once per
/// value per minute with a count of the rest.
@Suite struct RefusalLogTests {
    @Test func oncePerValuePerMinuteWithACountAndEscaped() {
        let capture = LogCapture()
        let now = Mutex(ContinuousClock.now)
        let log = RefusalLog(logger: capture.logger, clock: { now.withLock { $0 } })
        for _ in 0..<5 { log.refused(.origin, "https://evil.example") }
        log.refused(.host, "rebound.example\u{1b}[31m")
        now.withLock { $0 += .seconds(61) }
        log.refused(.origin, "https://evil.example")
        #expect(capture.messages(at: .warning) == [
            #"403 origin not allowed: Origin "https://evil.example"; to allow it, add it to MCPProxyConfiguration.allowedOrigins (CLI: --allow-origin; FastMCP: .httpStream(allowedOrigins:))"#,
            #"403 host not allowed: Host "rebound.example\u001b[31m"; to allow it, add it to MCPProxyConfiguration.allowedHosts (CLI: --allowed-host)"#,
            #"403 origin not allowed: Origin "https://evil.example"; to allow it, add it to MCPProxyConfiguration.allowedOrigins (CLI: --allow-origin; FastMCP: .httpStream(allowedOrigins:)) (4 more refused in the minute before this line)"#,
        ])
    }

    @Test func theServerLogsAForeignOriginAndAForeignHost() async throws {
        let capture = LogCapture()
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(port: 0, stateless: true, authentication: .disabled()), handler: ExampleServer.make(),
            logger: capture.logger)
        let running = try await TestServer.start(server)
        let origin = try await HTTP.rpc(running.url, RPC.toolsList, headers: [("Origin", "https://evil.example")])
        let host = try await RawHTTP.exchange(
            port: running.port, "POST /mcp HTTP/1.1\r\nHost: rebound.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        await running.stop()
        #expect(origin.status == 403)
        #expect(host.text.hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
        let warnings = capture.messages(at: .warning)
        #expect(warnings.contains { $0.hasPrefix(#"403 origin not allowed: Origin "https://evil.example"; to allow it, add it to MCPProxyConfiguration.allowedOrigins"#) }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix(#"403 host not allowed: Host "rebound.example"; to allow it"#) }, "\(warnings)")
    }
}
