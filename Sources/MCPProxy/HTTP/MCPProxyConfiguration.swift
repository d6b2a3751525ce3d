import NIOCore

/// Everything about how MCPProxy serves one MCP endpoint, in one value.
public struct MCPProxyConfiguration: Sendable {
    /// Address to bind. Defaults to loopback.
    public var host: String
    /// Port to bind; 0 picks a free one (see ``MCPProxyServer/waitUntilListening()``).
    public var port: Int
    /// The MCP endpoint path.
    public var endpoint: String
    /// `true`: no sessions, a fresh context per request, `authenticate` on every request.
    public var stateless: Bool
    /// Whether and how every request to the MCP endpoint is authenticated. There is
    /// no default: `.disabled()` must be chosen, and is refused on a non-loopback
    /// bind unless it says `allowRemote: true`.
    public var authentication: Authentication
    /// RFC 9728 metadata to serve and to name in `WWW-Authenticate` challenges (`nil`: none).
    /// Its `resource` is the resource URL (see ``resourceURL(boundPort:)``).
    public var protectedResource: ProtectedResourceMetadata?
    /// Advertise a resource URL derived from each request's `Host` (scheme and host,
    /// trusted-proxy headers honoured) instead of the bound address. Off by default;
    /// even when on, the token audience never follows `Host`.
    public var resourceFromHost: Bool
    /// The protocol eras served on the endpoint (both by default). A request of an
    /// era switched off is answered as by a server that never knew that era.
    public var eras: Set<ProtocolEra>
    /// 2026-07-28 caching hints for cacheable results that set none.
    public var cacheHint: CacheHint
    /// Allowed browser origins, for CORS and for the DNS-rebinding check.
    /// `nil`: loopback origins when bound to loopback, else any origin.
    public var allowedOrigins: [String]?
    /// Extra `Host` names accepted on a loopback-bound server (DNS-rebinding defence), e.g.
    /// the name a local reverse proxy forwards. Loopback names and the resource URL's host
    /// are always accepted. When set, the check applies whatever the bind address.
    public var allowedHosts: [String]
    /// What allowed origins may do.
    public var cors: CORSOptions
    /// Largest accepted request body in bytes (413 above it).
    public var maxBodySize: Int
    /// Per-request handler deadline; the client then gets -32603 "request timed out".
    public var requestTimeout: Duration
    /// Time allowed to receive a complete request head on a connection (slow-loris defence).
    public var headerTimeout: Duration?
    /// Idle time after which a keep-alive connection is closed.
    public var idleTimeout: Duration?
    /// A request body with no byte for this long is cut: 408 and close (`nil`: never).
    public var bodyIdleTimeout: Duration?
    /// A request body arriving slower than this many bytes per second on average, after
    /// ``minBodyRateGrace``, is cut: 408 and close (0: no minimum). Response streams are exempt.
    public var minBodyRate: Int
    /// Time a request body may take before ``minBodyRate`` applies.
    public var minBodyRateGrace: Duration
    /// Authenticated requests handled at once on the MCP endpoint; beyond it, 503 with `Retry-After`.
    public var maxConcurrentRequests: Int
    /// Requests at once whose `authenticate` is still running (the pre-authentication
    /// limit, so unauthenticated traffic cannot take the slots of authenticated work);
    /// beyond it, 503 with `Retry-After`.
    public var maxUnauthenticatedRequests: Int
    /// Peers whose `X-Forwarded-Proto`/`X-Forwarded-Host` are believed (IP addresses).
    public var trustedProxies: [String]
    /// Time in-flight requests get to finish after SIGTERM/SIGINT before open streams are closed.
    public var drainTimeout: Duration
    /// Stateful mode: sessions unused for this long are ended.
    public var sessionIdleTimeout: Duration
    /// Stateful mode: sessions one subject may hold at once; an `initialize` beyond it ends
    /// that subject's least recently used session.
    public var maxSessionsPerSubject: Int
    /// Stateful mode: events kept per session for `Last-Event-ID` resumption (when
    /// ``sharedState`` is `nil`; a shared event store keeps its own retention).
    public var eventStoreCapacity: Int
    /// What replicas share: the change bus, 2025-era session records and stream events.
    /// `nil` (the default): this server keeps its own in memory, and a change, a session or a
    /// stream's events reach no other process. Give every replica the same value to serve one
    /// MCP server from several processes (see ``MCPSharedState``).
    public var sharedState: MCPSharedState?
    /// Interval of SSE keep-alive comments.
    public var keepAliveInterval: Duration
    /// Whether the access log is written (info level).
    public var accessLog: Bool
    /// The listen backlog: connections the kernel queues before the server accepts them.
    public var backlog: Int
    /// Where body pacing reads the time; `nil` (always, outside tests) reads the event loop's.
    /// A test sets it to hold pacing still on a loaded machine and move it when it chooses.
    var bodyPacingClock: (@Sendable () -> NIODeadline)? = nil

