import AsyncHTTPClient
import MCPProxy
import NIOCore
import NIOHTTP1

/// One HTTP exchange's outcome, for exact assertions.
package struct HTTPReply: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: String

    package var json: JSONValue? { try? JSONParser.parse(body) }
    package func header(_ name: String) -> String? { headers.first(name: name) }
    package func all(_ name: String) -> [String] { headers[name] }
    package var errorCode: Int? { json?["error"]?["code"]?.intValue }
    package var errorMessage: String? { json?["error"]?["message"]?.stringValue }
}

/// Sends real HTTP requests over loopback with AsyncHTTPClient.
package enum HTTP {
    package static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(60))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    package static let jsonHeaders: [(String, String)] = [
        ("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"),
    ]

    package static func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: String? = nil,
        chunks: [String]? = nil
    ) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
        } else if let chunks {
            let buffers = chunks.map { ByteBuffer(string: $0) }
            request.body = .stream(AsyncStreamFrom(buffers), length: .unknown)
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: String(buffer: collected))
    }

    /// A JSON-RPC POST with the usual MCP headers plus `headers`.
    package static func rpc(_ url: String, _ body: String, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await send(.POST, url, headers: jsonHeaders + headers, body: body)
    }

    package static func bearer(_ token: String) -> (String, String) { ("Authorization", "Bearer \(token)") }
}

/// A finite async sequence of buffers (a chunked request body).
package struct AsyncStreamFrom: AsyncSequence, Sendable {
    package typealias Element = ByteBuffer
    package let buffers: [ByteBuffer]
    init(_ buffers: [ByteBuffer]) { self.buffers = buffers }
    package struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: [ByteBuffer]
        package mutating func next() async -> ByteBuffer? { remaining.isEmpty ? nil : remaining.removeFirst() }
    }
    package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: buffers) }
}

/// JSON-RPC bodies used across tests.
package enum RPC {
    package static func request(_ id: Int, _ method: String, _ params: String? = nil) -> String {
        if let params { return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"# }
        return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)"}"#
    }
    package static let initialize = request(
        1, "initialize", #"{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}"#)
    package static let toolsList = request(2, "tools/list")
    package static func call(_ id: Int, _ tool: String, _ arguments: String = "{}") -> String {
        request(id, "tools/call", #"{"name":"\#(tool)","arguments":\#(arguments)}"#)
    }
}
