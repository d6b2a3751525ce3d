/// Everything a handler knows about the request it is answering.
public struct MCPRequestContext: Sendable {
    /// The authenticated caller, or `nil` when the server runs without authentication.
    public var principal: Principal?
    /// The JSON-RPC id of the request (nil for notifications).
    public var requestID: JSONRPCID?
    /// The protocol era the request arrived in.
    public var era: ProtocolEra
    /// The protocol version in force for this request.
    public var protocolVersion: String
    /// The session, in stateful mode after `initialize`.
    public var sessionID: String?
    /// Whether notifications sent now reach the client (they ride on the POST's SSE reply).
    public var canStream: Bool { sink != nil }
    /// `params._meta` of the request.
    public var meta: [String: JSONValue]
    /// 2026-07-28: the client capabilities the request's envelope declares.
    public var clientCapabilities: JSONValue?
    /// Publishes list changes and resource updates to the clients listening on the server that
    /// serves this request (and, with a shared bus, on every replica); `nil` outside MCPProxy.
    public var notifier: ChangeNotifier?
    let sink: (@Sendable (JSONRPCNotification) async -> Void)?

    /// A context; the transport builds one per request.
    public init(
        principal: Principal?, requestID: JSONRPCID?, era: ProtocolEra, protocolVersion: String,
        sessionID: String? = nil, meta: [String: JSONValue] = [:],
        sink: (@Sendable (JSONRPCNotification) async -> Void)? = nil, notifier: ChangeNotifier? = nil
    ) {
        self.principal = principal
        self.requestID = requestID
        self.era = era
        self.protocolVersion = protocolVersion
        self.sessionID = sessionID
        self.meta = meta
        self.sink = sink
        self.notifier = notifier
        self.clientCapabilities = meta[MetaKey.clientCapabilities]
    }

    /// Throws -32021 when a 2026-07-28 request does not declare `capability`
    /// (e.g. `"sampling"`, `"elicitation"`, `"roots"`) in its client capabilities.
    /// 2025-era requests pass: their capabilities were given at `initialize`.
    public func requireClientCapability(_ capability: String) throws {
        guard era == .modern2026 else { return }
        if clientCapabilities?[capability] == nil {
            throw JSONRPCError.missingClientCapability(capability)
        }
    }

    /// Sends a notification to the caller on the reply stream; dropped when streaming is impossible.
    public func send(_ notification: JSONRPCNotification) async {
        await sink?(notification)
    }

    /// Reports progress when the client asked for it with `_meta.progressToken`.
    public func progress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        guard let token = meta["progressToken"] else { return }
        var params: [String: JSONValue] = ["progressToken": token, "progress": .double(progress)]
        if let total { params["total"] = .double(total) }
        if let message { params["message"] = .string(message) }
        await send(JSONRPCNotification(method: "notifications/progress", params: .object(params)))
    }

    /// Sends a `notifications/message` log entry to the caller.
    public func log(_ level: String = "info", _ data: JSONValue, logger: String? = nil) async {
        var params: [String: JSONValue] = ["level": .string(level), "data": data]
        if let logger { params["logger"] = .string(logger) }
        await send(JSONRPCNotification(method: "notifications/message", params: .object(params)))
    }
}
