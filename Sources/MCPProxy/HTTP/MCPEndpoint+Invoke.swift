import HTTPTypes
import Hummingbird
import Logging
import NIOCore

extension MCPEndpoint {
    /// What a handler run came to.
    enum Outcome: Sendable {
        case result(JSONValue)
        case error(JSONRPCError)
        case insufficientScope(InsufficientScopeError)
    }

    /// What the handler run emits, in order: notifications, then one outcome.
    enum Event: Sendable {
        case notification(JSONValue)
        case done(Outcome)
    }

    /// Runs the handler under the deadline, in one task. The reply is JSON when the handler
    /// finishes before sending any notification; it becomes an SSE stream (when the client
    /// accepts one) as soon as the handler sends a notification — only then is a stream made.
    func invoke(
        _ rpc: JSONRPCRequest, _ request: Request, principal: Principal?, head: RequestHead?, era: ProtocolEra, protocolVersion: String,
        sessionID: String?, allowStreaming: Bool,
        errorStatus: @escaping @Sendable (Int) -> HTTPResponse.Status = { _ in .ok },
        createSession: (@Sendable (JSONValue) async throws -> HTTPFields)? = nil,
        decorate: @escaping @Sendable (JSONValue) -> JSONValue
    ) async -> Response {
        let streaming = allowStreaming && MediaTypes.acceptsEventStream(request.headers.value(.accept))
        let handler = self.handler
        let timeout = configuration.requestTimeout
        let challenges = self.challenges

        return await withUnsafeContinuation { (decided: UnsafeContinuation<Response, Never>) in
            let decision = ResumeOnce(decided)
            let events = LazyEventStream()
            let cancelRun = CancelSlot()
            let streamSink: @Sendable (JSONRPCNotification) async -> Void = { notification in
                if let stream = events.yield(notification.json, onCancel: { cancelRun.cancel() }) {
                    decision.resume(Self.streamResponse(stream, id: rpc.id, decorate: decorate))
                }
            }
            let sink = streaming ? streamSink : nil
            let context = MCPRequestContext(
                principal: principal, requestID: rpc.id, era: era, protocolVersion: protocolVersion, sessionID: sessionID,
                meta: rpc.meta ?? [:], sink: sink, notifier: notifier)
            // Registered before the run starts, so a drain that gives up meanwhile answers it
            // too; once the drain has given up, the abort answers at once and nothing starts.
            let inFlight = self.inFlight
            let registered = inFlight.register {
                let refusal = Refusal(
                    status: .serviceUnavailable, error: .internalError("server shutting down"), id: rpc.id, headers: [.retryAfter: "1"])
                events.finish(.error(.internalError("server shutting down")))
                decision.resume(refusal.response)
                cancelRun.cancel()
            }
            guard let entry = registered else { return }
            let run = DeadlineRunner.start(timeout: timeout) {
                try await handler.handle(rpc, context: context)
            } completion: { [self] run in
                let outcome = Self.outcome(run)
                inFlight.finish(entry)
                events.finish(outcome)
                guard case .result(let value) = outcome, let createSession else {
                    decision.resume(
                        Self.jsonResponse(
                            outcome, id: rpc.id, decorate: decorate, challenges: challenges, head: head, errorStatus: errorStatus))
                    return
                }
                // A successful stateful `initialize`: the session's record is stored before
                // the reply names it, so any replica can serve the client's next request.
                Task {
                    do {
                        let headers = try await createSession(value)
                        decision.resume(ResponseFactory.rpcResult(id: rpc.id, decorate(value), headers: headers))
                    } catch {
                        decision.resume(storeUnavailable(error, id: rpc.id).response)
                    }
                }
            }
            cancelRun.set { run.cancel() }
        }
    }

    static func outcome(_ run: DeadlineRunner.Outcome<JSONValue>) -> Outcome {
        switch run {
        case .timedOut: return .error(.requestTimedOut)
        case .finished(.success(let value)): return .result(value)
        case .finished(.failure(let error as JSONRPCError)): return .error(error)
        case .finished(.failure(let error as InsufficientScopeError)): return .insufficientScope(error)
        case .finished(.failure(is CancellationError)): return .error(.internalError("request cancelled"))
        case .finished(.failure(let error)): return .error(.internalError("Internal error: \(error)"))
        }
    }

    static func message(_ outcome: Outcome, id: JSONRPCID, decorate: (JSONValue) -> JSONValue) -> JSONValue {
        switch outcome {
        case .result(let value): return JSONRPCEncoding.result(id: id, decorate(value))
        case .error(let error): return JSONRPCEncoding.error(id: id, error)
        case .insufficientScope(let error):
            return JSONRPCEncoding.error(id: id, error.jsonRPCError)
        }
    }

    static func jsonResponse(
        _ outcome: Outcome, id: JSONRPCID,
        decorate: (JSONValue) -> JSONValue, challenges: ChallengeBuilder, head: RequestHead?,
        errorStatus: (Int) -> HTTPResponse.Status
    ) -> Response {
        switch outcome {
        case .result(let value):
            return ResponseFactory.rpcResult(id: id, decorate(value))
        case .error(let error):
            return ResponseFactory.json(JSONRPCEncoding.error(id: id, error), status: errorStatus(error.code))
        case .insufficientScope(let error):
            // With authentication, a step-up challenge; without it there is no token to
            // step up to, so a plain 403.
            guard head != nil else {
                return ResponseFactory.json(message(outcome, id: id, decorate: decorate), status: .forbidden)
            }
            var refusal = challenges.refusal(for: .insufficientScope(error.scopes), head: head)
            refusal.body = message(outcome, id: id, decorate: decorate)
            return refusal.response
        }
    }

    static func streamResponse(
        _ events: AsyncStream<Event>, id: JSONRPCID, decorate: @escaping @Sendable (JSONValue) -> JSONValue
    ) -> Response {
        Response(
            status: .ok, headers: ResponseFactory.sseHeaders,
            body: ResponseBody { writer in
                for await event in events {
                    switch event {
                    case .notification(let notification):
                        try await writer.write(ResponseFactory.sseEvent(JSONWriter.bytes(notification)))
                    case .done(let outcome):
                        try await writer.write(ResponseFactory.sseEvent(JSONWriter.bytes(message(outcome, id: id, decorate: decorate))))
                    }
                }
                try await writer.finish(nil)
            })
    }
}
