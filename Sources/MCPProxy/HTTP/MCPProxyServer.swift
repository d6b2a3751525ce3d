import Hummingbird
import Logging
import NIOCore
import HummingbirdCore
import ServiceLifecycle
import UnixSignals

/// Hosts one ``MCPHandler`` over Streamable HTTP, configured by one ``MCPProxyConfiguration``.
///
/// ```swift
/// let server = MCPProxyServer(configuration: .init(stateless: true, authentication: .jwt(verifier)), handler: myServer)
/// try await server.runUntilSignalled()   // SIGTERM/SIGINT drain gracefully
/// ```
///
/// It is a swift-service-lifecycle `Service`: put it in your own `ServiceGroup`
/// instead of calling ``runUntilSignalled()`` if you run other services.
public final class MCPProxyServer: Service, Sendable {
    /// The configuration in force (the verifier's issuer filled in as the authorization
    /// server when the metadata named none).
    public let configuration: MCPProxyConfiguration
    /// The live sessions (stateful mode), e.g. to publish notifications.
    public let sessions: SessionStore
    /// Publishes list changes and resource updates to subscribed clients.
    public let notifier: ChangeNotifier
    let gate: ConcurrencyGate
    let handler: any MCPHandler
    let logger: Logger
    let drain = DrainState()
    /// Requests whose handler runs now, answered at once if the drain deadline passes.
    let inFlight = InFlightRequests()
    let listening = ListeningState()
    let metadataRoute: (any ProtectedResourceMetadataRoute)?
    let metadataURL: @Sendable (RequestHead) -> String?
    let resource: BoundResource

    /// Creates a server for `handler`. Nothing is checked until ``run()``: that is where
    /// the fail-closed rules of ``Authentication`` refuse to start.
    public init(configuration: MCPProxyConfiguration, handler: some MCPHandler, logger: Logger = Logger(label: "mcp-proxy")) {
        var configuration = configuration
        if let issuer = configuration.authentication.verifier?.issuer, configuration.protectedResource?.authorizationServers.isEmpty == true {
            configuration.protectedResource?.authorizationServers = [issuer]
        }
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        let shared = configuration.sharedState ?? .inMemory(eventsPerStream: configuration.eventStoreCapacity)
        self.sessions = SessionStore(
            records: shared.sessions, events: shared.events, bus: shared.changes, maximumPerSubject: configuration.maxSessionsPerSubject,
            logger: logger)
        self.notifier = ChangeNotifier(bus: shared.changes, sessions: sessions, logger: logger)
        handler.attach(notifier: notifier)
        self.gate = ConcurrencyGate(limit: configuration.maxConcurrentRequests)
        let resource = BoundResource(configuration: configuration)
        self.resource = resource
        if let metadata = configuration.protectedResource {
            metadataRoute = ProtectedResourceRoute(
                metadata: metadata, configuration: configuration,
                addressing: ClientAddressing(trustedProxies: Set(configuration.trustedProxies)), resource: resource)
            metadataURL = { head in head.resourceURL.flatMap(ProtectedResourceMetadata.metadataURL(forResource:)) }
        } else {
            metadataRoute = nil
            metadataURL = { _ in nil }
        }
    }

    /// The port the server listens on, once it does (useful with port 0); `nil` if it failed to start.
    public func waitUntilListening() async -> Int? {
        await listening.wait()
    }

