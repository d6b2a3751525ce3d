import AsyncHTTPClient
import MCPProxy
import NIOCore
import NIOHTTP1

/// One HTTP exchange's outcome, for exact assertions.
struct HTTPReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    var json: JSONValue? { try? JSONParser.parse(body) }
    func header(_ name: String) -> String? { headers.first(name: name) }
    func all(_ name: String) -> [String] { headers[name] }
    var errorCode: Int? { json?["error"]?["code"]?.intValue }
    var errorMessage: String? { json?["error"]?["message"]?.stringValue }
}

/// Sends real HTTP requests over loopback with AsyncHTTPClient.
enum HTTP {
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(60))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    static let jsonHeaders: [(String, String)] = [
        ("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"),
    ]

    static func send(
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
    static func rpc(_ url: String, _ body: String, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await send(.POST, url, headers: jsonHeaders + headers, body: body)
    }

    static func bearer(_ token: String) -> (String, String) { ("Authorization", "Bearer \(token)") }
}

/// A finite async sequence of buffers (a chunked request body).
struct AsyncStreamFrom: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let buffers: [ByteBuffer]
    init(_ buffers: [ByteBuffer]) { self.buffers = buffers }
    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: [ByteBuffer]
        mutating func next() async -> ByteBuffer? { remaining.isEmpty ? nil : remaining.removeFirst() }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: buffers) }
}

/// JSON-RPC bodies used across tests.
enum RPC {
    static func request(_ id: Int, _ method: String, _ params: String? = nil) -> String {
        if let params { return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"# }
        return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)"}"#
    }
    static let initialize = request(
        1, "initialize", #"{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}"#)
    static let toolsList = request(2, "tools/list")
    static func call(_ id: Int, _ tool: String, _ arguments: String = "{}") -> String {
        request(id, "tools/call", #"{"name":"\#(tool)","arguments":\#(arguments)}"#)
    }
}
