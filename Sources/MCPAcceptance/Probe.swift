import AsyncHTTPClient
import MCPCore
import NIOCore
import NIOHTTP1
import Synchronization

/// Talks to the server under test. Cases use it; it knows nothing of any server's internals.
public final class Probe: Sendable {
    /// What the run is configured with.
    public let configuration: AcceptanceConfiguration
    let client: HTTPClient
    /// What the run learnt before the cases.
    public let detection: Detection

    init(configuration: AcceptanceConfiguration, client: HTTPClient, detection: Detection) {
        self.configuration = configuration
        self.client = client
        self.detection = detection
    }

    /// Whether the server answered a 2025-era `initialize`.
    public var speaksLegacy: Bool { detection.speaksLegacy }
    /// Whether the server answered a 2026 `server/discover`.
    public var speaksModern: Bool { detection.speaksModern }
    /// Tool names the server lists (valid token), when it lists any.
    public var toolNames: [String] { detection.toolNames ?? [] }

    /// The era cases may use for ordinary requests: 2025 when spoken and selected, else 2026.
    public var prefersLegacy: Bool { speaksLegacy && configuration.eras != .modern }

    /// The evidence this run saw that a skipped case's precondition holds (`nil`: none, so
    /// the skip does not count against the run).
    public func evidence(for precondition: Skip.Precondition) -> String? {
        switch precondition {
        case .token: return detection.bearerChallenge.map { "the server sent a Bearer challenge (\($0))" }
        case .legacyEra: return detection.legacyHidden
        case .modernEra: return detection.modernHidden
        case .identityTool: return configuration.identityTool.map { "--identity-tool \($0) was named" }
        case .secondToken, .notSelected, .modernOnlyServer: return nil
        }
    }

    // MARK: Raw HTTP

