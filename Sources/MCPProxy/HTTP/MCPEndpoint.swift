import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Serves the MCP endpoint: applies the documented order of checks, then hands
/// the message to the ``MCPHandler``.
///
/// Order: OPTIONS preflight → Origin → Host → method → declared size → concurrency →
/// `authenticate` → method-specific media checks → body → JSON → protocol and
/// session rules → handler. CORS headers are added by the caller to every reply.
struct MCPEndpoint: Sendable {
    let configuration: MCPProxyConfiguration
    let handler: any MCPHandler
    let sessions: SessionStore
    let gate: ConcurrencyGate
    /// The pre-authentication limit: requests whose `authenticate` is running.
    let admission: ConcurrencyGate
    let originPolicy: OriginPolicy
    let addressing: ClientAddressing
    let challenges: ChallengeBuilder
    let notifier: ChangeNotifier
    /// The resource URL and default token audience, never taken from a request.
    let resource: BoundResource
    /// Handler runs that shutdown may have to answer and cancel.
    let inFlight: InFlightRequests
    /// The `authenticate` callback, `nil` when authentication is disabled.
    let authenticate: Authenticator?
    /// The `Host` rules (DNS rebinding, duplicates).
    let hosts: HostPolicy
    /// Where refused origins and hosts are logged, with the setting that allows them.
    let refusals: RefusalLog
    /// The handler's description, read once.
    let description: ServerDescription
    /// Where refusals the operator must see (an unreachable session store) are logged.
    let logger: Logger
    /// `description.serverInfo`, built once for the 2026 result stamp.
    let serverInfo: JSONValue

    init(
        configuration: MCPProxyConfiguration, handler: any MCPHandler, sessions: SessionStore, gate: ConcurrencyGate,
        originPolicy: OriginPolicy, addressing: ClientAddressing, challenges: ChallengeBuilder, notifier: ChangeNotifier,
        resource: BoundResource, inFlight: InFlightRequests = InFlightRequests(), description: ServerDescription, logger: Logger
    ) {
        self.configuration = configuration
        self.handler = handler
        self.sessions = sessions
        self.gate = gate
        self.admission = ConcurrencyGate(limit: configuration.maxUnauthenticatedRequests)
        self.originPolicy = originPolicy
        self.addressing = addressing
        self.challenges = challenges
        self.notifier = notifier
        self.resource = resource
        self.inFlight = inFlight
        self.authenticate = configuration.authentication.authenticator
        self.hosts = HostPolicy(configuration: configuration)
        self.refusals = RefusalLog(logger: logger)
        self.logger = logger
        self.description = description
        self.serverInfo = description.serverInfo
    }

    /// Bytes of a refused request's body we read to keep the connection alive.
    static let drainLimit = 64 * 1024

    /// GET and DELETE exist only for 2025-era stateful sessions.
    var sessionMethodsAllowed: Bool { !configuration.stateless && configuration.eras.contains(.legacy2025) }
    var allowedMethods: String { sessionMethodsAllowed ? "GET, POST, DELETE" : "POST" }

    func respond(_ request: Request, context: ConnectionFacts) async -> Response {
        if request.method == .options {
            return ResponseFactory.empty(.noContent)
        }
        if let origin = request.headers.value(.origin), !originPolicy.allows(origin) {
            refusals.refused(.origin, origin)
            return await refuse(request, context, Refusal.transport(.forbidden, "Forbidden: origin not allowed"))
        }
        if let refusal = hosts.check(request) {
            if refusal.status == .forbidden { refusals.refused(.host, request.head.authority ?? "") }
            return await refuse(request, context, refusal)
        }
        let methodAllowed = request.method == .post || (sessionMethodsAllowed && (request.method == .get || request.method == .delete))
        if !methodAllowed {
            return await refuse(
                request, context,
                Refusal.transport(.methodNotAllowed, "Method not allowed", headers: [.allow: allowedMethods]))
        }
        if let declared = request.headers.value(.contentLength).flatMap({ Int($0) }), declared > configuration.maxBodySize {
            return await refuse(request, context, payloadTooLarge())
        }
        // Two limits: a cheap one for requests not yet authenticated, the gate for
        // authenticated work. A refusal never drains a body while holding either.
        var principal: Principal?
        var head: RequestHead?
        if let authenticate {
            guard admission.enter() else { return await refuse(request, context, busy) }
            switch await self.authenticate(request, context, with: authenticate) {
            case .failure(let refusal):
                admission.leave()
                return await refuse(request, context, refusal)
            case .success(let (found, requestHead)):
                (principal, head) = (found, requestHead)
            }
            guard gate.enter() else {
                admission.leave()
                return await refuse(request, context, busy)
            }
            admission.leave()
        } else {
            guard gate.enter() else { return await refuse(request, context, busy) }
        }
        defer { gate.leave() }

        switch request.method {
        case .get: return await openStream(request, context, principal: principal)
        case .delete: return await endSession(request, context, principal: principal)
        default: return await post(request, context, principal: principal, head: head)
        }
    }

