import Logging
import ServiceLifecycle
import Synchronization

/// The lifecycle of an MCP endpoint mounted in someone else's Hummingbird application: add
/// it to the application's `ServiceGroup` (next to the application itself).
///
/// It sweeps idle sessions (stateful mode) and, on graceful shutdown, drains the endpoint:
/// `/ready` (when registered) answers 503, in-flight requests get
/// ``MCPProxyConfiguration/drainTimeout`` to finish (then they are answered 503 and cancelled),
/// and open streams (`subscriptions/listen`, 2025 GET streams) are closed — without it those
/// streams would hold the application's shutdown until its own timeout. Returned by
/// `addMCPEndpoint` on a `Router` or `RouterGroup`.
public final class MCPEndpointService: Service, Sendable {
    let server: MCPProxyServer
    private let started = Atomic<Bool>(false)
    private let warned = Atomic<Bool>(false)

    init(server: MCPProxyServer) {
        self.server = server
    }

    /// The live sessions (stateful mode), e.g. to publish notifications.
    public var sessions: SessionStore { server.sessions }

    /// Publishes list changes and resource updates to subscribed clients.
    public var notifier: ChangeNotifier { server.notifier }

    /// Runs the session sweeper and the drain watcher until graceful shutdown has drained the endpoint.
    public func run() async throws {
        started.store(true, ordering: .relaxed)
        let services = server.lifecycleServices()
        try await withThrowingDiscardingTaskGroup { group in
            for service in services {
                group.addTask { try await service.run() }
            }
        }
        server.sessions.endAll()
    }

    /// Logs once, loudly, when requests arrive while the service is not running.
    func warnIfNotRunning(logger: Logger) {
        guard !started.load(ordering: .relaxed), !warned.exchange(true, ordering: .relaxed) else { return }
        logger.error(
            "the mounted MCP endpoint serves requests but its MCPEndpointService is not running: add the service addMCPEndpoint returned to your ServiceGroup, or idle sessions are never swept and open streams hold up shutdown")
    }
}
