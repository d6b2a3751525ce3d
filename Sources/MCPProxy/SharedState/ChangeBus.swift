/// Carries changes between the replicas of one MCP server, so that a change published on any
/// replica reaches the clients listening on every replica.
///
/// The in-process default is ``InMemoryChangeBus``: one server, or several servers in one
/// process sharing it. A bus shared through a database or a broker lets replicas behind a
/// load balancer hear each other.
///
/// Rules every bus keeps:
/// - every receiver gets every message published after it subscribed, once, and all receivers
///   see messages in one order;
/// - ``publish(_:)`` returns after the message reached this process's receivers and once it will
///   reach every other replica's; it throws when the message could not be sent, and then no
///   receiver gets it.
public protocol ChangeBus: Sendable {
    /// Sends `message` to every receiver of every replica, this one's included.
    func publish(_ message: BusMessage) async throws

    /// Registers `receiver` for the messages published from now on, by any replica. The
    /// receiver runs on the publishing path: it must not block, and must not publish itself
    /// synchronously. It gets messages until the returned subscription is cancelled or released.
    func subscribe(_ receiver: @escaping @Sendable (BusMessage) -> Void) -> ChangeBusSubscription
}

/// A receiver's registration on a ``ChangeBus``; cancelled when released.
public final class ChangeBusSubscription: Sendable {
    private let cancellation: @Sendable () -> Void

    /// A subscription that calls `cancel` once, when cancelled or released.
    public init(cancel: @escaping @Sendable () -> Void) {
        let once = OnceAction(cancel)
        self.cancellation = { once.run() }
    }

    /// Stops delivery to the receiver.
    public func cancel() { cancellation() }

    deinit { cancellation() }
}
