import ServiceLifecycle

/// Where a server keeps what its replicas share: changes to publish, 2025-era session records,
/// and stream events for resumption.
///
/// ``MCPProxyConfiguration/sharedState`` is `nil` by default: each server keeps its own, in
/// memory, and nothing reaches another process. Give every replica the same shared state (for
/// example MCPPostgres's) and any replica serves any session, every listener hears every change,
/// and a cut stream resumes on another replica. Several servers in one process may also share
/// one ``inMemory(eventsPerStream:)`` value.
///
/// Parts that keep a connection (a database pool, a `LISTEN`) come with ``services``: every
/// server given this value runs them beside itself (``MCPProxyServer``, or the
/// `MCPEndpointService` of a mounted endpoint). A service shared by several servers in one
/// process is run by each of them, and must do its work once.
public struct MCPSharedState: Sendable {
    /// Carries list changes, resource updates and session ends between replicas.
    public var changes: any ChangeBus
    /// The records of 2025-era stateful sessions.
    public var sessions: any SessionRecordStore
    /// The events of 2025-era GET streams, for `Last-Event-ID`.
    public var events: any StreamEventStore
    /// What keeps the parts connected, run beside each server that uses them (none in memory).
    public var services: [any Service]
    /// Returns once the parts can be used (connected, schema in place); throws why they cannot.
    /// ``MCPProxyServer`` starts listening only after it returns, and does not start when it throws.
    public var waitUntilReady: @Sendable () async throws -> Void
    /// Whether the parts are reachable now (a database connection up). A stateful server answers
    /// `/ready` with 503 while it is not, so a balancer stops sending it session traffic.
    public var isReachable: @Sendable () -> Bool

    /// Shared state made of these three parts, kept up by `services`, usable once `waitUntilReady`
    /// returns, reachable while `isReachable` says so.
    public init(
        changes: any ChangeBus, sessions: any SessionRecordStore, events: any StreamEventStore, services: [any Service] = [],
        waitUntilReady: @escaping @Sendable () async throws -> Void = {}, isReachable: @escaping @Sendable () -> Bool = { true }
    ) {
        self.changes = changes
        self.sessions = sessions
        self.events = events
        self.services = services
        self.waitUntilReady = waitUntilReady
        self.isReachable = isReachable
    }

    /// Fresh in-process parts, keeping the last `eventsPerStream` events of each stream.
    public static func inMemory(eventsPerStream: Int = 1000) -> MCPSharedState {
        MCPSharedState(
            changes: InMemoryChangeBus(), sessions: InMemorySessionRecordStore(),
            events: InMemoryStreamEventStore(capacity: eventsPerStream))
    }
}