    /// 503 with `Retry-After`: a limit of requests at once is reached.
    var busy: Refusal {
        Refusal.transport(.serviceUnavailable, "Server busy: too many concurrent requests", headers: [.retryAfter: "1"])
    }

    /// Runs `authenticate` on the request head: the principal, or the refusal to send.
    func authenticate(
        _ request: Request, _ context: ConnectionFacts, with authenticate: Authenticator
    ) async -> Result<(Principal, RequestHead), Refusal> {
        let (scheme, host) = addressing.resolve(request, remoteIP: context.remoteIP)
        let localPort = context.localPort
        let requestHead = RequestHead(
            method: request.method, path: request.uri.path, headers: request.headers,
            peer: context.remote, scheme: scheme, host: host,
            resourceURL: resource.advertised(scheme: scheme, host: host, localPort: localPort),
            tokenAudience: resource.url(localPort: localPort))
        do {
            guard let found = try await authenticate(requestHead) else {
                return .failure(challenges.unauthorized(requestHead, message: "Unauthorized: missing or invalid credentials"))
            }
            return .success((found, requestHead))
        } catch let error as AuthenticationError {
            return .failure(challenges.refusal(for: error, head: requestHead))
        } catch {
            return .failure(challenges.unauthorized(requestHead, message: "Unauthorized: \(error)"))
        }
    }

    func payloadTooLarge() -> Refusal {
        Refusal.transport(.contentTooLarge, "Payload too large: the limit is \(configuration.maxBodySize) bytes")
    }

    /// Sends a refusal without buffering the request body: up to 64 KiB is read and
    /// discarded so the connection can be reused; beyond that the reply carries
    /// `Connection: close` and the connection is closed after it. While a concurrency
    /// slot is held (`holdingSlot`), a chunked body is never drained: the reply closes.
    func refuse(_ request: Request, _ context: ConnectionFacts, _ refusal: Refusal, holdingSlot: Bool = false) async -> Response {
        if let declared = request.headers.value(.contentLength).flatMap({ Int($0) }) {
            // Hummingbird reads and discards a small declared body itself after the reply
            // (after this request's slot is released).
            return declared <= Self.drainLimit ? refusal.response : closing(refusal, context)
        }
        guard request.headers.value(.transferEncoding) != nil else { return refusal.response }  // no body
        if holdingSlot { return closing(refusal, context) }
        var drained = 0
        do {
            for try await part in request.body {
                drained += part.readableBytes
                if drained > Self.drainLimit { return closing(refusal, context) }
            }
        } catch {
            return closing(refusal, context)
        }
        return refusal.response
    }

    /// ``refuse(_:_:_:holdingSlot:)`` for a request that holds a concurrency slot.
    func refuseInSlot(_ request: Request, _ context: ConnectionFacts, _ refusal: Refusal) async -> Response {
        await refuse(request, context, refusal, holdingSlot: true)
    }

    /// The reply with `Connection: close`; our side of the connection is shut
    /// after it is written (the peer then sees the end of the reply and closes).
    func closing(_ refusal: Refusal, _ context: ConnectionFacts) -> Response {
        var headers = refusal.headers
        headers[.connection] = "close"
        headers[.contentType] = ResponseFactory.jsonContentType
        let bytes = ByteBuffer(bytes: JSONWriter.bytes(refusal.body))
        let closeOutput = context.closeOutput
        return Response(
            status: refusal.status, headers: headers,
            body: ResponseBody(contentLength: bytes.readableBytes) { writer in
                try await writer.write(bytes)
                try await writer.finish(nil)
                await closeOutput?()
            })
    }
}
