import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
@testable import MCPProxy
import TestSupport

/// Calls the health routes of a server without a socket (for states a socket cannot reach).
struct HealthRoutesProbe {
    let server: MCPProxyServer

    func ready() async throws -> (status: Int, body: String) {
        let routes = HealthRoutes(stateless: server.configuration.stateless, sessions: server.sessions, drain: server.drain)
        let response = routes.respond(path: "/ready", method: .get)!
        let sink = BodySink()
        try await response.body.write(sink.writer())
        return (response.status.code, sink.text)
    }
}

/// Collects a response body written through `ResponseBodyWriter`.
final class BodySink: Sendable {
    private let buffer = Mutex(ByteBuffer())

    var text: String { buffer.withLock { String(buffer: $0) } }

    func writer() -> some ResponseBodyWriter { Writer(sink: self) }

    private struct Writer: ResponseBodyWriter {
        let sink: BodySink
        mutating func write(_ part: ByteBuffer) async throws {
            var part = part
            sink.buffer.withLock { _ = $0.writeBuffer(&part) }
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

extension MCPProxyServer {
    func beginDrainingForTesting() { drain.beginDraining() }
}
