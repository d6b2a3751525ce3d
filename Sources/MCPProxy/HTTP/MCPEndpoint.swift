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
    let originPolicy: OriginPolicy
    let addressing: ClientAddressing
    let challenges: ChallengeBuilder
    let notifier: ChangeNotifier
    /// The resource URL and default token audience, never taken from a request.
    let resource: BoundResource
    /// The `authenticate` callback, `nil` when authentication is disabled.
    let authenticate: Authenticator?
    /// The `Host` rules (DNS rebinding, duplicates).
    let hosts: HostPolicy
    /// The handler's description, read once.
    let description: ServerDescription
    /// `description.serverInfo`, built once for the 2026 result stamp.
    let serverInfo: JSONValue

    init(
        configuration: MCPProxyConfiguration, handler: any MCPHandler, sessions: SessionStore, gate: ConcurrencyGate,
        originPolicy: OriginPolicy, addressing: ClientAddressing, challenges: ChallengeBuilder, notifier: ChangeNotifier,
        resource: BoundResource, description: ServerDescription
    ) {
        self.configuration = configuration
        self.handler = handler
        self.sessions = sessions
        self.gate = gate
        self.originPolicy = originPolicy
        self.addressing = addressing
        self.challenges = challenges
        self.notifier = notifier
        self.resource = resource
        self.authenticate = configuration.authentication.authenticator
        self.hosts = HostPolicy(configuration: configuration)
        self.description = description
        self.serverInfo = description.serverInfo
    }

    /// Bytes of a refused request's body we read to keep the connection alive.
    static let drainLimit = 64 * 1024

    /// GET and DELETE exist only for 2025-era stateful sessions.
    var sessionMethodsAllowed: Bool { !configuration.stateless && configuration.eras.contains(.legacy2025) }
    var allowedMethods: String { sessionMethodsAllowed ? "GET, POST, DELETE" : "POST" }

    func respond(_ request: Request, context: ProxyRequestContext) async -> Response {
        if request.method == .options {
            return ResponseFactory.empty(.noContent)
        }
        if let origin = request.headers[.origin], !originPolicy.allows(origin) {
            return await refuse(request, context, Refusal.transport(.forbidden, "Forbidden: origin not allowed"))
        }
        if let refusal = hosts.check(request) {
            return await refuse(request, context, refusal)
        }
        let methodAllowed = request.method == .post || (sessionMethodsAllowed && (request.method == .get || request.method == .delete))
        if !methodAllowed {
            return await refuse(
                request, context,
                Refusal.transport(.methodNotAllowed, "Method not allowed", headers: [.allow: allowedMethods]))
        }
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > configuration.maxBodySize {
            return await refuse(request, context, payloadTooLarge())
        }
        guard gate.enter() else {
            return await refuse(
                request, context,
                Refusal.transport(.serviceUnavailable, "Server busy: too many concurrent requests", headers: [.retryAfter: "1"]))
        }
        defer { gate.leave() }

        var principal: Principal?
        var head: RequestHead?
        if let authenticate {
            let (scheme, host) = addressing.resolve(request, remoteIP: context.remoteIP)
            let localPort = context.localPort
            let requestHead = RequestHead(
                method: request.method, path: request.uri.path, headers: request.headers,
                remoteAddress: context.remoteAddress, scheme: scheme, host: host,
                resourceURL: resource.advertised(scheme: scheme, host: host, localPort: localPort),
                tokenAudience: resource.url(localPort: localPort))
            head = requestHead
            do {
                guard let found = try await authenticate(requestHead) else {
                    return await refuse(request, context, challenges.unauthorized(requestHead, message: "Unauthorized: missing or invalid credentials"))
                }
                principal = found
            } catch let error as AuthenticationError {
                return await refuse(request, context, challenges.refusal(for: error, head: requestHead))
            } catch {
                return await refuse(request, context, challenges.unauthorized(requestHead, message: "Unauthorized: \(error)"))
            }
        }

        switch request.method {
        case .get: return await openStream(request, context, principal: principal)
        case .delete: return await endSession(request, context, principal: principal)
        default: return await post(request, context, principal: principal, head: head)
        }
    }

    func payloadTooLarge() -> Refusal {
        Refusal.transport(.contentTooLarge, "Payload too large: the limit is \(configuration.maxBodySize) bytes")
    }

    /// Sends a refusal without buffering the request body: up to 64 KiB is read and
    /// discarded so the connection can be reused; beyond that the reply carries
    /// `Connection: close` and the connection is closed after it.
    func refuse(_ request: Request, _ context: ProxyRequestContext, _ refusal: Refusal) async -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }) {
            // Hummingbird reads and discards a small declared body itself after the reply.
            return declared <= Self.drainLimit ? refusal.response : closing(refusal, context)
        }
        guard request.headers[.transferEncoding] != nil else { return refusal.response }  // no body
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

    /// The reply with `Connection: close`; our side of the connection is shut
    /// after it is written (the peer then sees the end of the reply and closes).
    func closing(_ refusal: Refusal, _ context: ProxyRequestContext) -> Response {
        var headers = refusal.headers
        headers[.connection] = "close"
        headers[.contentType] = ResponseFactory.jsonContentType
        let bytes = ByteBuffer(bytes: JSONWriter.bytes(refusal.body))
        let channel = context.channel
        return Response(
            status: refusal.status, headers: headers,
            body: ResponseBody(contentLength: bytes.readableBytes) { writer in
                try await writer.write(bytes)
                try await writer.finish(nil)
                try? await channel.close(mode: .output)
            })
    }
}
