import HTTPTypes
import Hummingbird
import Logging
import MCPProxy
import NIOCore
import NIOEmbedded
import Synchronization

/// Hands requests to the server's responder directly: every check of the HTTP path runs,
/// only the socket is missing (the peer address is unknown, the `Host` is `localhost`).
struct InProcessTransport<Responder: HTTPResponder<ProxyRequestContext>>: MCPTestTransport {
    let responder: Responder
    let path: String
    let logger: Logger

    func exchange(method: HTTPRequest.Method, headers: HTTPFields, body: [UInt8]) async throws -> MCPTestReply {
        var fields = headers
        if !body.isEmpty { fields[.contentLength] = String(body.count) }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: fields),
            body: RequestBody(buffer: ByteBuffer(bytes: body)))
        let context = ProxyRequestContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let collector = BodyCollector()
        let head = response.head
        try await response.body.write(collector)
        return MCPTestReply(status: Int(head.status.code), headers: head.headerFields, body: collector.text)
    }

    func close() async {}
    func abandon() {}
}

/// Collects a response body as the server writes it.
final class BodyCollector: ResponseBodyWriter, Sendable {
    private let buffer = Mutex(ByteBuffer())

    func write(_ part: ByteBuffer) async throws {
        buffer.withLock { _ = $0.writeImmutableBuffer(part) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}

    var text: String { buffer.withLock { String(buffer: $0) } }
}
