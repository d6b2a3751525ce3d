import AsyncHTTPClient
import MCPCore
import NIOCore
import NIOHTTP1

/// Talks to the server under test. Cases use it; it knows nothing of any server's internals.
public final class Probe: Sendable {
    public let configuration: AcceptanceConfiguration
    let client: HTTPClient
    /// Whether the server answered a 2025-era `initialize`, and a 2026 `server/discover`.
    public let speaksLegacy: Bool
    public let speaksModern: Bool
    /// Tool names the server lists (valid token), when it lists any.
    public let toolNames: [String]

    init(configuration: AcceptanceConfiguration, client: HTTPClient, speaksLegacy: Bool, speaksModern: Bool, toolNames: [String]) {
        self.configuration = configuration
        self.client = client
        self.speaksLegacy = speaksLegacy
        self.speaksModern = speaksModern
        self.toolNames = toolNames
    }

    /// The era cases may use for ordinary requests: 2025 when spoken and selected, else 2026.
    public var prefersLegacy: Bool { speaksLegacy && configuration.eras != .modern }

    // MARK: Raw HTTP

    /// Sends one request; connection failures throw.
    public func send(_ method: String, url: String? = nil, headers: [(String, String)] = [], body: String? = nil) async throws -> Exchange {
        let target = url ?? configuration.endpoint
        var request = HTTPClientRequest(url: target)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(configuration.timeout.components.seconds) * 1_000_000_000))
        let collected = try await response.body.collect(upTo: 4 * 1024 * 1024)
        var merged: [String: String] = [:]
        for (name, value) in response.headers {
            let key = name.lowercased()
            merged[key] = merged[key].map { "\($0), \(value)" } ?? value
        }
        return Exchange(
            method: method, url: target, requestHeaders: headers, requestBody: body, status: Int(response.status.code),
            headers: merged, body: String(buffer: collected))
    }

    // MARK: MCP helpers

    /// `Authorization` for `token` (none for `nil`).
    public func auth(_ token: String?) -> [(String, String)] {
        token.map { [("Authorization", "Bearer \($0)")] } ?? []
    }

    static let jsonHeaders = [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")]

    /// A 2025-era POST of `body`, optionally on a session.
    public func legacyPost(_ body: String, token: String?, session: String? = nil, extra: [(String, String)] = []) async throws -> Exchange {
        var headers = Self.jsonHeaders + auth(token) + [("MCP-Protocol-Version", "2025-06-18")] + extra
        if let session { headers.append(("Mcp-Session-Id", session)) }
        return try await send("POST", headers: headers, body: body)
    }

    /// A 2026-07-28 POST: `_meta` envelope and matching routing headers.
    public func modernPost(_ id: Int, _ method: String, params: [String: JSONValue] = [:], name: String? = nil, token: String?, extra: [(String, String)] = []) async throws -> Exchange {
        var params = params
        params["_meta"] = [
            MetaKey.protocolVersion: "2026-07-28", MetaKey.clientCapabilities: [:],
            MetaKey.clientInfo: ["name": "mcp-acceptance", "version": "1"],
        ]
        let body = JSONWriter.string(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)])
        var headers = Self.jsonHeaders + auth(token) + [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", method)] + extra
        if let name { headers.append(("Mcp-Name", HeaderValueCodec.encode(name))) }
        return try await send("POST", headers: headers, body: body)
    }

    static func request(_ id: Int, _ method: String, _ params: JSONValue? = nil) -> String {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        return JSONWriter.string(.object(message))
    }

    static let initializeBody = request(
        1, "initialize", ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "mcp-acceptance", "version": "1"]])

    /// A 2025-era `initialize` (plus `notifications/initialized` when a session was issued).
    public func initialize(token: String?) async throws -> (Exchange, session: String?) {
        let exchange = try await legacyPost(Self.initializeBody, token: token)
        let session = exchange.header("mcp-session-id")
        if exchange.status == 200, let session {
            _ = try? await legacyPost(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, token: token, session: session)
        }
        return (exchange, session)
    }

    /// An ordinary request in the preferred era. In the 2025 era it follows a fresh
    /// `initialize` and uses the session when the server issues one, so that only the
    /// `stateless.*` cases judge the server's mode.
    public func call(_ id: Int, _ method: String, params: JSONValue? = nil, name: String? = nil, token: String?) async throws -> Exchange {
        if prefersLegacy {
            let session = try await initialize(token: token).session
            return try await legacyPost(Self.request(id, method, params), token: token, session: session)
        }
        return try await modernPost(id, method, params: params?.objectValue ?? [:], name: name, token: token)
    }
}
