import Crypto
import Foundation
import HTTPTypes
import Logging
import MCPCore
import MCPProxy
import ServiceLifecycle
import Synchronization

/// A typed MCP client for tests, in either protocol era, over the server's real request
/// path in process (``MCPTestMode/inProcess``) or live over HTTP (``MCPTestMode/live``).
///
/// ```swift
/// let client = try await server.testClient(principal: Principal(subject: "alice", scopes: ["mcp:read"]))
/// let sum = try await client.callTool("add", arguments: ["a": 2, "b": 3])
/// #expect(try sum.decode(Sum.self).value == 5)
/// await client.close()
/// ```
///
/// In the 2025 era the client performs the `initialize` handshake and carries the session
/// id when the server gives one; in the 2026-07-28 era every request carries the `_meta`
/// envelope and routing headers. Every call asks for progress, so progress and log
/// notifications sent during a call are collected on its result.
public final class MCPTestClient: Sendable {
    /// The protocol era the client speaks.
    public let era: ProtocolEra
    /// How it reaches the server.
    public let mode: MCPTestMode
    /// Who the requests come from (`nil`: unauthenticated, authentication disabled).
    public let principal: Principal?
    /// The endpoint URL of the live server (`nil` in process).
    public let url: String?
    /// The bearer token minted for ``principal`` (live mode with a principal only).
    public let token: String?
    let transport: any MCPTestTransport
    private let state: Mutex<State>

    struct State {
        var nextID = 1
        var sessionID: String?
        var protocolVersion: String
    }

    /// The `clientInfo` the client sends.
    public static let clientInfo: JSONValue = ["name": "MCPTesting", "version": .string(PackageVersion.current)]

    init(era: ProtocolEra, mode: MCPTestMode, principal: Principal?, url: String?, token: String?, transport: any MCPTestTransport) {
        self.era = era
        self.mode = mode
        self.principal = principal
        self.url = url
        self.token = token
        self.transport = transport
        self.state = Mutex(State(protocolVersion: era == .modern2026 ? ProtocolVersion.modernVersions[0] : ProtocolVersion.latestLegacy))
    }

    deinit { transport.abandon() }

    /// Starts a client for `handler`, hosted by MCPProxy with `configuration` (its
    /// authentication is replaced: in process `authenticate` returns `principal`; live, an
    /// HS256 key made for this client verifies a token minted for `principal`; a `nil`
    /// principal disables authentication). The host and port are the test's own in live
    /// mode (127.0.0.1, a free port).
    public static func start(
        serving handler: some MCPHandler, principal: Principal? = Principal(subject: "test-user"), era: ProtocolEra = .modern2026,
        mode: MCPTestMode = .inProcess,
        configuration: MCPProxyConfiguration = MCPProxyConfiguration(stateless: true, authentication: .disabled())
    ) async throws -> MCPTestClient {
        var configuration = configuration
        var logger = Logger(label: "mcp-testing")
        logger.logLevel = .error
        configuration.accessLog = false
        let client: MCPTestClient
        switch mode {
        case .inProcess:
            configuration.authentication = principal.map { principal in .required { _ in principal } } ?? .disabled()
            let server = MCPProxyServer(configuration: configuration, handler: handler, logger: logger)
            let transport = InProcessTransport(responder: server.makeResponder(), path: configuration.normalizedEndpoint, logger: logger)
            client = MCPTestClient(era: era, mode: mode, principal: principal, url: nil, token: nil, transport: transport)
        case .live:
            configuration.host = "127.0.0.1"
            configuration.port = 0
            var token: String?
            if let principal {
                let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
                let audience = "urn:mcp-testing:\(UUID().uuidString)"
                configuration.authentication = .jwt(JWTVerifier(keys: .keys([try .hs256(secret: secret)]), audience: audience))
                token = Self.mint(principal, audience: audience, secret: secret)
            } else {
                configuration.authentication = .disabled()
            }
            let server = MCPProxyServer(configuration: configuration, handler: handler, logger: logger)
            let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
            let running = Task { try await group.run() }
            guard let port = await server.waitUntilListening() else {
                await group.triggerGracefulShutdown()
                if case .failure(let error) = await running.result { throw error }
                throw MCPTestError.serverDidNotStart
            }
            let url = "http://127.0.0.1:\(port)\(configuration.normalizedEndpoint)"
            client = MCPTestClient(
                era: era, mode: mode, principal: principal, url: url, token: token,
                transport: LiveTransport(url: url, token: token, group: group, server: running))
        }
        if era == .legacy2025 {
            do {
                try await client.initialize()
            } catch {
                await client.close()
                throw error
            }
        }
        return client
    }

