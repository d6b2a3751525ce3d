import Logging
import MCPProxy
import Synchronization

/// Tells listening clients that the tools, prompts or resources changed: 2026-07-28
/// `subscriptions/listen` streams and 2025-era GET streams, on every replica when the server
/// shares a change bus (``MCPProxyConfiguration/sharedState``).
///
/// Reach it as `context.notifier` inside a handler, or as ``FastMCPServer/notifier`` anywhere
/// (a background job, a file watcher). It is *wired* while the server is served over HTTP by
/// MCPProxy; FastMCP then announces `listChanged: true`. Unwired (stdio, or before `run`), a
/// change reaches nobody, and the first one is logged as a warning.
///
/// ```swift
/// server.tool("add_note", description: "Adds a note") { (note: NewNote, context) in
///     notes.append(note)
///     context.notifier.resourcesListChanged()
///     return "added"
/// }
/// ```
public struct Notifier: Sendable {
    let hub: NotifierHub

    /// Tells listening clients the tool list changed.
    public func toolsListChanged() { publish(.toolsListChanged) }
    /// Tells listening clients the prompt list changed.
    public func promptsListChanged() { publish(.promptsListChanged) }
    /// Tells listening clients the resource list changed.
    public func resourcesListChanged() { publish(.resourcesListChanged) }
    /// Tells the clients subscribed to `uri` that the resource changed.
    public func resourceUpdated(uri: String) { publish(.resourceUpdated(uri: uri)) }

    /// Publishes `change` and returns at once (see ``ChangeNotifier/publish(_:)``).
    public func publish(_ change: ChangeNotifier.Change) {
        let targets = hub.targets
        if targets.isEmpty { hub.warnUnwired(change) }
        for target in targets { target.publish(change) }
    }

    /// Publishes `change` and returns once the bus took it; throws ``NotServedError`` when
    /// the notifier is not wired, or the bus's error.
    public func deliver(_ change: ChangeNotifier.Change) async throws {
        let targets = hub.targets
        guard !targets.isEmpty else { throw NotServedError(change: change) }
        for target in targets { try await target.deliver(change) }
    }

    /// Whether a server that reaches clients is attached (the server is served over HTTP).
    public var isWired: Bool { !hub.targets.isEmpty }

    /// A change published while no server that reaches clients was attached.
    public struct NotServedError: Error, CustomStringConvertible {
        /// The change that reached nobody.
        public let change: ChangeNotifier.Change

        /// Names the change and why it went nowhere.
        public var description: String {
            "\(change) reached no client: the server is not served over HTTP (stdio has no listen streams), or not yet running"
        }
    }
}

/// The ``ChangeNotifier``s of the servers hosting one FastMCP server (held weakly: a stopped
/// server leaves by itself).
final class NotifierHub: Sendable {
    private struct Entry {
        weak var notifier: ChangeNotifier?
    }

    private let entries = Mutex<[Entry]>([])
    private let warned = Atomic<Bool>(false)
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// A hub that always reaches `notifier` (a request's context).
    convenience init(fixed notifier: ChangeNotifier?, logger: Logger) {
        self.init(logger: logger)
        if let notifier { attach(notifier) }
    }

    func attach(_ notifier: ChangeNotifier) {
        entries.withLock { entries in
            entries.removeAll { $0.notifier == nil || $0.notifier === notifier }
            entries.append(Entry(notifier: notifier))
        }
    }

    var targets: [ChangeNotifier] {
        entries.withLock { $0.compactMap(\.notifier) }
    }

    func warnUnwired(_ change: ChangeNotifier.Change) {
        guard !warned.exchange(true, ordering: .relaxed) else { return }
        logger.warning(
            "\(change) reached no client: change notifications need the server served over HTTP (MCPProxy); this warning is logged once")
    }
}
