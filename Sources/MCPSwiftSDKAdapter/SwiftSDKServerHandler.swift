import Foundation
import Logging
import MCP
import MCPProxy

/// Hosts an official swift-sdk `MCP.Server` behind MCPProxy, so an existing
/// swift-sdk server gains stateless OAuth hosting in a few lines:
///
/// ```swift
/// let handler = SwiftSDKServerHandler(
///     description: ServerDescription(name: "weather", version: "1.0", capabilities: ["tools": [:]])
/// ) {
///     let server = MCP.Server(name: "weather", version: "1.0", capabilities: .init(tools: .init()))
///     await server.withMethodHandler(CallTool.self) { params in … SwiftSDKServerHandler.principal … }
///     return server
/// }
/// try await MCPProxyServer(configuration: .init(stateless: true, authentication: .jwt(verifier)), handler: handler)
///     .runUntilSignalled()
/// ```
///
/// Every request gets its **own** `Server` and transport: the swift-sdk transport
/// matches replies by JSON-RPC id, and every client starts at id 1, so a shared
/// one hands one caller another's result. Each request also runs under `timeout`
/// (the SDK has none). The caller's principal is visible to the SDK handlers as
/// ``principal`` (a task-local).
public struct SwiftSDKServerHandler: MCPHandler {
    /// The authenticated caller of the request being handled, inside SDK handlers.
    @TaskLocal public static var principal: Principal?

    /// The name, version and capabilities the SDK server declares, as the 2026 `server/discover` reports them.
    public let serverDescription: ServerDescription
    let timeout: Duration
    let makeServer: @Sendable () async throws -> MCP.Server

    /// - Parameters:
    ///   - description: what `server/discover` and list-change subscriptions report.
    ///   - timeout: how long one request may take inside the SDK server.
    ///   - makeServer: builds a configured server (handlers registered, not started); called once per request.
    public init(
        description: ServerDescription, timeout: Duration = .seconds(60),
        makeServer: @escaping @Sendable () async throws -> MCP.Server
    ) {
        self.serverDescription = description
        self.timeout = timeout
        self.makeServer = makeServer
    }

    /// Answers one request through a fresh SDK server and transport; what the server sends
    /// meanwhile streams back when the reply can stream.
    public func handle(_ request: JSONRPCRequest, context: MCPRequestContext) async throws -> JSONValue {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": request.id.json, "method": .string(request.method)]
        if let params = request.params { message["params"] = params }
        let reply = try await exchange(JSONWriter.bytes(.object(message)), id: request.id, context: context)
        if let error = reply["error"] {
            throw JSONRPCError(
                code: error["code"]?.intValue ?? JSONRPCError.internalErrorCode,
                message: error["message"]?.stringValue ?? "error from the swift-sdk server", data: error["data"])
        }
        return reply["result"] ?? [:]
    }

    /// Ignored: a fresh server per request has no state a client notification could change.
    public func handle(_ notification: JSONRPCNotification, context: MCPRequestContext) async {
        // A fresh server per request has no state a client notification could change.
    }

    /// Runs one request through a fresh server and transport.
    func exchange(_ bytes: [UInt8], id: JSONRPCID, context: MCPRequestContext) async throws -> JSONValue {
        let server = try await makeServer()
        let transport = OneShotTransport(request: Data(bytes), id: id, sink: context.canStream ? context.send : nil)
        defer { Task { await server.stop() } }
        return try await Self.$principal.withValue(context.principal) {
            try await server.start(transport: transport)
            return try await withThrowingTaskGroup(of: JSONValue.self) { group in
                group.addTask { try await transport.reply() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw JSONRPCError(code: JSONRPCError.internalErrorCode, message: "the swift-sdk server did not answer within \(timeout)")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }
}