    /// Stops the live server (nothing to do in process). The client is unusable afterwards.
    public func close() async {
        await transport.close()
    }

    /// The session id the server gave at `initialize` (2025 era, stateful servers).
    public var sessionID: String? { state.withLock { $0.sessionID } }

    /// The protocol version requests carry (negotiated at `initialize` in the 2025 era).
    public var protocolVersion: String { state.withLock { $0.protocolVersion } }

    // MARK: - Typed calls

    /// Every tool, following `nextCursor` pages.
    public func listTools() async throws -> [ListedTool] {
        try await pages("tools/list", key: "tools").map { entry throws(MCPTestError) in try ListedTool(entry) }
    }

    /// Calls a tool with arguments from an `Encodable` value (an object).
    public func callTool(_ name: String, arguments: some Encodable & Sendable) async throws -> ToolCallResult {
        let data = try JSONEncoder().encode(arguments)
        return try await callTool(name, arguments: try JSONParser.parse(Array(data)))
    }

    /// Calls a tool with JSON arguments. A tool error is a result with ``ToolCallResult/isError``;
    /// a protocol error (unknown tool, invalid arguments, missing scope) throws ``MCPTestError/rpc(code:message:data:status:)``.
    public func callTool(_ name: String, arguments: JSONValue = [:]) async throws -> ToolCallResult {
        let reply = try await send("tools/call", params: ["name": .string(name), "arguments": arguments])
        return try ToolCallResult(reply: reply)
    }

    /// Reads a resource's contents.
    public func readResource(_ uri: String) async throws -> [ReadResourceItem] {
        let result = try await send("resources/read", params: ["uri": .string(uri)]).requireResult()
        guard let contents = result["contents"]?.arrayValue else {
            throw MCPTestError.unexpectedResult(method: "resources/read", reason: "no contents array in \(JSONWriter.string(result))")
        }
        return try contents.map { entry throws(MCPTestError) in try ReadResourceItem(entry) }
    }

    /// Every resource, following `nextCursor` pages.
    public func listResources() async throws -> [ListedResource] {
        try await pages("resources/list", key: "resources").map { entry throws(MCPTestError) in try ListedResource(entry) }
    }

    /// Every resource template, following `nextCursor` pages.
    public func listResourceTemplates() async throws -> [ListedResourceTemplate] {
        try await pages("resources/templates/list", key: "resourceTemplates").map { entry throws(MCPTestError) in
            try ListedResourceTemplate(entry)
        }
    }

    /// Every prompt, following `nextCursor` pages.
    public func listPrompts() async throws -> [ListedPrompt] {
        try await pages("prompts/list", key: "prompts").map { entry throws(MCPTestError) in try ListedPrompt(entry) }
    }

    /// Renders a prompt with string arguments.
    public func getPrompt(_ name: String, arguments: [String: String] = [:]) async throws -> PromptResult {
        let reply = try await send(
            "prompts/get", params: ["name": .string(name), "arguments": .object(arguments.mapValues(JSONValue.string))])
        return try PromptResult(reply.requireResult())
    }

    // MARK: - Raw requests

