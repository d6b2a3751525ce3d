import MCPProxy

/// What a FastMCP handler knows about the request it serves.
public struct Context: Sendable {
    let base: MCPRequestContext
    let stateless: Bool
    /// The FastMCP server's hub, for requests served where MCPProxy gives no notifier.
    let hub: NotifierHub

    init(_ base: MCPRequestContext, stateless: Bool, hub: NotifierHub) {
        self.base = base
        self.stateless = stateless
        self.hub = hub
    }

    /// The authenticated caller (subject, scopes, claims), or `nil` without authentication.
    public var principal: Principal? { base.principal }
    /// The JSON-RPC request id.
    public var requestID: JSONRPCID? { base.requestID }
    /// The protocol era of the request.
    public var era: ProtocolEra { base.era }
    /// The protocol version in force.
    public var protocolVersion: String { base.protocolVersion }
    /// The session id (2025-era stateful mode only).
    public var sessionID: String? { base.sessionID }
    /// Tells listening clients that tools, prompts or resources changed (see ``Notifier``).
    /// Wired when the request is served over HTTP by MCPProxy; over stdio a change reaches nobody.
    public var notifier: Notifier {
        guard let serving = base.notifier else { return Notifier(hub: hub) }
        return Notifier(hub: NotifierHub(fixed: serving, logger: FastMCPServer.logger))
    }
    /// Whether the client left or the deadline passed: stop work and throw.
    public var isCancelled: Bool { Task.isCancelled }

    /// Throws `CancellationError` when the request was cancelled.
    public func checkCancellation() throws { try Task.checkCancellation() }

    /// Reports progress when the client asked for it; it rides on the reply's SSE stream.
    public func progress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        await base.progress(progress, total: total, message: message)
    }

    /// Sends a log message (`notifications/message`) on the reply's SSE stream.
    public func log(_ level: LogLevel = .info, _ message: String, logger: String? = nil) async {
        await base.log(level.rawValue, .string(message), logger: logger)
    }

    /// Throws -32021 when a 2026-07-28 client did not declare `capability`.
    public func requireClientCapability(_ capability: String) throws {
        try base.requireClientCapability(capability)
    }

    /// Server-initiated sampling needs a session the server can call back on.
    /// It is refused with a clear error: in stateless mode and in the 2026-07-28 era
    /// there is no such channel, and this server does not route server→client requests.
    public func requestSampling(_ request: JSONValue) async throws -> JSONValue {
        throw sessionFeatureError("sampling")
    }

    /// Elicitation (asking the user) needs a session; refused as ``requestSampling(_:)``.
    public func elicit(_ request: JSONValue) async throws -> JSONValue {
        throw sessionFeatureError("elicitation")
    }

    /// Listing the client's roots needs a session; refused as ``requestSampling(_:)``.
    public func listRoots() async throws -> JSONValue {
        throw sessionFeatureError("roots")
    }

    func sessionFeatureError(_ feature: String) -> JSONRPCError {
        let reason: String
        if stateless {
            reason = "the server runs in stateless mode, where no session exists to carry server-initiated requests"
        } else if era == .modern2026 {
            reason = "the 2026-07-28 protocol has no server-initiated requests"
        } else {
            reason = "this server does not route server-initiated requests"
        }
        return JSONRPCError(code: JSONRPCError.invalidRequestCode, message: "\(feature) is unavailable: \(reason)")
    }
}

/// Log levels of `notifications/message` (RFC 5424 names).
public enum LogLevel: String, Sendable {
    case debug, info, notice, warning, error, critical, alert, emergency
}