    /// Creates a configuration. `authentication` has no default: choose `.jwt(verifier)`,
    /// `.required(authenticate)` or `.disabled()` (loopback only).
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        endpoint: String = "/mcp",
        stateless: Bool = false,
        authentication: Authentication,
        protectedResource: ProtectedResourceMetadata? = nil,
        resourceFromHost: Bool = false,
        eras: Set<ProtocolEra> = [.legacy2025, .modern2026],
        cacheHint: CacheHint = .default,
        allowedOrigins: [String]? = nil,
        allowedHosts: [String] = [],
        cors: CORSOptions = .default,
        maxBodySize: Int = 10 * 1024 * 1024,
        requestTimeout: Duration = .seconds(60),
        headerTimeout: Duration? = .seconds(30),
        idleTimeout: Duration? = .seconds(120),
        bodyIdleTimeout: Duration? = .seconds(10),
        minBodyRate: Int = 1024,
        minBodyRateGrace: Duration = .seconds(5),
        maxConcurrentRequests: Int = 1024,
        maxUnauthenticatedRequests: Int = 1024,
        trustedProxies: [String] = [],
        drainTimeout: Duration = .seconds(10),
        sessionIdleTimeout: Duration = .seconds(30 * 60),
        maxSessionsPerSubject: Int = 64,
        eventStoreCapacity: Int = 1000,
        keepAliveInterval: Duration = .seconds(15),
        accessLog: Bool = true,
        backlog: Int = 1024,
        sharedState: MCPSharedState? = nil
    ) {
        self.host = host
        self.port = port
        self.endpoint = endpoint
        self.stateless = stateless
        self.authentication = authentication
        self.protectedResource = protectedResource
        self.resourceFromHost = resourceFromHost
        self.eras = eras
        self.cacheHint = cacheHint
        self.allowedOrigins = allowedOrigins
        self.allowedHosts = allowedHosts
        self.cors = cors
        self.maxBodySize = maxBodySize
        self.requestTimeout = requestTimeout
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.bodyIdleTimeout = bodyIdleTimeout
        self.minBodyRate = minBodyRate
        self.minBodyRateGrace = minBodyRateGrace
        self.maxConcurrentRequests = maxConcurrentRequests
        self.maxUnauthenticatedRequests = maxUnauthenticatedRequests
        self.trustedProxies = trustedProxies
        self.drainTimeout = drainTimeout
        self.sessionIdleTimeout = sessionIdleTimeout
        self.maxSessionsPerSubject = maxSessionsPerSubject
        self.eventStoreCapacity = eventStoreCapacity
        self.keepAliveInterval = keepAliveInterval
        self.accessLog = accessLog
        self.backlog = backlog
        self.sharedState = sharedState
    }

    /// The origin policy in force (explicit list, or the bind-address default).
    public var originPolicy: OriginPolicy {
        allowedOrigins.map(OriginPolicy.init) ?? OriginPolicy.defaultFor(host: host)
    }

    /// The versions served: 2026-07-28 first, then the 2025 era newest first (of the eras switched on).
    var servedVersions: [String] {
        (eras.contains(.modern2026) ? ProtocolVersion.modernVersions : [])
            + (eras.contains(.legacy2025) ? ProtocolVersion.legacyVersions.reversed() : [])
    }

    /// The 2026-07-28 versions served.
    var servedModernVersions: [String] { eras.contains(.modern2026) ? ProtocolVersion.modernVersions : [] }

    /// The resource URL (RFC 8707/9728) of the server bound to `boundPort`: the configured
    /// `protectedResource.resource`, else `http://<bind host>:<bound port><endpoint>`.
    /// It is the token audience unless the verifier names its own; it never comes from a request.
    public func resourceURL(boundPort: Int) -> String {
        protectedResource?.resource ?? listenURL(boundPort: boundPort)
    }

    /// `http://<bind host>:<bound port><endpoint>`, as the log shows it.
    public func listenURL(boundPort: Int) -> String {
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(shown):\(boundPort)\(normalizedEndpoint)"
    }

    /// The endpoint path normalised to one leading slash and no trailing slash.
    public var normalizedEndpoint: String {
        var path = endpoint
        while path.hasSuffix("/"), path.count > 1 { path.removeLast() }
        if !path.hasPrefix("/") { path = "/" + path }
        return path
    }
}