    /// Sends one JSON-RPC request in the client's era and returns the whole exchange, errors
    /// included (nothing is thrown for a JSON-RPC error or an HTTP refusal).
    /// `params["_meta"]` is merged with the era's envelope and a progress token.
    public func send(_ method: String, params: [String: JSONValue] = [:], headers extra: HTTPFields = [:]) async throws -> MCPTestReply {
        let (id, version, session) = state.withLock { state in
            defer { state.nextID += 1 }
            return (state.nextID, state.protocolVersion, state.sessionID)
        }
        var params = params
        var meta = params["_meta"]?.objectValue ?? [:]
        meta["progressToken"] = meta["progressToken"] ?? .string("progress-\(id)")
        var headers = baseHeaders(version: version, session: session)
        if era == .modern2026 {
            meta[MetaKey.protocolVersion] = meta[MetaKey.protocolVersion] ?? .string(version)
            meta[MetaKey.clientCapabilities] = meta[MetaKey.clientCapabilities] ?? [:]
            meta[MetaKey.clientInfo] = meta[MetaKey.clientInfo] ?? Self.clientInfo
            headers[HTTPField.Name("Mcp-Method")!] = method
            if let key = ModernEnvelope.nameBearingMethods[method], let name = params[key]?.stringValue {
                headers[HTTPField.Name("Mcp-Name")!] = HeaderValueCodec.encode(name)
            }
        }
        params["_meta"] = .object(meta)
        for field in extra { headers[field.name] = field.value }
        let body: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)]
        return try await transport.exchange(method: .post, headers: headers, body: JSONWriter.bytes(body))
    }

    /// Sends one JSON-RPC notification in the client's era (the server answers 202).
    public func notify(_ method: String, params: [String: JSONValue] = [:]) async throws -> MCPTestReply {
        let (version, session) = state.withLock { ($0.protocolVersion, $0.sessionID) }
        var params = params
        if era == .modern2026 {
            var meta = params["_meta"]?.objectValue ?? [:]
            meta[MetaKey.protocolVersion] = .string(version)
            params["_meta"] = .object(meta)
        }
        var headers = baseHeaders(version: version, session: session)
        if era == .modern2026 { headers[HTTPField.Name("Mcp-Method")!] = method }
        var body: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if !params.isEmpty { body["params"] = .object(params) }
        return try await transport.exchange(method: .post, headers: headers, body: JSONWriter.bytes(.object(body)))
    }

    // MARK: - Internals

    func baseHeaders(version: String, session: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]
        headers[HTTPField.Name("MCP-Protocol-Version")!] = version
        if let session { headers[HTTPField.Name("Mcp-Session-Id")!] = session }
        return headers
    }

    /// The 2025-era handshake: `initialize`, then `notifications/initialized`.
    func initialize() async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let body: JSONValue = [
            "jsonrpc": "2.0", "id": .int(id), "method": "initialize",
            "params": ["protocolVersion": .string(ProtocolVersion.latestLegacy), "capabilities": [:], "clientInfo": Self.clientInfo],
        ]
        var headers = baseHeaders(version: ProtocolVersion.latestLegacy, session: nil)
        headers[HTTPField.Name("MCP-Protocol-Version")!] = nil
        let reply = try await transport.exchange(method: .post, headers: headers, body: JSONWriter.bytes(body))
        let result = try reply.requireResult()
        guard let version = result["protocolVersion"]?.stringValue else {
            throw MCPTestError.unexpectedResult(method: "initialize", reason: "no protocolVersion in \(JSONWriter.string(result))")
        }
        state.withLock { state in
            state.protocolVersion = version
            state.sessionID = reply.header("Mcp-Session-Id")
        }
        let acknowledged = try await notify("notifications/initialized")
        guard acknowledged.status == 202 else {
            throw MCPTestError.http(status: acknowledged.status, body: acknowledged.body)
        }
    }

    /// The entries under `key` of every page of a list method.
    func pages(_ method: String, key: String) async throws -> [JSONValue] {
        var entries: [JSONValue] = []
        var cursor: JSONValue?
        repeat {
            let result = try await send(method, params: cursor.map { ["cursor": $0] } ?? [:]).requireResult()
            guard let page = result[key]?.arrayValue else {
                throw MCPTestError.unexpectedResult(method: method, reason: "no \(key) array in \(JSONWriter.string(result))")
            }
            entries += page
            cursor = result["nextCursor"].flatMap { $0 == .null ? nil : $0 }
        } while cursor != nil && entries.count < 1_000_000
        return entries
    }

    /// An HS256 token for `principal`: `sub`, space-separated `scope`, its other claims, an hour's lifetime.
    static func mint(_ principal: Principal, audience: String, secret: [UInt8]) -> String {
        var claims = principal.claims
        let now = Int(Date().timeIntervalSince1970)
        claims["sub"] = .string(principal.subject)
        claims["aud"] = .string(audience)
        claims["iat"] = .int(now)
        claims["exp"] = .int(now + 3600)
        if !principal.scopes.isEmpty { claims["scope"] = .string(principal.scopes.sorted().joined(separator: " ")) }
        let header = Base64URL.encode(JSONWriter.bytes(["alg": "HS256", "typ": "JWT"]))
        let input = header + "." + Base64URL.encode(JSONWriter.bytes(.object(claims)))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: secret))
        return input + "." + Base64URL.encode(Array(mac))
    }
}
