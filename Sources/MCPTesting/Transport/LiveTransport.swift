import AsyncHTTPClient
import HTTPTypes
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Talks HTTP to a server this client started on a loopback port, with a bearer token.
struct LiveTransport: MCPTestTransport {
    let url: String
    let token: String?
    /// The group running the server; shut down gracefully by ``close()``.
    let group: ServiceGroup
    let server: Task<Void, any Error>
    /// Replies larger than this are refused (a test server answering endlessly is a bug).
    static let replyLimit = 64 * 1024 * 1024

    func exchange(method: HTTPRequest.Method, headers: HTTPFields, body: [UInt8]) async throws -> MCPTestReply {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method.rawValue)
        for field in headers { request.headers.add(name: field.name.rawName, value: field.value) }
        if let token, headers[.authorization] == nil { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: Self.replyLimit)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return MCPTestReply(status: Int(response.status.code), headers: fields, body: String(buffer: bytes))
    }

    func close() async {
        await group.triggerGracefulShutdown()
        _ = try? await server.value
    }

    func abandon() {
        let group = self.group
        Task { await group.triggerGracefulShutdown() }
    }
}
