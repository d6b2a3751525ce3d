import HTTPTypes
import Hummingbird
import Logging
import NIOCore

extension MCPEndpoint {
    /// POST: media checks, body, JSON, protocol and session rules, then the handler.
    func post(_ request: Request, _ context: ConnectionFacts, principal: Principal?, head: RequestHead?) async -> Response {
        guard MediaTypes.isJSON(request.headers.value(.contentType)) else {
            return await refuseInSlot(
                request, context, Refusal.transport(.unsupportedMediaType, "Unsupported Media Type: Content-Type must be application/json"))
        }
        guard MediaTypes.acceptsPostReply(request.headers.value(.accept)) else {
            return await refuseInSlot(
                request, context,
                Refusal.transport(.notAcceptable, "Not Acceptable: Accept must allow application/json or text/event-stream"))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodySize)
        } catch {
            // The body was partly read (it cannot be iterated again): close after the reply.
            return closing(payloadTooLarge(), context)
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body.readableBytesView)
        } catch {
            return Refusal(status: .badRequest, error: .parseError(error.description)).response
        }
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.classify(document)
        } catch {
            let id = document["id"].flatMap(JSONRPCID.init)
            return Refusal(status: .badRequest, error: error, id: id).response
        }
        switch era(of: message, request) {
        case .modern2026: return await dispatchModern(message, request, principal: principal, head: head)
        case .legacy2025: return await dispatchLegacy(message, request, principal: principal, head: head)
        }
    }

    /// The era a POST is served in: 2026-07-28 when `MCP-Protocol-Version` names a
    /// version outside the 2025 era, or (without that header) when `_meta` carries a
    /// protocol version. An era switched off hands its requests to the other era's rules.
    func era(of message: JSONRPCMessage, _ request: Request) -> ProtocolEra {
        let modern: Bool
        if let version = request.headers.value(.mcpProtocolVersion) {
            modern = !ProtocolVersion.isLegacy(version)
        } else {
            let params: JSONValue?
            switch message {
            case .request(let rpc): params = rpc.params
            case .notification(let notification): params = notification.params
            case .response: params = nil
            }
            modern = params?["_meta"]?[MetaKey.protocolVersion] != nil
        }
        let eras = configuration.eras
        if modern { return eras.contains(.modern2026) || !eras.contains(.legacy2025) ? .modern2026 : .legacy2025 }
        return eras.contains(.legacy2025) || !eras.contains(.modern2026) ? .legacy2025 : .modern2026
    }

    /// 2025-era rules: protocol version header, sessions, then the handler.
    func dispatchLegacy(_ message: JSONRPCMessage, _ request: Request, principal: Principal?, head: RequestHead?) async -> Response {
        let headerVersion = request.headers.value(.mcpProtocolVersion)
        if let headerVersion, !ProtocolVersion.isLegacy(headerVersion) {
            return Refusal(
                status: .badRequest,
                error: JSONRPCError(
                    code: JSONRPCError.invalidRequestCode,
                    message: "Bad Request: Unsupported protocol version: \(headerVersion)",
                    data: ["supported": .array(ProtocolVersion.legacyVersions.map(JSONValue.string)), "requested": .string(headerVersion)]),
                id: message.requestID
            ).response
        }
        let isInitialize: Bool
        if case .request(let rpc) = message, rpc.method == "initialize" { isInitialize = true } else { isInitialize = false }

        var session: Session?
        if !configuration.stateless && !isInitialize {
            switch await resolveSession(request, principal: principal, id: message.requestID) {
            case .success(let found): session = found
            case .failure(let refusal): return refusal.response
            }
        }
        let version = headerVersion ?? session?.protocolVersion ?? ProtocolVersion.defaultLegacyWithoutHeader

        switch message {
        case .notification(let notification):
            let context = MCPRequestContext(
                principal: principal, requestID: nil, era: .legacy2025, protocolVersion: version, sessionID: session?.id,
                meta: notification.params?["_meta"]?.objectValue ?? [:], notifier: notifier)
            await handler.handle(notification, context: context)
            return ResponseFactory.empty(.accepted)
        case .response:
            return ResponseFactory.empty(.accepted)
        case .request(let rpc):
            if rpc.method == "ping" {
                return ResponseFactory.rpcResult(id: rpc.id, [:])
            }
            var createSession: (@Sendable (JSONValue) async throws -> HTTPFields)?
            if isInitialize && !configuration.stateless {
                let sessions = self.sessions
                let subject = principal?.subject
                let clientInfo = rpc.params?["clientInfo"]
                let clientCapabilities = rpc.params?["capabilities"]
                createSession = { result in
                    let negotiated = result["protocolVersion"]?.stringValue ?? ProtocolVersion.latestLegacy
                    let created = try await sessions.create(
                        subject: subject, protocolVersion: negotiated, clientInfo: clientInfo, clientCapabilities: clientCapabilities)
                    return [.mcpSessionID: created.id]
                }
            }
            return await invoke(
                rpc, request, principal: principal, head: head, era: .legacy2025, protocolVersion: version, sessionID: session?.id,
                allowStreaming: !isInitialize, createSession: createSession,
                decorate: { $0 })
        }
    }

    /// The session named by `Mcp-Session-Id`, checked against the caller's subject.
    func resolveSession(_ request: Request, principal: Principal?, id: JSONRPCID?) async -> Result<Session, Refusal> {
        guard let sessionID = request.headers.value(.mcpSessionID), !sessionID.isEmpty else {
            return .failure(
                Refusal(
                    status: .badRequest,
                    error: JSONRPCError(code: JSONRPCError.serverErrorCode, message: "Bad Request: Mcp-Session-Id header is required"),
                    id: id))
        }
        let found: Session?
        do {
            found = try await sessions.resolve(sessionID)
        } catch {
            return .failure(storeUnavailable(error, id: id))
        }
        guard let session = found else {
            return .failure(
                Refusal(status: .notFound, error: JSONRPCError(code: JSONRPCError.sessionNotFoundCode, message: "Session not found"), id: id))
        }
        if let owner = session.subject, owner != principal?.subject {
            return .failure(
                Refusal(
                    status: .forbidden,
                    error: JSONRPCError(code: JSONRPCError.serverErrorCode, message: "Forbidden: session belongs to another subject"),
                    id: id))
        }
        return .success(session)
    }

    /// 503 with `Retry-After`: the session store did not answer (logged with its error).
    func storeUnavailable(_ error: any Error, id: JSONRPCID?) -> Refusal {
        logger.error("a session request was refused with 503: the session store did not answer", metadata: ["error": "\(error)"])
        return Refusal(
            status: .serviceUnavailable,
            error: JSONRPCError(code: JSONRPCError.internalErrorCode, message: "Service Unavailable: the session store is unreachable"),
            id: id, headers: [.retryAfter: "1"])
    }
}