    /// Sends one request and reads the whole response within ``AcceptanceConfiguration/timeout``
    /// (head and body: an endless stream or a trickle is cut). Failures throw ``ExchangeFailure``
    /// carrying the request and whatever part of the response arrived.
    public func send(_ method: String, url: String? = nil, headers: [(String, String)] = [], body: String? = nil) async throws -> Exchange {
        let target = url ?? configuration.endpoint
        let described = Exchange.describe(method: method, url: target, headers: headers, body: body)
        let partial = PartialResponse()
        let timeout = configuration.timeout
        do {
            return try await withThrowingTaskGroup(of: Exchange?.self) { group in
                group.addTask { [client] in
                    var request = HTTPClientRequest(url: target)
                    request.method = HTTPMethod(rawValue: method)
                    for (name, value) in headers { request.headers.add(name: name, value: value) }
                    if let body { request.body = .bytes(ByteBuffer(string: body)) }
                    let response = try await client.execute(request, timeout: .nanoseconds(timeout.saturatingNanoseconds))
                    var merged: [String: String] = [:]
                    for (name, value) in response.headers {
                        let key = name.lowercased()
                        merged[key] = merged[key].map { "\($0), \(value)" } ?? value
                    }
                    partial.record(
                        head: Exchange(
                            method: method, url: target, requestHeaders: headers, requestBody: body, status: Int(response.status.code), headers: merged,
                            body: ""))
                    for try await chunk in response.body {
                        guard partial.append(chunk, limit: Self.bodyLimit) else {
                            throw ExchangeFailure(request: described, reason: "the response body is larger than \(Self.bodyLimit) bytes", partial: partial.current)
                        }
                    }
                    return partial.current
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                if let first { return first }
                let seconds = timeout.components.seconds
                let reason = partial.current == nil
                    ? "no response head within \(seconds) s (--timeout)"
                    : "the response did not end within \(seconds) s (--timeout): an endless stream or a trickling body"
                throw ExchangeFailure(request: described, reason: reason, partial: partial.current)
            }
        } catch let failure as ExchangeFailure {
            throw failure
        } catch {
            if let io = error as? IOError {
                throw ExchangeFailure(request: described, reason: ConnectionFailure.message(url: target, errno: io.errnoCode), partial: partial.current)
            }
            throw ExchangeFailure(request: described, reason: "request failed: \(error)", partial: partial.current)
        }
    }

    /// The largest response body read (bigger ones fail the exchange).
    static let bodyLimit = 4 * 1024 * 1024

    // MARK: MCP helpers

    /// `Authorization` for `token` (none for `nil`).
    public func auth(_ token: String?) -> [(String, String)] {
        token.map { [("Authorization", "Bearer \($0)")] } ?? []
    }

    static let jsonHeaders = [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")]

    /// A 2025-era POST of `body`, optionally on a session.
    public func legacyPost(_ body: String, token: String?, session: String? = nil, extra: [(String, String)] = []) async throws -> Exchange {
        let request = legacyRequest(body, token: token, session: session, extra: extra)
        return try await send("POST", headers: request.headers, body: request.body)
    }

    /// The headers and body of a 2025-era POST of `body` (what ``legacyPost(_:token:session:extra:)``
    /// sends), for a client other than this one to send: a browser, say.
    public func legacyRequest(_ body: String, token: String?, session: String? = nil, extra: [(String, String)] = []) -> (headers: [(String, String)], body: String) {
        var headers = Self.jsonHeaders + auth(token) + [("MCP-Protocol-Version", "2025-06-18")] + extra
        if let session { headers.append(("Mcp-Session-Id", session)) }
        return (headers, body)
    }

    /// A 2026-07-28 POST: `_meta` envelope and matching routing headers.
    public func modernPost(_ id: Int, _ method: String, params: [String: JSONValue] = [:], name: String? = nil, token: String?, extra: [(String, String)] = []) async throws -> Exchange {
        let request = modernRequest(id, method, params: params, name: name, token: token, extra: extra)
        return try await send("POST", headers: request.headers, body: request.body)
    }

    /// The headers and body of a 2026-07-28 POST (what ``modernPost(_:_:params:name:token:extra:)``
    /// sends), for a client other than this one to send.
    public func modernRequest(_ id: Int, _ method: String, params: [String: JSONValue] = [:], name: String? = nil, token: String?, extra: [(String, String)] = []) -> (headers: [(String, String)], body: String) {
        var params = params
        var meta = params["_meta"]?.objectValue ?? [:]  // a caller's _meta (a progressToken, say) is kept
        meta[MetaKey.protocolVersion] = "2026-07-28"
        meta[MetaKey.clientCapabilities] = [:]
        meta[MetaKey.clientInfo] = ["name": "mcp-acceptance", "version": .string(PackageVersion.current)]
        params["_meta"] = .object(meta)
        let body = JSONWriter.string(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)])
        var headers = Self.jsonHeaders + auth(token) + [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", method)] + extra
        if let name { headers.append(("Mcp-Name", HeaderValueCodec.encode(name))) }
        return (headers, body)
    }

    /// A notification in the preferred era (after a fresh `initialize`, on its session, in the
    /// 2025 era), with the valid token.
    public func notify(_ method: String, params: [String: JSONValue]) async throws -> Exchange {
        let token = configuration.token
        if prefersLegacy {
            let session = try await initialize(token: token).session
            let body = JSONWriter.string(["jsonrpc": "2.0", "method": .string(method), "params": .object(params)])
            return try await legacyPost(body, token: token, session: session)
        }
        var params = params
        params["_meta"] = [MetaKey.protocolVersion: "2026-07-28", MetaKey.clientCapabilities: [:], MetaKey.clientInfo: ["name": "mcp-acceptance", "version": .string(PackageVersion.current)]]
        let body = JSONWriter.string(["jsonrpc": "2.0", "method": .string(method), "params": .object(params)])
        return try await send("POST", headers: Self.jsonHeaders + auth(token) + [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", method)], body: body)
    }

    static func request(_ id: Int, _ method: String, _ params: JSONValue? = nil) -> String {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        return JSONWriter.string(.object(message))
    }

    /// A 2025-era `initialize` request with id 1, as the suite sends it.
    public static let initializeBody = request(
        1, "initialize", ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "mcp-acceptance", "version": .string(PackageVersion.current)]])

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

/// The part of a response that has arrived so far, shared between the reading task and
/// the timer that may cut it.
final class PartialResponse: Sendable {
    private let state = Mutex<(head: Exchange?, body: ByteBuffer)>((nil, ByteBuffer()))

    /// The status and headers, once they arrive.
    func record(head: Exchange) { state.withLock { $0.head = head } }

    /// Adds a body chunk; false when the body would pass `limit` bytes.
    func append(_ chunk: ByteBuffer, limit: Int) -> Bool {
        state.withLock { state in
            guard state.body.readableBytes + chunk.readableBytes <= limit else { return false }
            var chunk = chunk
            state.body.writeBuffer(&chunk)
            return true
        }
    }

    /// The response so far, its body decoded once here (`nil`: no head yet).
    var current: Exchange? {
        state.withLock { state in
            guard var exchange = state.head else { return nil }
            exchange.body = String(buffer: state.body)
            return exchange
        }
    }
}
