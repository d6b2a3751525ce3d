import HTTPTypes
import Hummingbird
import NIOCore

extension MCPEndpoint {
    /// Methods the 2026-07-28 revision removed; they answer -32601 (404) in that era.
    static let removedInModernEra: Set<String> = ["initialize", "ping", "resources/subscribe", "resources/unsubscribe", "logging/setLevel"]

    /// 2026-07-28 rules: one self-contained request or notification per POST, the
    /// `_meta` envelope and routing headers validated, results stamped with
    /// `resultType`, `serverInfo` and caching hints; error codes map to HTTP statuses.
    func dispatchModern(_ message: JSONRPCMessage, _ request: Request, principal: Principal?, head: RequestHead?) async -> Response {
        let supported = configuration.servedModernVersions
        switch message {
        case .response:
            return Refusal(status: .badRequest, error: .invalidRequest("the body must be a single JSON-RPC request or notification object")).response
        case .notification(let notification):
            let requested = request.headers.value(.mcpProtocolVersion) ?? ""
            guard supported.contains(requested) else {
                return Refusal(status: .badRequest, error: .unsupportedProtocolVersion(.string(requested), supported: supported)).response
            }
            let context = MCPRequestContext(
                principal: principal, requestID: nil, era: .modern2026, protocolVersion: requested,
                meta: notification.params?["_meta"]?.objectValue ?? [:], notifier: notifier)
            await handler.handle(notification, context: context)
            return ResponseFactory.empty(.accepted)
        case .request(let rpc):
            let envelope: ModernEnvelope
            switch ModernEnvelope.validate(rpc, header: { request.headers[values: HTTPField.Name($0)!] }, supported: supported) {
            case .success(let valid): envelope = valid
            case .failure(let error): return modernError(error, id: rpc.id)
            }
            if Self.removedInModernEra.contains(rpc.method) {
                return modernError(
                    JSONRPCError(code: JSONRPCError.methodNotFoundCode, message: "Method not found: \(rpc.method) does not exist in protocol \(envelope.protocolVersion)"),
                    id: rpc.id)
            }
            let decorate = modernDecoration(for: rpc.method)
            switch rpc.method {
            case "server/discover":
                return ResponseFactory.json(JSONRPCEncoding.result(id: rpc.id, decorate(discoverResult())))
            case "subscriptions/listen":
                return listen(rpc, request)
            default:
                return await invoke(
                    rpc, request, principal: principal, head: head, era: .modern2026, protocolVersion: envelope.protocolVersion,
                    sessionID: nil, allowStreaming: true,
                    errorStatus: { HTTPResponse.Status(code: ModernEnvelope.httpStatus(forErrorCode: $0)) },
                    decorate: decorate)
            }
        }
    }

    func modernError(_ error: JSONRPCError, id: JSONRPCID?) -> Response {
        Refusal(status: HTTPResponse.Status(code: ModernEnvelope.httpStatus(forErrorCode: error.code)), error: error, id: id).response
    }

    /// The `server/discover` result (before decoration).
    func discoverResult() -> JSONValue {
        var result: [String: JSONValue] = [
            "supportedVersions": .array(configuration.servedVersions.map(JSONValue.string)),
            "capabilities": description.capabilities,
        ]
        if let instructions = description.instructions { result["instructions"] = .string(instructions) }
        return .object(result)
    }

    /// Adds `resultType`, the `serverInfo` stamp and, for cacheable methods, the caching hints a result lacks.
    func modernDecoration(for method: String) -> @Sendable (JSONValue) -> JSONValue {
        let serverInfo = self.serverInfo
        let hint = CacheHint.cacheableMethods.contains(method) ? configuration.cacheHint : nil
        return { result in
            guard case .object(var members) = result else { return result }
            if members["resultType"] == nil { members["resultType"] = "complete" }
            if let hint, members["resultType"] == "complete" {
                if members["ttlMs"] == nil { members["ttlMs"] = .int(hint.ttlMs) }
                if members["cacheScope"] == nil { members["cacheScope"] = .string(hint.scope.rawValue) }
            }
            var meta = members["_meta"]?.objectValue ?? [:]
            if meta[MetaKey.serverInfo] == nil || meta[MetaKey.serverInfo] == .null { meta[MetaKey.serverInfo] = serverInfo }
            members["_meta"] = .object(meta)
            return .object(members)
        }
    }

    /// `subscriptions/listen`: an SSE stream that acknowledges what is honoured, then
    /// carries the matching notifications until the client leaves or the server stops.
    func listen(_ rpc: JSONRPCRequest, _ request: Request) -> Response {
        guard MediaTypes.acceptsEventStream(request.headers.value(.accept)) else {
            return Refusal.transport(.notAcceptable, "Not Acceptable: subscriptions/listen answers with text/event-stream").response
        }
        let honoured = SubscriptionFilter(requested: rpc.params?["notifications"]).honoured(by: description)
        guard let (stream, token) = notifier.open(filter: honoured, subscriptionID: rpc.id) else {
            return Refusal.transport(.serviceUnavailable, "Service Unavailable: the server is shutting down", headers: [.retryAfter: "1"]).response
        }
        let acknowledgement = JSONRPCNotification(
            method: "notifications/subscriptions/acknowledged",
            params: ["notifications": honoured.json, "_meta": [MetaKey.subscriptionID: rpc.id.json]])
        let notifier = self.notifier
        let keepAlive = configuration.keepAliveInterval
        return Response(
            status: .ok, headers: ResponseFactory.sseHeaders,
            body: ResponseBody { writer in
                defer { notifier.close(token: token) }
                try await writer.write(ResponseFactory.sseEvent(JSONWriter.bytes(acknowledgement.json)))
                for await item in Self.withKeepAlive(stream, every: keepAlive) {
                    switch item {
                    case .event(let notification): try await writer.write(ResponseFactory.sseEvent(JSONWriter.bytes(notification)))
                    case .keepAlive: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                }
                try await writer.finish(nil)
            })
    }
}