    /// Runs until SIGTERM or SIGINT, then drains: the listener closes, `/ready`
    /// answers 503, in-flight requests get ``MCPProxyConfiguration/drainTimeout`` to
    /// finish, then open streams are closed.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: self)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Runs the server as a service; graceful shutdown drains as ``runUntilSignalled()`` describes.
    public func run() async throws {
        defer { listening.stopped() }
        try StartupChecks(configuration: configuration).enforce(logger: logger)
        FileLimit.raise(logger: logger)
        // With shared state, the listener opens once the state is usable (a database connected),
        // and never when it is not.
        let app = ListenAfterReady(ready: configuration.sharedState?.waitUntilReady, application: makeApplication())
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app)] + lifecycleServices().map { .init(service: $0) }, logger: logger)
        // Requests still running at the drain deadline are answered and cancelled by the
        // drain watcher; the margins only cover writing those answers, so the service
        // group's "cancellation took too long" fatal error cannot be reached by a handler
        // that never returns.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.drainTimeout + .seconds(5)
        groupConfiguration.maximumCancellationDuration = .seconds(30)
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch {
            // A taken port is a start-up refusal in one line, not a socket error's text.
            if let refusal = StartupRefusal(bindError: error, host: configuration.host, port: configuration.port) { throw refusal }
            throw error
        }
        sessions.endAll()
    }

    /// What runs beside the listener: the session sweeper, and the drain watcher (last, so
    /// graceful shutdown reaches it first) that answers what still runs at the drain deadline
    /// and closes the long-lived streams.
    func lifecycleServices() -> [any Service] {
        (configuration.sharedState?.services ?? []) + [
            SessionSweeper(sessions: sessions, idleTimeout: configuration.sessionIdleTimeout, enabled: !configuration.stateless, logger: logger),
            DrainWatcher(
                drain: drain, gate: gate, deadline: configuration.drainTimeout, logger: logger,
                wasListening: { [listening] in listening.port != nil },
                closeStreams: { [notifier, sessions, inFlight] in
                    // Whatever still runs is answered now (503) and cancelled, so the
                    // listener can close and shutdown never outlasts the drain.
                    inFlight.abortAll()
                    notifier.closeAll()
                    sessions.closeStreams()
                }),
        ]
    }

    /// The endpoint: the order of checks, authentication and the handler.
    func makeEndpoint() -> MCPEndpoint {
        MCPEndpoint(
            configuration: configuration, handler: handler, sessions: sessions,
            gate: gate, originPolicy: configuration.originPolicy,
            addressing: ClientAddressing(trustedProxies: Set(configuration.trustedProxies)),
            challenges: ChallengeBuilder(metadataURL: metadataURL), notifier: notifier,
            resource: resource, inFlight: inFlight, description: handler.serverDescription, logger: logger)
    }

    /// CORS headers for every reply of the endpoint and the metadata route.
    func makeCORS() -> CORSDecorator {
        CORSDecorator(options: configuration.cors, policy: configuration.originPolicy)
    }

    /// `/ping`, `/health` and `/ready`.
    func makeHealthRoutes() -> HealthRoutes {
        var routes = HealthRoutes(stateless: configuration.stateless, sessions: sessions, drain: drain)
        if let shared = configuration.sharedState { routes.storeReachable = shared.isReachable }
        return routes
    }

    /// The whole request path (routing, checks, authentication, CORS, the handler) without a
    /// listener: what ``makeApplication()`` serves, and what MCPTesting drives in process.
    package func makeResponder() -> some HTTPResponder<ProxyRequestContext> {
        MCPResponder(
            endpointPath: configuration.normalizedEndpoint, endpoint: makeEndpoint(), health: makeHealthRoutes(),
            metadata: metadataRoute, cors: makeCORS(), logger: logger, accessLog: configuration.accessLog)
    }

    func makeApplication() -> some ApplicationProtocol {
        let responder = makeResponder()
        let (listening, resource, logger, configuration) = (self.listening, self.resource, self.logger, self.configuration)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: configuration.connectionHandlers(),
            idleTimeout: configuration.idleTimeout.map { TimeAmount.nanoseconds($0.saturatingNanoseconds) })
        return Application(
            responder: responder,
            server: .http1(configuration: http1),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil, backlog: configuration.backlog),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                resource.listening(on: port)
                StartupChecks(configuration: configuration).announce(boundPort: port, logger: logger)
                listening.listening(on: port)
            },
            // Hummingbird tags the logger with a request id on every request; the wrapper makes
            // that a dictionary write instead of re-rendering the handler's metadata.
            logger: DeferredMetadataLogHandler.wrap(logger))
    }
}

/// Flips the server into draining when graceful shutdown begins (it is the last
/// service, so it is told first, before the listener closes), then closes the
/// long-lived streams once in-flight requests are done or the drain deadline passed.
struct DrainWatcher: Service {
    let drain: DrainState
    let gate: ConcurrencyGate
    let deadline: Duration
    let logger: Logger
    /// Whether the listener ever came up (a server that failed to bind has nothing to drain).
    let wasListening: @Sendable () -> Bool
    let closeStreams: @Sendable () -> Void

    func run() async throws {
        try? await gracefulShutdown()
        drain.beginDraining()
        if wasListening() { logger.info("draining: finishing in-flight requests") }
        let (gate, deadline, closeStreams) = (gate, deadline, closeStreams)
        Task {
            let end = ContinuousClock.now + deadline
            while gate.current > 0, ContinuousClock.now < end {
                try? await Task.sleep(for: .milliseconds(20))
            }
            closeStreams()
        }
    }
}

/// The application, started once the shared state is ready.
struct ListenAfterReady<Application: Service>: Service {
    let ready: (@Sendable () async throws -> Void)?
    let application: Application

    func run() async throws {
        try await ready?()
        try await application.run()
    }
}

/// Ends stateful sessions that have been idle too long.
struct SessionSweeper: Service {
    let sessions: SessionStore
    let idleTimeout: Duration
    let enabled: Bool
    let logger: Logger

    func run() async throws {
        guard enabled else {
            try? await gracefulShutdown()
            return
        }
        let interval = min(idleTimeout / 4, .seconds(30))
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: max(interval, .milliseconds(10)))
                do {
                    try await sessions.expire(idleLongerThan: idleTimeout)
                } catch {
                    logger.error("idle sessions were not swept: the session store did not answer; the next sweep retries", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
